"""Opening the local store: WAL mode, schema migrations, and a way out of a broken file."""

import errno
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlmodel import Session

from app.store import migrations
from wegweiser.model import json_text
from wegweiser.search import fts5_index
from wegweiser.search import index as search_index

_SQLITE_HEADER = b"SQLite format 3\x00"


class StoreError(Exception):
    """The local store cannot be used; `message` says why in German, for the person."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


class StoreCorruptError(StoreError):
    """The file is damaged or is not a Wegweiser database; `quarantine` is the way out."""


class StoreFullError(StoreError):
    """The device's storage is full: the file is fine, it only cannot be opened now."""


class StoreTooNewError(StoreError):
    """The file was written by a newer app version; opening it could lose data."""


@dataclass
class Store:
    """An open local store. Use `session()` for entity access, `raw()` for plain SQL."""

    path: Path
    engine: Engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed together at the end, or not at all."""
        # Records stay readable after commit: views use them once the session is gone.
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @staticmethod
    def raw(session: Session) -> sqlite3.Connection:
        """The sqlite3 connection under `session`, in the same transaction."""
        driver = session.connection().connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        return driver

    def close(self) -> None:
        self.engine.dispose()


def open_store(path: Path, use_fts5: bool | None = None) -> Store:
    """Open (or create) the store at `path`, migrating it to the current schema.

    Its search index is FTS5 where this platform's SQLite has it, else plain tables;
    `use_fts5=False` asks for plain tables anyway (tests, benchmarks).

    Raises `StoreCorruptError` or `StoreTooNewError` with a German message; the file is
    then left exactly as it was.
    """
    if use_fts5 is None or not fts5_index.available():
        use_fts5 = fts5_index.available()
    path.parent.mkdir(parents=True, exist_ok=True)
    _check_header(path)
    for attempt in range(_LOCKED_TRIES):
        try:
            _prepare(path, use_fts5)
            break
        except sqlite3.OperationalError as exc:
            # Another opening of the same file (a second session of the web app) holds
            # it while it migrates; SQLite answers some of those waits at once instead of
            # waiting out its timeout. Locked is not damaged: wait, then try again.
            if "locked" not in str(exc) or attempt == _LOCKED_TRIES - 1:
                raise _store_error(path, exc) from exc
            time.sleep(0.1)
        except sqlite3.DatabaseError as exc:
            raise _store_error(path, exc) from exc
    engine = create_engine(
        f"sqlite:///{path}", connect_args={"check_same_thread": False}, json_serializer=json_text
    )
    event.listen(engine, "connect", _configure_connection)
    return Store(path, engine)


_LOCKED_TRIES = 50


def _prepare(path: Path, use_fts5: bool) -> None:
    """Check the file, then migrate it and set up the search index."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        _check_integrity(connection, path)
        version = migrations.current_version(connection)
        if version > migrations.LATEST_VERSION:
            raise StoreTooNewError(
                "Die gespeicherten Daten stammen von einer neueren Version der App "
                f"(Schema {version}, diese App kennt bis {migrations.LATEST_VERSION}). "
                "Bitte aktualisieren Sie die App.",
                path,
            )
        # Only now write anything, so that a refused file stays exactly as it was.
        connection.execute("PRAGMA journal_mode = WAL")
        migrations.migrate(connection)
        search_index.prepare(connection, use_fts5)
    finally:
        connection.close()


def _store_error(path: Path, exc: sqlite3.DatabaseError) -> StoreError:
    if _storage_full(path, exc):
        # SQLite says "disk I/O error" when it cannot even create its shared-memory
        # file: the data is intact and must not be set aside as damaged.
        return StoreFullError(STORAGE_FULL, path)
    if "locked" in str(exc):
        return StoreError(
            "Die lokale Datenbank ist gerade von einem anderen Fenster der App belegt. "
            "Bitte einen Moment warten und die App neu laden.",
            path,
        )
    return StoreCorruptError(_corrupt_message(str(exc)), path)


def quarantine(path: Path) -> Path:
    """Move a broken store (with its WAL files) aside and return where it went.

    Nothing is deleted: support can still look at the file. The app then starts with an
    empty store and fetches the content again.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.defekt-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            source.rename(Path(f"{target}{suffix}"))
    return target


def delete_store_files(path: Path) -> None:
    """Delete the store and its WAL files (signing out); the store must be closed."""
    for suffix in ("-wal", "-shm", ""):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


def _check_header(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise StoreCorruptError(
            f"Die lokale Datenbank kann nicht gelesen werden ({exc.strerror}).", path
        ) from exc
    if header != _SQLITE_HEADER:
        raise StoreCorruptError(_corrupt_message("keine SQLite-Datei"), path)


STORAGE_FULL = (
    "Der Speicher des Geräts ist voll. Bitte Platz schaffen; die gespeicherten Daten und "
    "Änderungen bleiben unversehrt und werden danach gesendet."
)
"""Said wherever the device's storage runs out: opening the store, syncing, the CLI."""
_MIN_FREE_BYTES = 1_000_000


def is_storage_full(exc: BaseException) -> bool:
    """Whether `exc` says the device's storage is full (the OS's or SQLite's words)."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    return "disk is full" in str(exc).lower()


def _storage_full(path: Path, exc: sqlite3.DatabaseError) -> bool:
    if is_storage_full(exc):
        return True
    return shutil.disk_usage(path.parent).free < _MIN_FREE_BYTES


def _check_integrity(connection: sqlite3.Connection, path: Path) -> None:
    problems = [row[0] for row in connection.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise StoreCorruptError(_corrupt_message("; ".join(problems[:3])), path)


def _corrupt_message(detail: str) -> str:
    return (
        "Die lokale Datenbank der App ist beschädigt und kann nicht geöffnet werden "
        f"({detail}). Sie können sie beiseitelegen und neu beginnen: Die Inhalte werden "
        "dann erneut geladen."
    )
