"""Delta pull: the changes after a cursor, for a device's scope, in server order."""

import base64
import gzip
import hashlib
import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Exists, ScalarSelect, and_, exists, false, func, literal, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from sync_server import change_order, migrations
from sync_server.auth import Caller
from sync_server.problems import ProblemError
from sync_server.shelf import Shelf
from sync_server.tables import DatasetInfo, ScopeMark, SyncItem, SyncItemKommune, SyncState
from wegweiser.columns import as_columns, fields_tag, row_type
from wegweiser.kinds import ENTITY_BY_NAME
from wegweiser.model import Kommune, NetworkPartner
from wegweiser.protocol import UNREADABLE_CURSOR, Change, PullPage, PullRequest, PullResponse
from wegweiser.text import ascii_number

_PARTNER_CONTACT = ("contact_name", "contact_phone", "contact_email")


def encode_cursor(epoch: str, seq: int) -> str:
    """Cursors are opaque to devices: the database epoch and the last sequence seen. The
    epoch as its 16 bytes in base64 (22 characters, not 36): every periodic pull sends a
    cursor and gets one back."""
    return f"{_short(epoch)}.{seq}"


def _short(epoch: str) -> str:
    try:
        return base64.urlsafe_b64encode(uuid.UUID(epoch).bytes).rstrip(b"=").decode()
    except ValueError:
        return epoch


def decode_cursor(cursor: str, state: SyncState, horizon: int) -> int:
    """The sequence number in a cursor; raises a problem for foreign or expired cursors.
    `horizon`: `change_order.horizon`, as high as any cursor this database gave."""
    if cursor == "":
        return 0
    epoch, _, seq_text = cursor.rpartition(".")
    seq = ascii_number(seq_text)
    if not epoch or seq is None:
        raise ProblemError(
            400, UNREADABLE_CURSOR, "Ungültiger Cursor", "Der Cursor ist nicht lesbar."
        )
    # A cursor given before the epoch was shortened names it whole.
    if epoch not in (_short(state.epoch), state.epoch) or seq > horizon:
        left = (state.resync_until or 0) - int(time.time())
        raise resync_required("Der Cursor stammt aus einer anderen Datenbank.", max(0, left))
    if 0 < seq < state.purged_through:
        raise resync_required(
            "Dieses Gerät war so lange nicht verbunden, dass Löschungen nicht mehr vorliegen."
        )
    return seq


def resync_required(detail: str, within: int = 0) -> ProblemError:
    """410: pull everything again, `within` seconds (after a restore, every device at a
    moment of its own within what is left of the announced window), or now."""
    return ProblemError(
        410,
        "vollsynchronisierung-noetig",
        "Vollständige Synchronisierung nötig",
        detail + " Bitte alle Inhalte neu laden (Cursor leer lassen).",
        # A device that waits to come back would find its kept-alive connection closed
        # by the server's idle timeout (`sync_server.headers`, Retry-After likewise).
        headers={"Connection": "close"} if within else None,
        resync_within=within or None,
    )


@dataclass(frozen=True)
class Kept:
    """A page as kept for every device that asks the same of the same state: its JSON,
    compressed with gzip."""

    gzipped: bytes


def pull(
    session: Session, caller: Caller, request: PullRequest, kept: Shelf | None = None
) -> PullResponse | PullPage | Kept:
    """One page of changes; `has_more` says whether to ask again with `next_cursor`.

    A constant number of statements per page: the state with the scope's last change,
    the page of change-log items, and one query per kind of record on the page. "Nothing
    new" costs the first only, and so does a page `kept` from another device's first
    sync of the same Kommunen.
    """
    trusted = change_order.horizon(session.get_bind().dialect.name)
    state, dataset, content_mark, own_mark, horizon = session.execute(
        sa_select(
            SyncState, DatasetInfo, _content_mark(request), _own_mark(caller, request), trusted
        )
        .outerjoin(DatasetInfo, col(DatasetInfo.id) == 1)
        .where(col(SyncState.id) == 1)
    ).one()
    after = decode_cursor(request.cursor, state, horizon)
    until = decode_cursor(request.until, state, horizon) if request.until else None
    example_data = dataset is not None and dataset.example_data
    if after >= max(content_mark, own_mark):
        # Nothing was written in the device's scope since its cursor, whatever others
        # wrote: read in one statement with the horizon, the marks hold every change
        # up to it, so the cursor can move there.
        last = max(after, horizon) if until is None else after
        return PullResponse(
            changes=[],
            next_cursor=encode_cursor(state.epoch, last),
            has_more=False,
            example_data=example_data,
        )

    def page() -> PullResponse | PullPage:
        made = _page(session, caller, request, (state.epoch, horizon), after, until, example_data)
        return as_columns(made, _fields_known(request)) if request.columns else made

    if kept is None or own_mark > after:
        return page()
    # Nothing of the device's own account follows its cursor: the page holds only what
    # every device of this scope and role gets, up to the scope's last change. (Its
    # last cursor may lag behind the horizon: the next pull then finds nothing new.)
    tag = _tag(state.epoch, after, until, request, caller.is_staff, content_mark, example_data)
    return Kept(kept.get_or_make(tag, lambda: gzip.compress(as_json(page()))))


def as_json(page: PullResponse | PullPage) -> bytes:
    """A page as sent: a block's `fields` left out where the app knows them (None), and
    a `PullResponse` as older apps read it."""
    if isinstance(page, PullPage):
        return page.model_dump_json(exclude_none=True).encode()
    return page.model_dump_json().encode()


def _fields_known(request: PullRequest) -> bool:
    return request.columns == fields_tag()


def _page(
    session: Session,
    caller: Caller,
    request: PullRequest,
    state: tuple[str, int],
    after: int,
    until: int | None,
    example_data: bool,
) -> PullResponse:
    epoch, horizon = state
    visible: list[ColumnElement[bool]] = []
    if request.include_shared:
        visible.append(and_(col(SyncItem.shared), col(SyncItem.owner_account_id).is_(None)))
        visible.append(col(SyncItem.owner_account_id) == caller.account.id)
    if request.kommunen:
        visible.append(_in_kommunen(request.kommunen))
    statement = (
        select(SyncItem)
        .where(SyncItem.seq > after, SyncItem.seq <= horizon)
        .where(or_(*visible) if visible else false())
        .order_by(col(SyncItem.seq))
        .limit(request.limit + 1)
    )
    if until is not None:
        statement = statement.where(SyncItem.seq <= until)
    if request.exclude_kommunen:
        statement = statement.where(~_in_kommunen(request.exclude_kommunen))
    if not caller.is_staff:
        # A draft that never was public is not even named to a guide.
        statement = statement.where(or_(~col(SyncItem.staff_only), col(SyncItem.public_once)))
    items = list(session.exec(statement))
    has_more = len(items) > request.limit
    items = items[: request.limit]
    changes = _changes(session, caller, items)
    last = items[-1].seq if items else after
    if not has_more and until is None:
        # Every change up to the horizon read before the query had committed by then,
        # so the device has all of it.
        last = max(last, horizon)
    return PullResponse(
        changes=changes,
        next_cursor=encode_cursor(epoch, last),
        has_more=has_more,
        example_data=example_data,
    )


def _tag(
    epoch: str,
    after: int,
    until: int | None,
    request: PullRequest,
    staff: bool,
    content_mark: int,
    example_data: bool,
) -> str:
    """What a kept page shows: the same tag, the same page, whoever asks."""
    shown = [
        # A newer schema may write the same records differently (a new field): pages
        # kept by an older server version are not served by a newer one.
        migrations.LATEST,
        epoch,
        after,
        until,
        sorted(request.kommunen),
        request.include_shared,
        sorted(request.exclude_kommunen),
        request.limit,
        bool(request.columns),
        _fields_known(request),
        staff,
        content_mark,
        example_data,
    ]
    return hashlib.sha256(json.dumps(shown).encode()).hexdigest()


def _content_mark(request: PullRequest) -> ScalarSelect[int]:
    """The last change of what every device of this scope gets (`ScopeMark`): its
    Kommunen and their Verbandsgemeinden, and with `include_shared` the district's."""
    verbandsgemeinden = select(Kommune.parent_key).where(col(Kommune.key).in_(request.kommunen))
    kind, key = col(ScopeMark.kind), col(ScopeMark.key)
    scope: list[ColumnElement[bool]] = [
        kind == "floor",
        and_(kind == "kommune", key.in_(request.kommunen)),
        and_(kind == "kommune", key.in_(verbandsgemeinden)),
    ]
    if request.include_shared:
        scope.append(kind == "shared")
    return _last_of(scope)


def _own_mark(caller: Caller, request: PullRequest) -> ScalarSelect[int]:
    """The last change of the device's own account's records (notes, favourites)."""
    if not request.include_shared:
        return select(literal(0)).scalar_subquery()
    own = and_(col(ScopeMark.kind) == "account", col(ScopeMark.key) == caller.account.id)
    return _last_of([own])


def _last_of(scope: list[ColumnElement[bool]]) -> ScalarSelect[int]:
    last = func.coalesce(func.max(ScopeMark.last_seq), 0)
    return select(last).where(or_(*scope)).scalar_subquery()


def _in_kommunen(keys: list[str]) -> Exists:
    """Items of these Kommunen, or of the Verbandsgemeinde one of them belongs to."""
    verbandsgemeinden = select(Kommune.parent_key).where(col(Kommune.key).in_(keys))
    return exists(
        select(SyncItemKommune.item_id).where(
            SyncItemKommune.item_id == SyncItem.id,
            or_(
                col(SyncItemKommune.kommune_key).in_(keys),
                col(SyncItemKommune.kommune_key).in_(verbandsgemeinden),
            ),
        )
    )


def _changes(session: Session, caller: Caller, items: list[SyncItem]) -> list[Change]:
    """The changes the items stand for, with the records read one query per kind: as
    plain rows, turned into JSON values by the model's own types in one call a kind
    (as table model objects, a page spent a third of its time making them)."""
    ids_by_entity: dict[str, list[str]] = {}
    for item in items:
        ids_by_entity.setdefault(item.entity, []).append(item.record_id)
    records: dict[tuple[str, str], dict[str, Any]] = {}
    for entity, ids in ids_by_entity.items():
        cls = ENTITY_BY_NAME[entity]
        names = tuple(cls.model_fields)
        table = cls.__table__  # type: ignore[attr-defined]
        rows = session.execute(
            select(*(table.c[name] for name in names)).where(table.c.id.in_(ids))
        ).all()
        for values in row_type(cls, names).dump_python([tuple(r) for r in rows], mode="json"):
            data = dict(zip(names, values, strict=True))
            records[(entity, data["id"])] = data
    return [_change(caller, item, records.get((item.entity, item.record_id))) for item in items]


def _change(caller: Caller, item: SyncItem, data: dict[str, Any] | None) -> Change:
    if data is None or item.deleted or (item.staff_only and not caller.is_staff):
        # Tombstones, and drafts for guides: the device must drop its copy.
        return Change(
            entity=item.entity,
            id=item.record_id,
            version=data["version"] if data else 0,
            deleted=True,
        )
    if item.entity == NetworkPartner.entity and not data["contact_consent"]:
        for field in _PARTNER_CONTACT:
            data[field] = None
    return Change(
        entity=item.entity, id=data["id"], version=data["version"], deleted=False, data=data
    )
