"""The one write path for synced records: versions, field versions, change order, scope.

Everything that changes a synced record (a push, an accepted report, loading a dataset)
goes through `save`, so every change gets the next server sequence number and shows up
in the next pull of every device whose scope it touches.
"""

import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from sync_server import change_order
from sync_server.tables import DatasetInfo, FieldVersion, SyncItem, SyncItemKommune
from wegweiser.dataset import Dataset, DatasetError
from wegweiser.model import SYNC_FIELDS, Kommune, SyncedRecord, Topic, kommunen_of, staff_only
from wegweiser.owned import OwnedRecord


def now() -> datetime:
    return datetime.now(UTC)


def content_of(record: SyncedRecord) -> dict[str, Any]:
    """A record's own fields as JSON values, without the fields sync manages."""
    return {k: v for k, v in record.model_dump(mode="json").items() if k not in SYNC_FIELDS}


def save(
    session: Session,
    new: SyncedRecord,
    previous: SyncedRecord | None,
    device_id: str | None = None,
) -> SyncedRecord:
    """Write `new` as the next version of `previous` (None for a new record).

    `device_id` names the device whose mutation this is (None: the server itself).
    """
    cls = type(new)
    version = 1 if previous is None else previous.version + 1
    new.version = version
    # To the second: all anyone reads of it, and every device is sent it (microseconds
    # were a twentieth of a first sync's compressed bytes).
    new.updated_at = now().replace(microsecond=0)
    if previous is not None:
        before, after = content_of(previous), content_of(new)
        changed = [field for field, value in after.items() if before.get(field) != value]
        if new.deleted != previous.deleted:
            changed.append("deleted")
        for field in changed:
            session.merge(
                FieldVersion(
                    entity=cls.entity,
                    record_id=new.id,
                    field=field,
                    version=version,
                    device_id=device_id,
                )
            )
    stored = session.merge(new)
    _record_change(session, stored)
    return stored


def field_versions(session: Session, record: SyncedRecord) -> dict[str, FieldVersion]:
    """When, and by which device, each field of `record` last changed (absent: at creation)."""
    rows = session.exec(
        select(FieldVersion).where(
            FieldVersion.entity == type(record).entity,
            FieldVersion.record_id == record.id,
        )
    )
    return {row.field: row for row in rows}


def scope_of(record: SyncedRecord) -> tuple[bool, list[str], bool, str | None]:
    """(shared, kommunen, staff_only, owner): who gets this record in a pull."""
    if isinstance(record, OwnedRecord):
        return False, [], False, record.account_id
    kommunen = kommunen_of(record)
    return not kommunen, kommunen, staff_only(record), None


def _record_change(session: Session, record: SyncedRecord) -> None:
    shared, kommunen, hidden, owner = scope_of(record)
    entity = type(record).entity
    item = session.exec(
        select(SyncItem).where(SyncItem.entity == entity, SyncItem.record_id == record.id)
    ).first()
    known = item is not None
    if item is None:
        item = SyncItem(
            entity=entity, record_id=record.id, seq=0, changed_at=now(), public_once=False
        )
    item.public_once = item.public_once or not hidden
    item.seq = change_order.next_seq(session)
    item.shared = shared
    item.staff_only = hidden
    item.owner_account_id = owner
    item.deleted = record.deleted
    item.changed_at = now()
    session.add(item)
    session.flush()
    # The Kommunen it leaves are marked too: their devices must hear that it went.
    of_item = SyncItemKommune.item_id == item.id
    left = session.exec(select(SyncItemKommune.kommune_key).where(of_item)).all() if known else []
    session.execute(delete(SyncItemKommune).where(of_item))  # type: ignore[arg-type]
    for key in sorted(set(kommunen)):
        session.add(SyncItemKommune(item_id=item.id, kommune_key=key))  # type: ignore[arg-type]
    marks = [("kommune", key) for key in sorted({*kommunen, *left})]
    if owner is not None:
        marks.append(("account", owner))
    elif shared:
        marks.append(("shared", ""))
    change_order.mark(session, marks, item.seq)


LOAD_CHUNK = 200
"""Records written per transaction while loading: a push waits for one chunk at most."""
WRITERS_TURN_S = 0.12
"""The loader's pause between two chunks on SQLite. SQLite keeps no queue of writers: a
push waiting for the lock tries again at most every 100 ms (its busy handler), so a
loader that takes the lock again at once keeps it for the whole load, and the push
waited 7 s for 2,500 records (PostgreSQL queues row locks in order: no pause there)."""


def load_dataset(
    session: Session, dataset: Dataset, chunk: int | None = LOAD_CHUNK
) -> tuple[int, int]:
    """Write a checked dataset through the change log; returns (written, unchanged).

    Loading the same file again writes nothing; a changed record becomes its next
    version, so devices get exactly what changed, and `deleted: true` deletes. What the
    file says about itself (example data or not) is kept for the devices. Commits every
    `chunk` records, so devices can push meanwhile (the command line's load); with
    `chunk=None` nothing is committed and the caller commits all of it at once, or
    nothing (an upload). A file whose keys the database holds under other ids is refused
    (`DatasetError`) before anything is written.
    """
    conflicts = key_conflicts(session, dataset)
    if conflicts:
        raise DatasetError("Datensatzdatei", conflicts)
    session.merge(
        DatasetInfo(
            id=1,
            title=dataset.meta.title,
            dataset_version=dataset.meta.dataset_version,
            example_data=dataset.meta.example_data,
            loaded_at=now(),
        )
    )
    written = unchanged = 0
    if chunk is None:
        change_order.write_alone(session)
    for record in dataset.records():
        previous = session.get(type(record), record.id)
        if _same(previous, record):
            unchanged += 1
            continue
        if chunk is not None and written % chunk == 0:
            session.commit()
            if written and session.get_bind().dialect.name == "sqlite":
                time.sleep(WRITERS_TURN_S)
            change_order.write_alone(session)
        save(session, record, previous)
        written += 1
    if chunk is not None:
        session.commit()
    return written, unchanged


def _same(previous: SyncedRecord | None, record: SyncedRecord) -> bool:
    if previous is None:
        # A tombstone for a record this database never had: nothing to delete.
        return record.deleted
    return previous.deleted == record.deleted and (
        record.deleted or content_of(previous) == content_of(record)
    )


def key_conflicts(session: Session, dataset: Dataset) -> list[str]:
    """Kommunen and topics of the file whose key the database holds under another id:
    written, every device would have two of them. In German, one line each."""
    problems: list[str] = []
    for records, cls, what in (
        (dataset.kommunen, Kommune, "Kommune"),
        (dataset.topics, Topic, "Thema"),
    ):
        by_key = {r.key: r.id for r in records}
        stored = session.exec(select(cls.key, cls.id).where(col(cls.key).in_(list(by_key)))).all()
        problems += [
            f"{what} mit Schlüssel „{key}“: die Datenbank hat diesen Schlüssel schon unter der "
            f"ID {stored_id}, die Datei unter {by_key[key]}. Bitte die ID aus der Datenbank "
            "übernehmen."
            for key, stored_id in stored
            if by_key[key] != stored_id
        ]
    return problems
