"""Restoring a backup: the database goes back in time, the devices are told, and nobody
who was locked out since gets back in.

A backup copied back by hand once left devices silently out of step (their cursors
still matched the old epoch), let a revoked device work again, and, next to an old
`-wal` file, corrupted the database. `restore`:

1. refuses while a server process (or another command) uses the database
   (`serving_lock`), and holds the database alone until it is done: a server started
   meanwhile refuses to start rather than open the file about to be replaced;
2. reads the revocations of the database it replaces (devices, used or withdrawn
   enrolment codes) where that database can still be read;
3. puts the backup in place through SQLite's backup API into a fresh file that then
   replaces the old one, its `-wal` and `-shm` files removed first (PostgreSQL:
   `pg_restore --clean`);
4. migrates it to this server's schema, writes a **new epoch** (every device's next pull
   is answered 410 and it pulls everything again, re-sending its own records the server
   lacks; each at a moment of its own within `restore_spread_minutes`, announced with the
   410), applies the revocations again and notes the restore in the audit trail.
"""

import fcntl
import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, Engine, text
from sqlmodel import Session, col, select

from sync_server import audit, change_order, db
from sync_server.settings import Settings
from sync_server.tables import Device, EnrolmentCode, SyncState
from wegweiser.model import new_id

APPLICATION_NAME = "wegweiser-server"
"""How server processes name their PostgreSQL connections (`db.make_engine`); restore
connects under another name and looks for these."""


RESTORING = 87650002
"""PostgreSQL advisory lock a restore holds while it runs."""


class RestoreRefused(Exception):
    """The restore was not started; the message says why, in German."""


class RestoreRunning(Exception):
    """A restore holds the database: nothing else may open it now (German message)."""

    def __init__(self) -> None:
        super().__init__(
            "Gerade wird eine Sicherung zurückgespielt. Bitte warten, bis die "
            "Wiederherstellung fertig ist, und dann erneut starten."
        )


def sqlite_path(database_url: str) -> Path | None:
    """The file of an SQLite database URL (None for PostgreSQL)."""
    if database_url.startswith("sqlite:///"):
        return Path(database_url.removeprefix("sqlite:///"))
    return None


def serving_lock(settings: Settings) -> IO[bytes] | None:
    """Mark the database as in use by this process until it ends (or the returned file
    is closed); raises `RestoreRunning` while a restore holds it. Several server
    processes and commands may share it; `restore` needs it alone. For PostgreSQL the
    connections' application name marks it, and a running restore's advisory lock is
    asked for once."""
    path = sqlite_path(settings.database_url)
    if path is None:
        _refuse_if_postgres_restoring(settings.database_url)
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = Path(f"{path}.lock").open("ab")  # noqa: SIM115 - held open while serving
    try:
        fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        raise RestoreRunning() from None
    return lock


def _refuse_if_postgres_restoring(database_url: str) -> None:
    engine = db.make_engine(database_url, connections=1)
    try:
        with engine.connect() as connection:
            free = connection.execute(
                text("SELECT pg_try_advisory_lock_shared(:key)"), {"key": RESTORING}
            ).scalar_one()
            if free:
                connection.execute(
                    text("SELECT pg_advisory_unlock_shared(:key)"), {"key": RESTORING}
                )
    finally:
        engine.dispose()
    if not free:
        raise RestoreRunning()


@contextmanager
def held_alone(database_url: str) -> Iterator[None]:
    """The database for a restore alone, from its checks to its last write: refused
    (`RestoreRefused`) while a server process uses it, and no server process starts
    until the restore is done."""
    path = sqlite_path(database_url)
    if path is None:
        with _postgres_held_alone(database_url):
            yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with Path(f"{path}.lock").open("ab") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RestoreRefused(_SERVED) from None
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def _postgres_held_alone(database_url: str) -> Iterator[None]:
    engine = db.make_engine(database_url, connections=1, application_name="wegweiser-restore")
    try:
        with engine.connect() as connection:
            taken = connection.execute(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": RESTORING}
            ).scalar_one()
            connection.commit()
            if not taken:
                raise RestoreRefused("Eine andere Wiederherstellung läuft gerade.")
            try:
                _refuse_if_postgres_served(connection)
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": RESTORING})
                connection.commit()
    finally:
        engine.dispose()


@dataclass
class Revocations:
    """Who was locked out in the database being replaced."""

    devices: dict[str, datetime] = field(default_factory=dict)
    codes: dict[str, tuple[datetime | None, datetime]] = field(default_factory=dict)
    """code hash → (used at, expires at), for codes used or withdrawn."""


@dataclass
class Restored:
    epoch: str
    devices_revoked_again: int
    codes_closed_again: int
    revocations_read: bool


def restore(settings: Settings, backup: Path) -> Restored:
    """Put `backup` in place of the configured database (see the module's steps)."""
    if settings.database_pooled:
        # Its lock must stay on one connection from the checks to the last write.
        raise RestoreRefused(_POOLED)
    if not backup.is_file():
        raise RestoreRefused(f"Die Sicherung {backup} gibt es nicht.")
    target = sqlite_path(settings.database_url)
    with held_alone(settings.database_url):
        if target is not None:
            _check_sqlite_backup(backup)
        revocations, read = _revocations(settings.database_url)
        if target is not None:
            _replace_sqlite(backup, target)
        else:
            _replace_postgres(backup, settings.database_url)
        engine = db.make_engine(settings.database_url, connections=1)
        try:
            db.init_db(engine)  # an older backup gets this version's schema
            spread = settings.restore_spread_minutes * 60
            return _after_restore(engine, revocations, read, backup, spread)
        finally:
            engine.dispose()


_POOLED = (
    "Eine Wiederherstellung braucht PostgreSQL selbst, nicht den Verbindungspooler: "
    "WEGWEISER_DATABASE_URL auf PostgreSQL setzen und WEGWEISER_DATABASE_POOLED weglassen."
)
_SERVED = (
    "Der Server läuft noch auf dieser Datenbank. Bitte alle Serverprozesse beenden und "
    "die Wiederherstellung dann erneut starten."
)


def _refuse_if_postgres_served(connection: Connection) -> None:
    others = connection.execute(
        text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND application_name = :name AND pid <> pg_backend_pid()"
        ),
        {"name": APPLICATION_NAME},
    ).scalar_one()
    if others:
        raise RestoreRefused(f"{_SERVED} ({others} Verbindungen)")


def _check_sqlite_backup(backup: Path) -> None:
    try:
        connection = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            check = connection.execute("PRAGMA quick_check").fetchone()
            state = connection.execute("SELECT epoch FROM sync_state WHERE id = 1").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise RestoreRefused(
            f"{backup} ist keine lesbare Sicherung eines Wegweiser-Servers ({exc})."
        ) from None
    if check != ("ok",) or state is None:
        raise RestoreRefused(f"{backup} ist keine vollständige Sicherung eines Wegweiser-Servers.")


def _revocations(database_url: str) -> tuple[Revocations, bool]:
    """The revocations of the database about to be replaced; (empty, False) when it
    cannot be read (a damaged file: then revocations must be repeated by hand)."""
    path = sqlite_path(database_url)
    if path is not None and not path.exists():
        return Revocations(), False
    found = Revocations()
    try:
        engine = db.make_engine(database_url, connections=1)
        try:
            with Session(engine) as session:
                for device in session.exec(
                    select(Device).where(col(Device.revoked_at).is_not(None))
                ):
                    assert device.revoked_at is not None
                    found.devices[device.id] = device.revoked_at
                for code in session.exec(select(EnrolmentCode)):
                    found.codes[code.code_hash] = (code.used_at, code.expires_at)
        finally:
            engine.dispose()
    except Exception:
        return Revocations(), False
    return found, True


def _replace_sqlite(backup: Path, target: Path) -> None:
    fresh = target.with_name(f"{target.name}.wiederherstellung")
    fresh.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    destination = sqlite3.connect(fresh)
    try:
        source.backup(destination)
        destination.execute("PRAGMA journal_mode = DELETE")  # one file, nothing beside it
    finally:
        destination.close()
        source.close()
    # The old log files belong to the old database: next to the restored one, SQLite
    # would replay them into it.
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(fresh, target)


def _replace_postgres(backup: Path, database_url: str) -> None:
    if shutil.which("pg_restore") is None:
        raise RestoreRefused("pg_restore ist nicht installiert (Paket postgresql-client).")
    plain_url = database_url.replace("postgresql+psycopg://", "postgresql://")
    result = subprocess.run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={plain_url}", backup],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RestoreRefused(f"pg_restore ist gescheitert: {result.stderr.strip()[:500]}")


def _after_restore(
    engine: Engine, revocations: Revocations, read: bool, backup: Path, spread: int
) -> Restored:
    with Session(engine) as session:
        state = session.get(SyncState, 1)
        assert state is not None
        state.epoch = new_id()
        state.resync_until = int(time.time()) + spread
        session.add(state)
        session.flush()
        change_order.settle(session.connection())
        devices = 0
        for device_id, revoked_at in revocations.devices.items():
            device = session.get(Device, device_id)
            if device is not None and device.revoked_at is None:
                device.revoked_at = revoked_at
                session.add(device)
                devices += 1
        codes = 0
        for code_hash, (used_at, expires_at) in revocations.codes.items():
            code = session.get(EnrolmentCode, code_hash)
            if code is None:
                continue
            if (used_at and not code.used_at) or expires_at < code.expires_at:
                code.used_at = code.used_at or used_at
                code.expires_at = min(code.expires_at, expires_at)
                session.add(code)
                codes += 1
        audit.record(
            session,
            None,
            audit.RESTORED,
            None,
            None,
            {"backup": backup.name, "devices_revoked_again": devices, "codes_closed": codes},
        )
        session.commit()
        return Restored(state.epoch, devices, codes, read)
