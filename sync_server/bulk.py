"""Many entries at once: a spreadsheet of contact points or offers, a region's file.

Both are checked whole before this module writes anything (`wegweiser.spreadsheet`,
`wegweiser.dataset`); here they are written in one transaction through the one write
path (`changes.save`), each change on the audit trail like an edit from the app.
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TypeVar

from sqlmodel import Session, col, select

from sync_server import audit, change_order, changes
from sync_server.auth import Caller
from sync_server.tables import DatasetInfo, SyncItem
from wegweiser.dataset import Dataset, DatasetMeta
from wegweiser.import_preview import ImportResult
from wegweiser.model import (
    ContactPoint,
    InfoSheet,
    Kommune,
    NetworkPartner,
    Offer,
    Region,
    SyncedRecord,
    Synonym,
    Topic,
)
from wegweiser.spreadsheet_columns import Known

R = TypeVar("R", bound=SyncedRecord)


def write_records(
    session: Session, caller: Caller, records: Iterable[SyncedRecord], source: str
) -> ImportResult:
    """Write checked records as the caller's edits: new ones created, changed ones as
    their next version, identical ones left alone. The caller commits."""
    change_order.write_alone(session)
    written = ImportResult()
    for record in records:
        previous = session.get(type(record), record.id)
        before = changes.content_of(previous) if previous and not previous.deleted else None
        after = changes.content_of(record)
        if before == after:
            written.unchanged += 1
            continue
        changes.save(session, record, previous, caller.device.id)
        action = audit.CHANGED if before is not None else audit.CREATED
        details = {"fields": audit.changed_fields(before, after), "source": source}
        audit.record(session, caller, action, record.entity, record.id, details)
        if before is None:
            written.created += 1
        else:
            written.changed += 1
    return written


def known(session: Session) -> Known:
    """What a spreadsheet's rows may refer to, as the database holds it now."""
    kommunen = session.exec(select(Kommune).where(col(Kommune.deleted).is_(False))).all()
    topics = session.exec(select(Topic).where(col(Topic.deleted).is_(False))).all()
    contacts = session.exec(
        select(ContactPoint.id).where(col(ContactPoint.deleted).is_(False))
    ).all()
    return Known.of(
        ((k.key, k.name) for k in kommunen), ((t.key, t.title) for t in topics), contacts
    )


def held_by_another_kind(session: Session, entity: str, record_id: str) -> bool:
    """Whether a record of a kind other than `entity` has this id (an offer's id in the
    contact points' sheet would make a second record under it)."""
    found = session.exec(
        select(SyncItem.id)
        .where(SyncItem.record_id == record_id, SyncItem.entity != entity)
        .limit(1)
    ).first()
    return found is not None


def live(session: Session, cls: type[R]) -> list[R]:
    """Every record of a kind that is not deleted, in a stable order."""
    return list(session.exec(select(cls).where(col(cls.deleted).is_(False)).order_by(col(cls.id))))


def region_dataset(session: Session) -> Dataset:
    """Everything the server holds of its region (drafts and archived entries too), as
    a dataset: the JSON export that another server loads as it is."""
    info = session.get(DatasetInfo, 1)
    [region, *_] = live(session, Region)
    return Dataset(
        meta=DatasetMeta(
            dataset_version=datetime.now(UTC).strftime("%Y.%m.%d-export"),
            title=info.title if info else region.name,
            example_data=info.example_data if info else False,
            created=datetime.now(UTC).date(),
        ),
        region=region,
        kommunen=live(session, Kommune),
        topics=live(session, Topic),
        synonyms=live(session, Synonym),
        sheets=live(session, InfoSheet),
        contact_points=live(session, ContactPoint),
        offers=live(session, Offer),
        partners=live(session, NetworkPartner),
    )
