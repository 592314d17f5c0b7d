"""Checks that need the server's database: the Kommunen, topics and contact points a
record names must exist. (The rules both sides apply live in `wegweiser.edits`.)"""

from sqlmodel import Session, col, select

from wegweiser.edits import EditRefused
from wegweiser.messages import quoted
from wegweiser.model import (
    ContactPoint,
    InfoSheet,
    Kommune,
    NetworkPartner,
    Offer,
    SyncedRecord,
    Topic,
    kommunen_of,
)


def check_references(session: Session, record: SyncedRecord) -> None:
    """Kommunen, topics and contact points a record names must exist."""
    topics: list[str] = []
    if isinstance(record, InfoSheet):
        topics = [record.topic_key]
    elif isinstance(record, ContactPoint | Offer | NetworkPartner):
        topics = list(record.topic_keys)
    if (
        isinstance(record, Offer)
        and record.contact_point_id
        and session.get(ContactPoint, record.contact_point_id) is None
    ):
        raise EditRefused("Feld „contact_point_id“: verweist auf keine Anlaufstelle.")
    _exist(session, Kommune, kommunen_of(record), "Kommune")
    _exist(session, Topic, topics, "Thema")


def _exist(session: Session, cls: type[Kommune] | type[Topic], keys: list[str], what: str) -> None:
    if not keys:
        return
    found = set(session.exec(select(cls.key).where(col(cls.key).in_(keys))).all())
    for key in keys:
        if key not in found:
            raise EditRefused(f"Unbekannte {what} {quoted(key)}.")
