"""The server database: engine, schema, sessions."""

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, func
from sqlalchemy.engine import ExceptionContext
from sqlmodel import Session, select

from sync_server import migrations
from sync_server.tables import SyncState
from wegweiser.model import SyncedRecord, json_text


def make_engine(
    database_url: str,
    connections: int = 9,
    application_name: str = "wegweiser-server",
    pooled: bool = False,
) -> Engine:
    """An engine for SQLite (the embedded default) or PostgreSQL (psycopg 3) with a pool
    of exactly `connections`: the admission in front of the routes (`admission.py`)
    never lets more requests at the database than that, so none waits for a connection.

    `pooled`: behind pgbouncer in transaction mode. psycopg prepares a statement run
    five times on a connection; the pooler runs the next transaction on another server
    connection, where it does not exist ("prepared statement _pg3_0 does not exist")."""
    # A failed statement's text reaches the log: never with the values people typed.
    pool = {
        "pool_size": connections,
        "max_overflow": 0,
        "pool_timeout": 30,
        "hide_parameters": True,
    }
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
    engine = create_engine(
        database_url,
        pool_pre_ping=True,
        json_serializer=json_text,
        # `restore` finds running servers by this name (and calls itself otherwise).
        connect_args={"application_name": application_name}
        | ({"prepare_threshold": None} if pooled else {}),
        **pool,
    )
    event.listen(engine, "handle_error", _without_row_values)
    return engine


def _without_row_values(context: ExceptionContext) -> None:
    """PostgreSQL's message of a refused row ends in "DETAIL: Failing row contains (…)",
    the values themselves: the message keeps its first line (the error's class and
    SQLSTATE stay for the code that reads them)."""
    error, wrapped = context.original_exception, context.sqlalchemy_exception
    full = str(error)
    first = full.split("\n", 1)[0]
    if first == full:
        return
    error.args = (first,)
    if wrapped is not None and wrapped.args and isinstance(wrapped.args[0], str):
        wrapped.args = (wrapped.args[0].replace(full, first), *wrapped.args[1:])


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
