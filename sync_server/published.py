"""Published entries, read for one Kommune and language: what the public pages show and
what a printed handout holds (one rule for both).

Every query here filters on `publication_of(...) == PUBLISHED` and `deleted`: a draft,
an archived entry or a removed one does not exist for a visitor (a plain 404). Notes,
reports, favourites, accounts and devices are not read at all.
"""

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import String, cast, or_
from sqlmodel import Session, col, select

from sync_server.tables import DatasetInfo, SyncState
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
    """The data's state: the database's epoch and its last change. Anything published
    changes it; a restored database (new epoch) never reads as the same state."""
    state = session.get(SyncState, 1)
    return f"{state.epoch}.{state.last_seq}" if state else "0"


def published(session: Session, cls: type[R], *where: Any) -> list[R]:
    """The published entries of kind `cls` that meet `where` (SQL conditions): the
    database filters, so that a district of 25,000 entries is not read for one page."""
    query = select(cls).where(col(cls.deleted).is_(False), *where)
    if "status" in cls.model_fields:
        query = query.where(col(cls.status) == Publication.PUBLISHED)  # type: ignore[attr-defined]
    rows = session.exec(query).all()
    return [r for r in rows if publication_of(r) == Publication.PUBLISHED]


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


@dataclass(frozen=True)
class TopicSheets:
    topic: Topic
    sheets: list[Shown]


def _in_language(original: InfoSheet, sheets: list[InfoSheet], language: str) -> Shown:
    translated = next(
        (s for s in sheets if s.translation_of == original.id and s.language == language), None
    )
    return Shown(translated or original, original)


def _scope(session: Session, key: str) -> list[str]:
    """The Kommunen whose entries apply in `key`: itself and its Verbandsgemeinde."""
    found = published(session, Kommune, col(Kommune.key) == key)
    return [key] if not found else scope_of(found[0])


def _serving(cls: type[InfoSheet | Offer | NetworkPartner], scope: list[str]) -> Any:
    """SQL: the entry is district-wide or one of `scope`'s."""
    return or_(col(cls.kommune_key).is_(DISTRICT_WIDE), col(cls.kommune_key).in_(scope))


def topics(session: Session) -> list[Topic]:
    return sorted(published(session, Topic), key=lambda t: (t.sort_order, t.title))


def sheets_of(session: Session, key: str, language: str) -> list[Shown]:
    """The sheets for Kommune `key` (its own and the district's), each in `language`
    where a translation is published, by title."""
    originals = published(
        session,
        InfoSheet,
        col(InfoSheet.translation_of).is_(None),
        _serving(InfoSheet, _scope(session, key)),
    )
    return _shown(session, originals, language)


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


def topics_of(session: Session, key: str, language: str) -> list[TopicSheets]:
    """The topics with sheets for Kommune `key`, in order, each with its sheets."""
    shown = sheets_of(session, key, language)
    found = []
    for topic in topics(session):
        in_topic = [s for s in shown if s.original.topic_key == topic.key]
        if in_topic:
            found.append(TopicSheets(topic, in_topic))
    return found


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
    personal contact is read through `NetworkPartner.public_contact` only."""
    scope = _scope(session, key)
    return sorted(
        published(session, NetworkPartner, _serving(NetworkPartner, scope)),
        key=lambda p: p.name,
    )


def contacts_of(session: Session, key: str, topic: str | None = None) -> list[ContactPoint]:
    """The contact points serving Kommune `key` (or its Verbandsgemeinde, or all), of
    `topic` only when one is named."""
    scope = _scope(session, key)
    # Kommunen and topics are JSON lists: the database narrows by their text (a quoted
    # key), portably on SQLite and PostgreSQL; the exact test follows here.
    listed = cast(ContactPoint.kommune_keys, String)
    narrowed = [or_(listed == "[]", *(listed.like(f'%"{k}"%') for k in scope))]
    if topic is not None:
        narrowed.append(cast(ContactPoint.topic_keys, String).like(f'%"{topic}"%'))
    return sorted(
        (
            c
            for c in published(session, ContactPoint, *narrowed)
            if (not c.kommune_keys or set(scope) & set(c.kommune_keys))
            and (topic is None or topic in c.topic_keys)
        ),
        key=lambda c: c.name,
    )


def offers_of(session: Session, key: str, topic: str | None = None) -> list[Offer]:
    """The offers in Kommune `key` (or its Verbandsgemeinde, or district-wide), of
    `topic` only when one is named."""
    narrowed = [_serving(Offer, _scope(session, key))]
    if topic is not None:
        narrowed.append(cast(Offer.topic_keys, String).like(f'%"{topic}"%'))
    return sorted(
        (o for o in published(session, Offer, *narrowed) if topic is None or topic in o.topic_keys),
        key=lambda o: o.title,
    )


def sheet(session: Session, sheet_id: str, language: str) -> Shown:
    """The published sheet `sheet_id` (an original or one of its translations), shown in
    `language` where a translation is published."""
    found = _one(session, InfoSheet, sheet_id)
    original = _one(session, InfoSheet, found.translation_of) if found.translation_of else found
    if original.translation_of is not None:
        raise NotFound(sheet_id)  # a translation of a translation is no sheet
    [shown] = _shown(session, [original], language)
    return shown
