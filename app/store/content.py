"""Reading and writing Wegweiser content in the local store."""

import json
from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy import insert
from sqlalchemy.orm import configure_mappers
from sqlmodel import Session, col, select

from app.store.database import Store
from wegweiser.dataset import Dataset, DatasetMeta
from wegweiser.kinds import kind_of
from wegweiser.model import Kommune, KommuneKind, SyncedRecord, Topic, scope_of
from wegweiser.search import index as search_index

R = TypeVar("R", bound=SyncedRecord)

_META_DATASET = "dataset"


def write_records(session: Session, records: Iterable[SyncedRecord]) -> int:
    """Insert or replace records and keep the search index in step; returns the count.

    One INSERT OR REPLACE per kind of record and a few statements for the index, however
    many records: a pulled page of 200 costs what one record used to.
    """
    batch = list(records)
    by_kind: dict[type[SyncedRecord], list[dict[str, Any]]] = {}
    for record in batch:
        loaded = session.identity_map.get(Session.identity_key(type(record), record.id))
        if loaded is not None:
            session.merge(record)  # this session holds it: update that object, too
        else:
            by_kind.setdefault(type(record), []).append(record.model_dump())
    session.flush()
    for cls, rows in by_kind.items():
        session.execute(insert(cls.__table__).prefix_with("OR REPLACE"), rows)  # type: ignore[attr-defined]
    search_index.index_records(Store.raw(session), batch)
    return len(batch)


def write_rows(
    session: Session, cls: type[SyncedRecord], fields: list[str], rows: list[tuple[Any, ...]]
) -> int:
    """`write_records` for checked rows of one kind (`wegweiser.columns`): the values go
    to the table through the same conversions SQLAlchemy's INSERT applies (JSON text,
    dates, enum values), without a table model object per row on the way; only the
    search index reads rows as records. Returns the count."""
    if any(isinstance(held, cls) for held in session.identity_map.values()):
        # This session holds some of them as objects: those must be updated, too.
        return write_records(
            session, (cls.model_validate(dict(zip(fields, r, strict=True))) for r in rows)
        )
    if not rows:
        return 0
    dialect = session.get_bind().dialect
    columns = [cls.__table__.c[name] for name in fields]  # type: ignore[attr-defined]
    convert = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]
    values = [
        list(map(to_stored, column)) if to_stored else column
        for to_stored, column in zip(convert, zip(*rows, strict=True), strict=True)
    ]
    names = ", ".join(f'"{column.name}"' for column in columns)
    places = ", ".join("?" for _ in columns)
    connection = Store.raw(session)
    connection.executemany(
        f'INSERT OR REPLACE INTO "{cls.__tablename__}" ({names}) VALUES ({places})',
        zip(*values, strict=True),
    )
    # Built without a check (the rows had theirs), which needs the mappers set up; the
    # first query of a process does that, and this may come before any query.
    configure_mappers()
    records = [cls.model_construct(**dict(zip(fields, row, strict=True))) for row in rows]
    search_index.index_records(connection, list(records))
    return len(rows)


def import_dataset(store: Store, dataset: Dataset) -> int:
    """Load a whole checked dataset in one transaction; returns the number of records."""
    records = list(dataset.records())
    with store.session() as session:
        count = write_records(session, records)
        set_meta(session, _META_DATASET, _meta_to_json(dataset.meta))
    return count


def dataset_meta(session: Session) -> DatasetMeta | None:
    """What the loaded content says about itself (example data or not), if anything."""
    raw = get_meta(session, _META_DATASET)
    if raw is None:
        return None
    values = json.loads(raw)
    return DatasetMeta(
        dataset_version=values["dataset_version"],
        title=values["title"],
        example_data=values["example_data"],
        note=values.get("note"),
    )


def get_meta(session: Session, key: str) -> str | None:
    row = Store.raw(session).execute("SELECT value FROM store_meta WHERE key = ?", (key,))
    found = row.fetchone()
    return None if found is None else str(found[0])


def set_meta(session: Session, key: str, value: str) -> None:
    Store.raw(session).execute(
        "INSERT INTO store_meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def kommunen(session: Session) -> list[Kommune]:
    """The municipalities to choose from (not the Verbandsgemeinde itself), by name."""
    statement = (
        select(Kommune)
        .where(col(Kommune.deleted).is_(False))
        .where(Kommune.kind != KommuneKind.VERBANDSGEMEINDE)
        .order_by(Kommune.name)
    )
    return list(session.exec(statement))


def kommune_scope(session: Session, key: str) -> list[str]:
    """The Kommune keys whose entries apply in `key`: itself and its Verbandsgemeinde."""
    kommune = session.exec(select(Kommune).where(Kommune.key == key)).first()
    return [key] if kommune is None else scope_of(kommune)


def topics(session: Session) -> list[Topic]:
    """Topics in their display order."""
    statement = select(Topic).where(col(Topic.deleted).is_(False)).order_by(col(Topic.sort_order))
    return list(session.exec(statement))


def get(session: Session, cls: type[R], record_id: str) -> R | None:
    """One record by id, or None (also for tombstones)."""
    record = session.get(cls, record_id)
    return None if record is None or record.deleted else record


def title_of(session: Session, entity: str, record_id: str) -> str | None:
    """The display title of a record still on the device, or None (gone, unknown kind)."""
    kind = kind_of(entity)
    if kind is None:
        return None
    record = get(session, kind.model, record_id)
    if record is None:
        return None
    return kind.title(record) or None


def _meta_to_json(meta: DatasetMeta) -> str:
    return json.dumps(
        {
            "dataset_version": meta.dataset_version,
            "title": meta.title,
            "example_data": meta.example_data,
            "note": meta.note,
        },
        ensure_ascii=False,
    )
