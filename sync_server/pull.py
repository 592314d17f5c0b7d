"""Delta pull: the changes after a cursor, for a device's scope, in server order."""

from sqlalchemy import ColumnElement, Exists, and_, exists, false, or_
from sqlmodel import Session, col, select

from sync_server.auth import Caller
from sync_server.problems import ProblemError
from sync_server.tables import DatasetInfo, SyncItem, SyncItemKommune, SyncState
from wegweiser.model import ENTITY_BY_NAME, Kommune, NetworkPartner, SyncedRecord
from wegweiser.protocol import Change, PullRequest, PullResponse

_PARTNER_CONTACT = ("contact_name", "contact_phone", "contact_email")


def encode_cursor(epoch: str, seq: int) -> str:
    """Cursors are opaque to devices: the database epoch and the last sequence seen."""
    return f"{epoch}.{seq}"


def decode_cursor(cursor: str, state: SyncState) -> int:
    """The sequence number in a cursor; raises a problem for foreign or expired cursors."""
    if cursor == "":
        return 0
    epoch, _, seq_text = cursor.rpartition(".")
    if not epoch or not seq_text.isdigit():
        raise ProblemError(
            400, "cursor-ungueltig", "Ungültiger Cursor", "Der Cursor ist nicht lesbar."
        )
    seq = int(seq_text)
    if epoch != state.epoch or seq > state.last_seq:
        raise resync_required("Der Cursor stammt aus einer anderen Datenbank.")
    if 0 < seq < state.purged_through:
        raise resync_required(
            "Dieses Gerät war so lange nicht verbunden, dass Löschungen nicht mehr vorliegen."
        )
    return seq


def resync_required(detail: str) -> ProblemError:
    return ProblemError(
        410,
        "vollsynchronisierung-noetig",
        "Vollständige Synchronisierung nötig",
        detail + " Bitte alle Inhalte neu laden (Cursor leer lassen).",
    )


def pull(session: Session, caller: Caller, request: PullRequest) -> PullResponse:
    """One page of changes; `has_more` says whether to ask again with `next_cursor`."""
    state = session.get(SyncState, 1)
    assert state is not None
    after = decode_cursor(request.cursor, state)
    until = decode_cursor(request.until, state) if request.until else None

    visible: list[ColumnElement[bool]] = []
    if request.include_shared:
        visible.append(and_(col(SyncItem.shared), col(SyncItem.owner_account_id).is_(None)))
        visible.append(col(SyncItem.owner_account_id) == caller.account.id)
    wanted = _with_verbandsgemeinde(session, request.kommunen)
    if wanted:
        visible.append(_in_kommunen(wanted))
    statement = (
        select(SyncItem)
        .where(SyncItem.seq > after)
        .where(or_(*visible) if visible else false())
        .order_by(col(SyncItem.seq))
        .limit(request.limit + 1)
    )
    if until is not None:
        statement = statement.where(SyncItem.seq <= until)
    excluded = _with_verbandsgemeinde(session, request.exclude_kommunen)
    if excluded:
        statement = statement.where(~_in_kommunen(excluded))
    items = list(session.exec(statement))
    has_more = len(items) > request.limit
    items = items[: request.limit]
    changes = [_change(session, caller, item) for item in items]
    last = items[-1].seq if items else after
    if not has_more and until is None:
        # Every change up to the last_seq read before the query had committed by then
        # (writers commit in sequence order), so the device has all of it.
        last = max(last, state.last_seq)
    dataset = session.get(DatasetInfo, 1)
    return PullResponse(
        changes=changes,
        next_cursor=encode_cursor(state.epoch, last),
        has_more=has_more,
        example_data=dataset is not None and dataset.example_data,
    )


def _in_kommunen(keys: list[str]) -> Exists:
    return exists(
        select(SyncItemKommune.item_id).where(
            SyncItemKommune.item_id == SyncItem.id,
            col(SyncItemKommune.kommune_key).in_(keys),
        )
    )


def _with_verbandsgemeinde(session: Session, keys: list[str]) -> list[str]:
    """A member of a Verbandsgemeinde also gets what belongs to the Verbandsgemeinde."""
    if not keys:
        return []
    parents = session.exec(select(Kommune.parent_key).where(col(Kommune.key).in_(keys))).all()
    return sorted(set(keys) | {p for p in parents if p})


def _change(session: Session, caller: Caller, item: SyncItem) -> Change:
    cls = ENTITY_BY_NAME[item.entity]
    record: SyncedRecord | None = session.get(cls, item.record_id)
    if record is None or item.deleted or (item.staff_only and not caller.is_staff):
        # Tombstones, and drafts for guides: the device must drop its copy.
        return Change(
            entity=item.entity,
            id=item.record_id,
            version=record.version if record else 0,
            deleted=True,
        )
    data = record.model_dump(mode="json")
    if isinstance(record, NetworkPartner) and not record.contact_consent:
        for field in _PARTNER_CONTACT:
            data[field] = None
    return Change(
        entity=item.entity, id=record.id, version=record.version, deleted=False, data=data
    )
