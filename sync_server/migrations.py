"""Versioned schema of the server database, so that a deployed PostgreSQL can change.

A new database gets the current tables from the models and is stamped with the latest
version. An existing database runs every step newer than its version, each in its own
transaction together with its stamp, in order. A database from before versions existed
(its tables made by `create_all`) is version 1. To change the schema: change the model
and append a step to `sync_server/migration_steps.py` that brings a version-(n-1)
database to the same result; never edit a step that has shipped.
"""

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, Table, inspect, text
from sqlmodel import SQLModel

from sync_server.mail.outbox import OutgoingMail
from sync_server.migration_steps import STEPS, Step
from sync_server.self_service.tables import SELF_SERVICE_TABLES
from sync_server.tables import SERVER_TABLES
from wegweiser.kinds import CONTENT_TYPES, OWNED_TYPES

LATEST = STEPS[-1].version


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer server; this one must not write to it."""


def model_tables() -> list[Table]:
    """The tables the models describe: the latest schema."""
    models = (*CONTENT_TYPES, *OWNED_TYPES, *SERVER_TABLES, OutgoingMail, *SELF_SERVICE_TABLES)
    return [cls.__table__ for cls in models]  # type: ignore[attr-defined]


def current_version(connection: Connection) -> int:
    """The database's schema version; 0 for an empty database."""
    inspector = inspect(connection)
    if inspector.has_table("schema_version"):
        found = connection.execute(text("SELECT max(version) FROM schema_version")).scalar()
        return int(found or 0)
    return 1 if inspector.has_table("sync_state") else 0


def migrate(engine: Engine, steps: Sequence[Step] = STEPS) -> int:
    """Bring the database to the latest version; returns how many steps ran."""
    latest = steps[-1].version
    with engine.begin() as connection:
        _lock(connection)
        version = current_version(connection)
        if version > latest:
            raise SchemaTooNew(
                f"Die Datenbank hat Schema-Version {version}; dieser Server kennt nur bis "
                f"{latest}. Bitte den Server aktualisieren."
            )
        if not inspect(connection).has_table("schema_version"):
            connection.execute(
                text(
                    "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
                    "description VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL)"
                )
            )
            if version == 0:
                SQLModel.metadata.create_all(connection, tables=model_tables())
                _stamp(connection, latest, "neue Datenbank")
                return 0
            _stamp(connection, version, "vor der Versionierung angelegt")
    ran = 0
    for step in steps:
        if step.version <= version:
            continue
        with engine.begin() as connection:
            _lock(connection)
            if current_version(connection) >= step.version:
                continue  # another server process was faster
            step.run(connection)
            _stamp(connection, step.version, step.description)
            ran += 1
    return ran


def _lock(connection: Connection) -> None:
    # Two server processes starting at once must not both migrate (PostgreSQL); SQLite
    # serialises writers anyway.
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(87650001)"))


def _stamp(connection: Connection, version: int, description: str) -> None:
    connection.execute(
        text("INSERT INTO schema_version (version, description, applied_at) VALUES (:v, :d, :t)"),
        {"v": version, "d": description, "t": datetime.now(UTC).isoformat()},
    )
