"""Published entries, read for one Kommune and language: what the public pages show and
what a printed handout holds (one rule for both).

Every query here filters on `publication_of(...) == PUBLISHED` and `deleted`: a draft,
an archived entry or a removed one does not exist for a visitor (a plain 404). Notes,
reports, favourites, accounts and devices are not read at all.
"""

from dataclasses import dataclass
from typing import TypeVar

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


def published(session: Session, cls: type[R]) -> list[R]:
    rows = session.exec(select(cls).where(col(cls.deleted).is_(False))).all()
    return [r for r in rows if publication_of(r) == Publication.PUBLISHED]


def region(session: Session) -> Region | None:
    return session.exec(select(Region).where(col(Region.deleted).is_(False))).first()


def example_data(session: Session) -> bool:
    info = session.get(DatasetInfo, 1)
    return bool(info and info.example_data)


def kommunen(session: Session) -> list[Kommune]:
    return sorted(published(session, Kommune), key=lambda k: k.name)


def kommune(session: Session, key: str) -> Kommune:
    found = next((k for k in published(session, Kommune) if k.key == key), None)
    if found is None:
        raise NotFound(key)
    return found


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
    found = next((k for k in published(session, Kommune) if k.key == key), None)
    return [key] if found is None else scope_of(found)


def _serves(record_kommune: str | None, scope: list[str]) -> bool:
    return record_kommune is DISTRICT_WIDE or record_kommune in scope


def topics(session: Session) -> list[Topic]:
    return sorted(published(session, Topic), key=lambda t: (t.sort_order, t.title))


def sheets_of(session: Session, key: str, language: str) -> list[Shown]:
    """The sheets for Kommune `key` (its own and the district's), each in `language`
    where a translation is published, by title."""
    sheets = published(session, InfoSheet)
    scope = _scope(session, key)
    originals = [s for s in sheets if s.translation_of is None and _serves(s.kommune_key, scope)]
    return sorted(
        (_in_language(s, sheets, language) for s in originals), key=lambda s: s.original.title
    )


def every_sheet(session: Session, language: str) -> list[Shown]:
    """Every published sheet (the district's and each Kommune's), each in `language`
    where a translation is published, by title."""
    sheets = published(session, InfoSheet)
    return sorted(
        (_in_language(s, sheets, language) for s in sheets if s.translation_of is None),
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
    found = next((t for t in published(session, Topic) if t.key == key), None)
    if found is None:
        raise NotFound(key)
    return found


def offers_at(session: Session, contact_id: str) -> list[Offer]:
    """The published offers held at contact point `contact_id`."""
    return sorted(
        (o for o in published(session, Offer) if o.contact_point_id == contact_id),
        key=lambda o: o.title,
    )


def partners_of(session: Session, key: str) -> list[NetworkPartner]:
    """The network's published partners in Kommune `key` and district-wide. Their
    personal contact is read through `NetworkPartner.public_contact` only."""
    scope = _scope(session, key)
    return sorted(
        (p for p in published(session, NetworkPartner) if _serves(p.kommune_key, scope)),
        key=lambda p: p.name,
    )


def contacts_of(session: Session, key: str) -> list[ContactPoint]:
    scope = _scope(session, key)
    return sorted(
        (
            c
            for c in published(session, ContactPoint)
            if not c.kommune_keys or set(scope) & set(c.kommune_keys)
        ),
        key=lambda c: c.name,
    )


def offers_of(session: Session, key: str) -> list[Offer]:
    scope = _scope(session, key)
    return sorted(
        (o for o in published(session, Offer) if _serves(o.kommune_key, scope)),
        key=lambda o: o.title,
    )


def sheet(session: Session, sheet_id: str, language: str) -> Shown:
    """The published sheet `sheet_id` (an original or one of its translations), shown in
    `language` where a translation is published."""
    sheets = published(session, InfoSheet)
    by_id = {s.id: s for s in sheets}
    found = by_id.get(sheet_id)
    if found is None:
        raise NotFound(sheet_id)
    original = by_id.get(found.translation_of or "", found)
    if original.translation_of is not None:
        raise NotFound(sheet_id)  # a translation whose original is not published
    return _in_language(original, sheets, language)
