"""Purging old tombstones, and the watermark that tells stale devices to resync."""

from datetime import timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, select

from sync_server import change_order, changes
from sync_server.tables import FieldVersion, SyncItem, SyncItemKommune, SyncState
from wegweiser.kinds import ENTITY_BY_NAME


def purge_tombstones(session: Session, older_than_days: int) -> int:
    """Forget deletions older than the horizon; returns how many records were purged.

    A device whose cursor is older than the newest purged deletion can no longer learn
    about it, so `pull` answers it with "full resync required".
    """
    change_order.write_alone(session)
    horizon = changes.now() - timedelta(days=older_than_days)
    items = list(
        session.exec(
            select(SyncItem).where(col(SyncItem.deleted), col(SyncItem.changed_at) < horizon)
        )
    )
    state = session.get(SyncState, 1)
    assert state is not None
    for item in items:
        cls = ENTITY_BY_NAME[item.entity]
        session.execute(delete(cls).where(col(cls.id) == item.record_id))
        session.execute(
            delete(FieldVersion).where(
                col(FieldVersion.entity) == item.entity,
                col(FieldVersion.record_id) == item.record_id,
            )
        )
        session.execute(delete(SyncItemKommune).where(col(SyncItemKommune.item_id) == item.id))
        session.delete(item)
        state.purged_through = max(state.purged_through, item.seq)
    session.add(state)
    session.commit()
    return len(items)
