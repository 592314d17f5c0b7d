"""The server's settings: one typed object, read from the environment."""

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

from wegweiser.dataset import MAX_BYTES as MAX_DATASET_BYTES

DEFAULT_DATA_DIR = Path("data")


@dataclass(frozen=True)
class Settings:
    """Everything an operator can set, with the defaults of the zero-set-up mode."""

    database_url: str
    host: str = "127.0.0.1"
    port: int = 8765
    max_body_bytes: int = 1_000_000
    """Largest request body accepted (413 above)."""
    max_dataset_bytes: int = MAX_DATASET_BYTES
    """Largest dataset file `load-demo` reads (refused before reading above)."""
    max_batch: int = 200
    """Most mutations in one push."""
    working: int = 8
    """Requests served at once; the database pool has one connection more, for /health."""
    waiting: int = 256
    """Requests queued beyond those; any more get 503 with Retry-After at once."""
    wait_seconds: float = 10.0
    """How long a queued request waits for its turn before it gets 503."""
    retry_after: int = 2
    """Seconds a device is asked to wait after a 503 (devices add a random share)."""
    pushes_per_minute: int = 60
    """Pushes one device may send a minute (each up to `max_batch` changes)."""
    pushes_per_address_minute: int = 600
    """Pushes from one network address a minute: an office's tablets share one."""
    enrolments_per_address_minute: int = 10
    """Enrolment attempts from one network address a minute (codes cannot be guessed)."""
    reports_per_hour: int = 200
    """New change reports one account may send an hour."""
    max_pending_reports: int = 300
    """Change reports of one account waiting for review at most; more wait on the device."""
    retention_days: int = 180
    """Tombstones older than this may be purged; older cursors must resync."""
    data_dir: Path = DEFAULT_DATA_DIR

    def warnings(self) -> list[str]:
        """What an operator should hear before the server starts, in German."""
        found = []
        if not _loopback(self.host):
            found.append(
                f"Der Server spricht unverschlüsseltes HTTP auf {self.host}. Geräte-Tokens "
                "und Inhalte gingen im Klartext durchs Netz: bitte auf 127.0.0.1 lassen und "
                "einen Reverse-Proxy mit TLS davor setzen (docs/deployment.md)."
            )
        return found

    @classmethod
    def from_env(cls) -> "Settings":
        """Read the `WEGWEISER_*` variables; see README "Settings".

        Without a database URL the server uses an embedded SQLite file in the data folder.
        """
        env = os.environ
        data_dir = Path(env.get("WEGWEISER_SERVER_DATA_DIR", DEFAULT_DATA_DIR))
        url = env.get("WEGWEISER_DATABASE_URL") or f"sqlite:///{data_dir / 'server.sqlite'}"
        return cls(
            database_url=url,
            host=env.get("WEGWEISER_HOST", cls.host),
            port=int(env.get("WEGWEISER_PORT", cls.port)),
            max_body_bytes=int(env.get("WEGWEISER_MAX_BODY_BYTES", cls.max_body_bytes)),
            max_dataset_bytes=int(env.get("WEGWEISER_MAX_DATASET_BYTES", cls.max_dataset_bytes)),
            max_batch=int(env.get("WEGWEISER_MAX_BATCH", cls.max_batch)),
            working=int(env.get("WEGWEISER_WORKING", cls.working)),
            waiting=int(env.get("WEGWEISER_WAITING", cls.waiting)),
            wait_seconds=float(env.get("WEGWEISER_WAIT_SECONDS", cls.wait_seconds)),
            retry_after=int(env.get("WEGWEISER_RETRY_AFTER", cls.retry_after)),
            pushes_per_minute=int(env.get("WEGWEISER_PUSHES_PER_MINUTE", cls.pushes_per_minute)),
            pushes_per_address_minute=int(
                env.get("WEGWEISER_PUSHES_PER_ADDRESS_MINUTE", cls.pushes_per_address_minute)
            ),
            enrolments_per_address_minute=int(
                env.get(
                    "WEGWEISER_ENROLMENTS_PER_ADDRESS_MINUTE", cls.enrolments_per_address_minute
                )
            ),
            reports_per_hour=int(env.get("WEGWEISER_REPORTS_PER_HOUR", cls.reports_per_hour)),
            max_pending_reports=int(
                env.get("WEGWEISER_MAX_PENDING_REPORTS", cls.max_pending_reports)
            ),
            retention_days=int(env.get("WEGWEISER_RETENTION_DAYS", cls.retention_days)),
            data_dir=data_dir,
        )


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name that may resolve to anything
