"""The server database: engine, schema, and loading a dataset in one transaction."""

from pathlib import Path

from sqlalchemy import Engine, create_engine, func
from sqlmodel import Session, SQLModel, select

from wegweiser.dataset import Dataset
from wegweiser.model import CONTENT_TYPES, SyncedRecord


def make_engine(database_url: str) -> Engine:
    """An engine for SQLite (the embedded default) or PostgreSQL."""
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        return create_engine(database_url, connect_args={"check_same_thread": False})
    return create_engine(database_url, pool_pre_ping=True)


def init_db(engine: Engine) -> None:
    """Create missing tables (idempotent)."""
    tables = [cls.__table__ for cls in CONTENT_TYPES]  # type: ignore[attr-defined]
    SQLModel.metadata.create_all(engine, tables=tables)


def load_dataset(engine: Engine, dataset: Dataset) -> int:
    """Insert or replace every record of a checked dataset, all or nothing."""
    records = list(dataset.records())
    with Session(engine) as session:
        for record in records:
            session.merge(record)
        session.commit()
    return len(records)


def count(engine: Engine, cls: type[SyncedRecord]) -> int:
    """How many records of one entity the database holds."""
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(cls)).one())
