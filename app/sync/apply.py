"""Applying pulled pages to the local store: all of a page and its cursor, or nothing."""

import gc
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlmodel import Session, select

from app.store import content
from app.store.database import Store
from app.sync import outbox
from app.sync.state import SyncState
from wegweiser import columns
from wegweiser.edits import becomes_report
from wegweiser.kinds import ENTITY_BY_NAME, KINDS, OWNED_TYPES
from wegweiser.model import (
    SYNC_FIELDS,
    ContactPoint,
    InfoSheet,
    NetworkPartner,
    Offer,
    SyncedRecord,
    kommunen_of,
)
from wegweiser.owned import ChangeReport, OwnedRecord, ReportStatus
from wegweiser.protocol import Mutation, PullPage
from wegweiser.search import index as search_index


def apply_page(session: Session, page: PullPage, state: SyncState) -> None:
    """Write a pulled page's records and tombstones; queued local edits stay on top.

    Every kind of record on the page is checked before anything is written (one wrong
    value refuses the page whole), then written with a few statements a kind."""
    with _collector_paused():
        _apply_page(session, page, state)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector held off while a page is applied.

    A page of 500 records makes tens of thousands of objects, nearly all freed by their
    count alone. Those made during the page can set off a full round of the collector,
    which walks every object the app holds: 85 ms here, in about half of the first syncs
    of one process (2,000 records; docs/benchmarks.md). A page is bounded in size, and
    the collector runs as before after it."""
    if not gc.isenabled():  # another thread's page, or the app has its own reasons
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _apply_page(session: Session, page: PullPage, state: SyncState) -> None:
    blocks = [found for block in page.records if (found := columns.checked(block))]
    # (Tombstones and blocks of an entity this app does not know come from a newer server.)
    gone = [tombstone for tombstone in page.deleted if tombstone.entity in ENTITY_BY_NAME]
    connection = Store.raw(session)
    if state.resyncing:
        seen = [(tombstone.entity, tombstone.id) for tombstone in gone]
        for cls, fields, rows in blocks:
            at = fields.index("id")
            seen.extend((cls.entity, row[at]) for row in rows)
        connection.executemany(
            "INSERT OR IGNORE INTO resync_seen (entity, record_id) VALUES (?, ?)", seen
        )
    for tombstone in gone:
        table = ENTITY_BY_NAME[tombstone.entity].__tablename__
        connection.execute(f'DELETE FROM "{table}" WHERE id = ?', (tombstone.id,))
    search_index.remove_all(connection, [tombstone.id for tombstone in gone])

    queued = outbox.pending_fields_of(session)
    edited: list[SyncedRecord] = []
    for cls, fields, rows in blocks:
        if becomes_report(state.role, KINDS[cls.entity]) or not queued:
            content.write_rows(session, cls, fields, rows)
            continue
        at = fields.index("id")
        as_pulled = []
        for row in rows:
            mine = queued.get((cls.entity, row[at]))
            if mine:
                # A coordinator's or a private edit not yet sent must not vanish from view.
                edited.append(cls.model_validate({**dict(zip(fields, row, strict=True)), **mine}))
            else:
                as_pulled.append(row)
        content.write_rows(session, cls, fields, as_pulled)
    content.write_records(session, edited)


def sweep_after_resync(session: Session, now: datetime) -> int:
    """After a full pull: drop local records the server no longer has.

    Records with queued edits stay (they are new, or their edit is still to be sent),
    and so do change reports still waiting to be sent. The account's own notes,
    favourites and waiting reports that the server lacks are not dropped but sent
    again: after a server was restored from a backup, they are the only copy left.
    """
    connection = Store.raw(session)
    queued = outbox.queued_records(session)
    waiting_reports = outbox.queued_ids(session)
    removed = 0
    for entity, cls in ENTITY_BY_NAME.items():
        table = cls.__tablename__
        rows = connection.execute(
            f'SELECT id FROM "{table}" WHERE id NOT IN '
            "(SELECT record_id FROM resync_seen WHERE entity = ?)",
            (entity,),
        ).fetchall()
        for (record_id,) in rows:
            if (entity, record_id) in queued or (
                cls is ChangeReport and record_id in waiting_reports
            ):
                continue
            if issubclass(cls, OwnedRecord) and _send_again(session, cls, record_id, now):
                continue
            connection.execute(f'DELETE FROM "{table}" WHERE id = ?', (record_id,))
            search_index.remove(connection, record_id)
            removed += 1
    forget_seen(session)
    return removed


def _send_again(session: Session, cls: type[OwnedRecord], record_id: str, now: datetime) -> bool:
    """Queue an own record the server lacks as new; False for one not worth keeping (a
    report that was already decided: its decision went with the lost server data)."""
    record = session.get(cls, record_id)
    if record is None:
        return False
    if isinstance(record, ChangeReport):
        if record.status != ReportStatus.PENDING:
            return False
        # Under its own id again, with what the guide reported: the server makes the
        # same report of it, waiting for review.
        mutation = Mutation(
            id=record.id,
            entity=record.target_entity,
            record_id=record.target_id,
            base_version=record.base_version,
            fields=record.changes,
        )
    else:
        values = record.model_dump(mode="json")
        mutation = Mutation(
            id=str(uuid.uuid4()),
            entity=cls.entity,
            record_id=record.id,
            base_version=0,
            fields={k: v for k, v in values.items() if k not in SYNC_FIELDS},
        )
    outbox.enqueue(session, mutation, now)
    return True


def forget_seen(session: Session) -> None:
    """Empty the list of records a resync has seen so far."""
    Store.raw(session).execute("DELETE FROM resync_seen")


def remove_owned(session: Session) -> None:
    """Delete the account's private records: notes, favourites, change reports."""
    connection = Store.raw(session)
    for cls in OWNED_TYPES:
        connection.execute(f'DELETE FROM "{cls.__tablename__}"')


def prune_outside(session: Session, keep: set[str]) -> int:
    """Delete local content that belongs only to Kommunen outside `keep`."""
    connection = Store.raw(session)
    removed = 0
    for cls in (InfoSheet, Offer, NetworkPartner, ContactPoint):
        for record in session.exec(select(cls)).all():
            keys = kommunen_of(record)
            if (
                not keys
                or set(keys) & keep
                or outbox.pending_fields(session, cls.entity, record.id)
            ):
                continue
            session.delete(record)
            search_index.remove(connection, record.id)
            removed += 1
    session.flush()
    return removed
