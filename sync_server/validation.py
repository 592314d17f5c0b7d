"""Checks that need the server's database: what a record names must exist (the rule and
its wording are `wegweiser.references`; the rules both sides apply live in
`wegweiser.edits`)."""

from sqlmodel import Session, col, select

from wegweiser.edits import EditRefused
from wegweiser.model import ContactPoint, InfoSheet, Kommune, SyncedRecord, Topic
from wegweiser.references import Target, missing


def check_references(session: Session, record: SyncedRecord) -> None:
    """Kommunen, topics, contact points and originals a record names must exist."""

    def existing(target: Target, keys: list[str]) -> set[str]:
        if target == "kommune":
            return set(session.exec(select(Kommune.key).where(col(Kommune.key).in_(keys))))
        if target == "topic":
            return set(session.exec(select(Topic.key).where(col(Topic.key).in_(keys))))
        cls = ContactPoint if target == "contact_point" else InfoSheet
        return set(session.exec(select(cls.id).where(col(cls.id).in_(keys))))

    problems = missing(record, existing)
    if problems:
        field, message = problems[0]
        raise EditRefused(f"Feld „{field}“: {message}")
