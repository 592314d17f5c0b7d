"""The server's settings: one typed object, read from the environment."""

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from wegweiser.dataset import MAX_BYTES as MAX_DATASET_BYTES
from wegweiser.hosts import is_loopback
from wegweiser.messages import quoted, validation_message

DEFAULT_DATA_DIR = Path("data")


class SettingsError(ValueError):
    """A setting in the environment cannot be read; the message is German and names it."""


class Settings(BaseSettings):
    """Everything an operator can set, with the defaults of the zero-set-up mode; each
    field is read from `WEGWEISER_<NAME>` (the data folder from WEGWEISER_SERVER_DATA_DIR)."""

    model_config = SettingsConfigDict(
        env_prefix="WEGWEISER_", frozen=True, extra="ignore", populate_by_name=True
    )

    database_url: str = ""
    """Empty: an embedded SQLite file in the data folder."""
    database_pooled: bool = False
    """The URL names a connection pooler that hands each transaction to any server
    connection (pgbouncer's transaction mode): statements are then never prepared on a
    connection, and `restore` refuses (it needs PostgreSQL itself)."""
    host: str = "127.0.0.1"
    port: int = Field(default=8765, ge=1, le=65535)
    max_body_bytes: int = Field(default=1_000_000, ge=1)
    """Largest request body accepted (413 above)."""
    max_dataset_bytes: int = Field(default=MAX_DATASET_BYTES, ge=1)
    """Largest dataset file `load-demo` reads (refused before reading above)."""
    max_batch: int = Field(default=200, ge=1)
    """Most mutations in one push."""
    working: int = Field(default=8, ge=1)
    """Requests served at once; the database pool has one connection more, for /health."""
    waiting: int = Field(default=256, ge=0)
    """Requests queued beyond those; any more get 503 with Retry-After at once."""
    wait_seconds: float = Field(default=10.0, gt=0)
    """How long a queued request waits for its turn before it gets 503."""
    retry_after: int = Field(default=2, ge=1)
    """Seconds a device is asked to wait after a 503 (devices add a random share)."""
    body_seconds: float = Field(default=30.0, gt=0)
    """How long a request's body may take to arrive (408 after): a body is read before
    the request takes a place at work, so that one trickling in holds none."""
    pushes_per_minute: int = Field(default=60, ge=1)
    """Pushes one device may send a minute (each up to `max_batch` changes)."""
    pushes_per_address_minute: int = Field(default=600, ge=1)
    """Pushes from one network address a minute: an office's tablets share one."""
    enrolments_per_address_minute: int = Field(default=10, ge=1)
    """Enrolment attempts from one network address a minute (codes cannot be guessed)."""
    reports_per_hour: int = Field(default=200, ge=1)
    """New change reports one account may send an hour."""
    max_pending_reports: int = Field(default=300, ge=1)
    """Change reports of one account waiting for review at most; more wait on the device."""
    max_notes_per_account: int = Field(default=2_000, ge=1)
    """Private notes one account keeps on the server at most; more stay on the device."""
    max_note_chars_per_account: int = Field(default=2_000_000, ge=1)
    """Characters of one account's private notes together at most."""
    max_favourites_per_account: int = Field(default=5_000, ge=1)
    """Favourites one account keeps on the server at most; more stay on the device."""
    handouts_per_device_hour: int = Field(default=200, ge=1)
    """Handouts one device may have made an hour (one already made, or a 304, is free)."""
    handout_cpu_seconds: float = Field(default=20.0, gt=0)
    """CPU time making one handout may take (422 beyond; one in Farsi takes 0.7 s here)."""
    handout_cache_mb: int = Field(default=500, ge=0)
    """Made handouts kept on disk, in `<data folder>/handouts`, shared by every process
    that sees the folder (0: memory only)."""
    first_sync_cache_mb: int = Field(default=200, ge=0)
    """Pages of first syncs kept compressed, in `<data folder>/first-syncs`: a new device
    whose Kommunen another new device had gets them read, not queried (0: none kept)."""
    restore_spread_minutes: int = Field(default=30, ge=0, le=24 * 60)
    """After a restore every device pulls everything again: each at a moment of its own
    within this many minutes, announced with the 410 (0: all at once)."""
    retention_days: int = Field(default=180, ge=1)
    """Tombstones older than this may be purged; older cursors must resync."""
    public_pages: bool = True
    """The open Wegweiser (/wegweiser/…): published content as web pages, without an
    account. `false` for a district that does not want them."""
    pages_per_address_minute: int = Field(default=600, ge=1)
    """Public pages one network address may ask for a minute (a school's whole class
    behind one address stays well below; a scraper does not)."""
    page_cache_entries: int = Field(default=2000, ge=0)
    """Public pages kept rendered in memory (each a few KB; 0: none)."""
    public_base_url: str = Field(default="", max_length=300, pattern=r"^(https?://[^\s]+)?$")
    """Where visitors reach the server (https://wegweiser.example.de), for the links a
    page names in full; empty: the address the request came in on."""
    smtp_host: str = Field(default="", max_length=253)
    """The mail server for update requests and registrations; empty: no mail is sent,
    each is written as an .eml file into `<data folder>/mail` for the office to send."""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_security: Literal["starttls", "tls", "none"] = "starttls"
    """starttls (port 587), tls (port 465) or none (a relay on this machine only)."""
    smtp_user: str = Field(default="", max_length=200)
    smtp_password: SecretStr = SecretStr("")
    mail_from: str = Field(default="", max_length=200)
    """The sender address; empty: the coordination office's address of the region, which
    is always the Reply-To."""
    trusted_proxies: str = Field(default="", max_length=2000, pattern=r"^[0-9A-Fa-f:.,/ ]*$")
    """Addresses (comma-separated, networks with /) of the reverse proxies whose
    X-Forwarded-For names the client; empty: none, every request is its connection's
    address. A forwarded address from anyone else would let a script pick a fresh
    address per request and escape every limit by address."""
    data_dir: Path = Field(default=DEFAULT_DATA_DIR, validation_alias="WEGWEISER_SERVER_DATA_DIR")

    @model_validator(mode="after")
    def _embedded_database(self) -> "Settings":
        if not self.database_url:
            object.__setattr__(self, "database_url", f"sqlite:///{self.data_dir / 'server.sqlite'}")
        return self

    def warnings(self) -> list[str]:
        """What an operator should hear before the server starts, in German."""
        found = []
        if not is_loopback(self.host):
            found.append(
                f"Der Server spricht unverschlüsseltes HTTP auf {self.host}. Geräte-Tokens "
                "und Inhalte gingen im Klartext durchs Netz: bitte auf 127.0.0.1 lassen und "
                "einen Reverse-Proxy mit TLS davor setzen (docs/deployment.md)."
            )
        if self.smtp_host and not self.public_base_url:
            found.append(
                "Mails werden versendet, aber WEGWEISER_PUBLIC_BASE_URL fehlt: die Links in "
                f"Aktualisierungsanfragen zeigen auf http://{self.host}:{self.port}, das "
                "von außen niemand erreicht."
            )
        if self.smtp_host and self.smtp_security == "none" and not is_loopback(self.smtp_host):
            found.append(
                f"Der Mailserver {self.smtp_host} wird ohne Verschlüsselung angesprochen: "
                "Links in Aktualisierungsanfragen gingen im Klartext durchs Netz "
                "(WEGWEISER_SMTP_SECURITY=starttls oder tls)."
            )
        return found

    @property
    def mail_folder(self) -> Path:
        """Where mails are written when no mail server is set (and kept for the office)."""
        return self.data_dir / "mail"

    @classmethod
    def from_env(cls) -> "Settings":
        """Read the `WEGWEISER_*` variables (README "Settings"); a value that cannot be
        read raises `SettingsError` naming the variable, in German."""
        try:
            return cls()
        except ValidationError as exc:
            error = exc.errors()[0]
            name = str(error["loc"][0]) if error.get("loc") else "?"
            variable = name if name.startswith("WEGWEISER_") else f"WEGWEISER_{name.upper()}"
            raise SettingsError(
                f"Einstellung {variable}: {validation_message(error)} "
                f"(gelesen: {quoted(error.get('input', ''))})"
            ) from None
