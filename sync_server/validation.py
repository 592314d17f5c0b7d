"""Checks a changed record must pass before it is written: fields and references."""

from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, col, select

from wegweiser import opening_hours
from wegweiser.messages import field_path, validation_message
from wegweiser.model import (
    SYNC_FIELDS,
    ContactPoint,
    InfoSheet,
    Kommune,
    NetworkPartner,
    Offer,
    SyncedRecord,
    Topic,
    kommunen_of,
)


class InvalidChange(ValueError):
    """The change cannot be written; the message says why, in German."""


def quoted(value: object, limit: int = 60) -> str:
    """A value for a message: control characters escaped, long values cut."""
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in str(value))
    return f"„{text[:limit]}…“" if len(text) > limit else f"„{text}“"


def check_field_names(cls: type[SyncedRecord], fields: dict[str, Any]) -> None:
    """Only the entity's own fields, and none of those the server manages."""
    for name in fields:
        if name in SYNC_FIELDS:
            raise InvalidChange(f"Feld {quoted(name)} wird vom Server verwaltet.")
        if name not in cls.model_fields:
            raise InvalidChange(f"Unbekanntes Feld {quoted(name)}.")


def build(cls: type[SyncedRecord], data: dict[str, Any]) -> SyncedRecord:
    """Validate a whole record; the first problem becomes a German message."""
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise InvalidChange(f"Feld „{field_path(error)}“: {validation_message(error)}") from None


def check_references(session: Session, record: SyncedRecord) -> None:
    """Kommunen, topics and contact points a record names must exist."""
    topics: list[str] = []
    if isinstance(record, InfoSheet):
        topics = [record.topic_key]
    elif isinstance(record, ContactPoint | Offer | NetworkPartner):
        topics = list(record.topic_keys)
    if isinstance(record, ContactPoint) and record.opening_hours is not None:
        try:
            opening_hours.parse(record.opening_hours)
        except opening_hours.OpeningHoursError as exc:
            raise InvalidChange(f"Feld „opening_hours“: {exc}") from None
    if (
        isinstance(record, Offer)
        and record.contact_point_id
        and session.get(ContactPoint, record.contact_point_id) is None
    ):
        raise InvalidChange("Feld „contact_point_id“: verweist auf keine Anlaufstelle.")
    _exist(session, Kommune, kommunen_of(record), "Kommune")
    _exist(session, Topic, topics, "Thema")


def _exist(session: Session, cls: type[Kommune] | type[Topic], keys: list[str], what: str) -> None:
    if not keys:
        return
    found = set(session.exec(select(cls.key).where(col(cls.key).in_(keys))).all())
    for key in keys:
        if key not in found:
            raise InvalidChange(f"Unbekannte {what} {quoted(key)}.")
