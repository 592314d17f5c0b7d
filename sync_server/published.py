"""Published entries, read for one Kommune and language: what the public pages show and
what a printed handout holds (one rule for both).

Every query here filters on `publication_of(...) == PUBLISHED` and `deleted`: a draft,
an archived entry or a removed one does not exist for a visitor (a plain 404). Notes,
reports, favourites, accounts and devices are not read at all.
"""

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import String, and_, cast, func, or_
from sqlmodel import Session, col, select

from sync_server.tables import DatasetInfo, ScopeMark, SyncItem, SyncItemKommune, SyncState
from wegweiser.model import (
    DISTRICT_WIDE,
    ContactPoint,
    InfoSheet,
    Kommune,
    NetworkPartner,
    Offer,
    Publication,
    Region,
    SyncedRecord,
    Topic,
    publication_of,
    scope_of,
)
from wegweiser.translations import is_outdated

R = TypeVar("R", bound=SyncedRecord)


class NotFound(LookupError):
    """No published entry of that id or key."""


def data_state(session: Session) -> str:
    """The data's state: the database's epoch and the last change of its content (of
    the marks but those of accounts' notes and favourites). Anything published changes
    it; a restored database (new epoch) never reads as the same state."""
    content = select(func.coalesce(func.max(ScopeMark.last_seq), 0))
    content = content.where(col(ScopeMark.kind) != "account")
    row = session.exec(
        select(SyncState.epoch, content.scalar_subquery()).where(SyncState.id == 1)
    ).first()
    return f"{row[0]}.{row[1]}" if row else "0"


def content_state(session: Session, scope: list[str]) -> str:
    """The state of what a document of the Kommunen `scope` can show: the shared
    content (district-wide and global) and the entries of those Kommunen, as how many
    there are and their latest change. A change elsewhere, or to someone's private note,
    leaves it as it is; an entry leaving the Kommunen lowers the count."""
    kommune_items = select(SyncItemKommune.item_id).where(
        col(SyncItemKommune.kommune_key).in_(scope)
    )
    shared = and_(col(SyncItem.shared), col(SyncItem.owner_account_id).is_(None))
    count, latest = session.exec(
        select(func.count(), func.max(SyncItem.seq)).where(
            or_(shared, col(SyncItem.id).in_(kommune_items))
        )
    ).one()
    return f"{data_state(session).split('.')[0]}.{count}.{latest or 0}"


def _visible(cls: type[R], where: tuple[Any, ...]) -> list[Any]:
    """SQL: published, not removed, and `where`."""
    conditions = [col(cls.deleted).is_(False), *where]
    if "status" in cls.model_fields:
        conditions.append(col(cls.status) == Publication.PUBLISHED)  # type: ignore[attr-defined]
    return conditions


def published(session: Session, cls: type[R], *where: Any) -> list[R]:
    """The published entries of kind `cls` that meet `where` (SQL conditions): the
    database filters, so that a district of 25,000 entries is not read for one page."""
    rows = session.exec(select(cls).where(*_visible(cls, where))).all()
    return [r for r in rows if publication_of(r) == Publication.PUBLISHED]


@dataclass(frozen=True)
class Part(Generic[R]):
    """Some of a list, in its order, and how long the whole list is."""

    entries: list[R]
    total: int


def _part(
    session: Session, cls: type[R], order: Any, first: int, count: int, *where: Any
) -> Part[R]:
    conditions = _visible(cls, where)
    # The whole list's length comes with the part (a window over the same scan): in a
    # district of 25,000 entries the conditions read every row of the kind.
    query = (
        select(cls, func.count().over())
        .where(*conditions)
        .order_by(order)
        .offset(first)
        .limit(count)
    )
    rows = session.exec(query).all()
    if rows:
        return Part([entry for entry, _ in rows], int(rows[0][1]))
    total = session.exec(select(func.count()).select_from(cls).where(*conditions)).one()
    return Part([], int(total))


def region(session: Session) -> Region | None:
    return session.exec(select(Region).where(col(Region.deleted).is_(False))).first()


def example_data(session: Session) -> bool:
    info = session.get(DatasetInfo, 1)
    return bool(info and info.example_data)


def kommunen(session: Session) -> list[Kommune]:
    return sorted(published(session, Kommune), key=lambda k: k.name)


def kommune(session: Session, key: str) -> Kommune:
    found = published(session, Kommune, col(Kommune.key) == key)
    if not found:
        raise NotFound(key)
    return found[0]


@dataclass(frozen=True)
class Shown:
    """A sheet as a visitor reads it: in their language where translated."""

    sheet: InfoSheet
    original: InfoSheet

    @property
    def outdated(self) -> bool:
        return self.sheet is not self.original and is_outdated(self.sheet, self.original)


def _in_language(original: InfoSheet, sheets: list[InfoSheet], language: str) -> Shown:
    translated = next(
        (s for s in sheets if s.translation_of == original.id and s.language == language), None
    )
    return Shown(translated or original, original)


def scope(session: Session, key: str) -> list[str]:
    """The published Kommune `key` and its Verbandsgemeinde; raises `NotFound`."""
    return scope_of(kommune(session, key))


def _scope(session: Session, key: str) -> list[str]:
    """The Kommunen whose entries apply in `key`: itself and its Verbandsgemeinde."""
    found = published(session, Kommune, col(Kommune.key) == key)
    return [key] if not found else scope_of(found[0])


def _serving(cls: type[InfoSheet | Offer], scope: list[str]) -> Any:
    """SQL: the entry is district-wide or one of `scope`'s."""
    return or_(col(cls.kommune_key).is_(DISTRICT_WIDE), col(cls.kommune_key).in_(scope))


def _listing(column: Any, scope: list[str]) -> Any:
    """SQL: a JSON list of Kommune keys is empty (district-wide) or names one of
    `scope`. The keys are [a-z0-9-]: the quoted key in the list's text finds exactly the
    lists that hold it, on SQLite and PostgreSQL alike."""
    listed = cast(column, String)
    return or_(listed == "[]", *(listed.like(f'%"{k}"%') for k in scope))


def topics(session: Session) -> list[Topic]:
    return sorted(published(session, Topic), key=lambda t: (t.sort_order, t.title))


def sheets_of(
    session: Session, key: str, language: str, topic_key: str | None = None
) -> list[Shown]:
    """The sheets for Kommune `key` (its own and the district's), of `topic_key` only
    when one is named, each in `language` where a translation is published, by title."""
    where = [col(InfoSheet.translation_of).is_(None), _serving(InfoSheet, _scope(session, key))]
    if topic_key is not None:
        where.append(col(InfoSheet.topic_key) == topic_key)
    return _shown(session, published(session, InfoSheet, *where), language)


def district_sheets(session: Session, language: str) -> list[Shown]:
    """The district's own sheets (those of no one Kommune), in `language` where
    translated, by title."""
    originals = published(
        session,
        InfoSheet,
        col(InfoSheet.translation_of).is_(None),
        col(InfoSheet.kommune_key).is_(DISTRICT_WIDE),
    )
    return _shown(session, originals, language)


def _shown(session: Session, originals: list[InfoSheet], language: str) -> list[Shown]:
    translations = (
        published(
            session,
            InfoSheet,
            col(InfoSheet.translation_of).in_([s.id for s in originals]),
            col(InfoSheet.language) == language,
        )
        if language != "de" and originals
        else []
    )
    return sorted(
        (_in_language(s, translations, language) for s in originals),
        key=lambda s: s.original.title,
    )


def topics_of(session: Session, key: str) -> list[Topic]:
    """The topics with at least one published sheet for Kommune `key`, in order. Asked
    of the database as the topics' keys alone: a Kommune of a large district has
    hundreds of sheets, and their texts are not needed to list its topics."""
    where = [
        col(InfoSheet.translation_of).is_(None),
        _serving(InfoSheet, _scope(session, key)),
        *_visible(InfoSheet, ()),
    ]
    keys = set(session.exec(select(InfoSheet.topic_key).where(*where).distinct()).all())
    return [topic for topic in topics(session) if topic.key in keys]


def _one(session: Session, cls: type[R], record_id: str) -> R:
    """The published entry `record_id` of kind `cls`."""
    found = session.get(cls, record_id)
    if found is None or found.deleted or publication_of(found) != Publication.PUBLISHED:
        raise NotFound(record_id)
    return found


def contact(session: Session, contact_id: str) -> ContactPoint:
    return _one(session, ContactPoint, contact_id)


def offer(session: Session, offer_id: str) -> Offer:
    return _one(session, Offer, offer_id)


def topic(session: Session, key: str) -> Topic:
    found = published(session, Topic, col(Topic.key) == key)
    if not found:
        raise NotFound(key)
    return found[0]


def offers_at(session: Session, contact_id: str) -> list[Offer]:
    """The published offers held at contact point `contact_id`."""
    return sorted(
        published(session, Offer, col(Offer.contact_point_id) == contact_id),
        key=lambda o: o.title,
    )


def partners_of(session: Session, key: str) -> list[NetworkPartner]:
    """The network's published partners in Kommune `key` and district-wide. Their
    personal contact is read through `NetworkPartner.contact_for_everyone` only."""
    scope = _scope(session, key)
    return sorted(
        published(session, NetworkPartner, _listing(NetworkPartner.kommune_keys, scope)),
        key=lambda p: p.name,
    )


def _contact_conditions(scope: list[str], topic: str | None) -> list[Any]:
    conditions = [_listing(ContactPoint.kommune_keys, scope)]
    if topic is not None:
        conditions.append(cast(ContactPoint.topic_keys, String).like(f'%"{topic}"%'))
    return conditions


def _offer_conditions(scope: list[str], topic: str | None) -> list[Any]:
    conditions = [_serving(Offer, scope)]
    if topic is not None:
        conditions.append(cast(Offer.topic_keys, String).like(f'%"{topic}"%'))
    return conditions


def contacts_of(session: Session, key: str, topic: str | None = None) -> list[ContactPoint]:
    """The contact points serving Kommune `key` (or its Verbandsgemeinde, or all), of
    `topic` only when one is named, by name."""
    where = _contact_conditions(_scope(session, key), topic)
    return sorted(published(session, ContactPoint, *where), key=lambda c: c.name)


def contacts_part(session: Session, key: str, first: int, count: int) -> Part[ContactPoint]:
    """`count` of Kommune `key`'s contact points from the `first`, by name."""
    where = _contact_conditions(_scope(session, key), None)
    return _part(session, ContactPoint, col(ContactPoint.name), first, count, *where)


def offers_of(session: Session, key: str, topic: str | None = None) -> list[Offer]:
    """The offers in Kommune `key` (or its Verbandsgemeinde, or district-wide), of
    `topic` only when one is named, by title."""
    where = _offer_conditions(_scope(session, key), topic)
    return sorted(published(session, Offer, *where), key=lambda o: o.title)


def offers_part(session: Session, key: str, first: int, count: int) -> Part[Offer]:
    """`count` of Kommune `key`'s offers from the `first`, by title."""
    where = _offer_conditions(_scope(session, key), None)
    return _part(session, Offer, col(Offer.title), first, count, *where)


def sheet(session: Session, sheet_id: str, language: str) -> Shown:
    """The published sheet `sheet_id` (an original or one of its translations), shown in
    `language` where a translation is published."""
    found = _one(session, InfoSheet, sheet_id)
    original = _one(session, InfoSheet, found.translation_of) if found.translation_of else found
    if original.translation_of is not None:
        raise NotFound(sheet_id)  # a translation of a translation is no sheet
    [shown] = _shown(session, [original], language)
    return shown
