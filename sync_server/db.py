"""The server database: engine, schema, sessions."""

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, func
from sqlmodel import Session, select

from sync_server import migrations
from sync_server.tables import SyncState
from wegweiser.model import SyncedRecord, json_text


def make_engine(
    database_url: str, connections: int = 9, application_name: str = "wegweiser-server"
) -> Engine:
    """An engine for SQLite (the embedded default) or PostgreSQL (psycopg 3) with a pool
    of exactly `connections`: the admission in front of the routes (`admission.py`)
    never lets more requests at the database than that, so none waits for a connection."""
    pool = {"pool_size": connections, "max_overflow": 0, "pool_timeout": 30}
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            database_url,
            connect_args={"check_same_thread": False, "timeout": 30},
            json_serializer=json_text,
            **pool,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgresql://")
    return create_engine(
        database_url,
        pool_pre_ping=True,
        json_serializer=json_text,
        # `restore` finds running servers by this name (and calls itself otherwise).
        connect_args={"application_name": application_name},
        **pool,
    )


SQLITE_BUSY_MS = 30_000
"""How long an SQLite writer waits for another's lock before it gives up."""


def _sqlite_pragmas(connection: object, _record: object) -> None:
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
    cursor.close()


def init_db(engine: Engine) -> None:
    """Migrate the schema to the latest version and create the sync state row
    (idempotent)."""
    migrations.migrate(engine)
    with Session(engine) as session:
        if session.get(SyncState, 1) is None:
            session.add(SyncState(id=1))
            session.commit()


def count(engine: Engine, cls: type[SyncedRecord]) -> int:
    """How many records of one entity the database holds (tombstones included)."""
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(cls)).one())
