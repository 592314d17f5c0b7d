"""What one account may keep on the server: private notes are counted and measured, and
favourites counted, so that one device cannot fill the database (21,420 notes of 4,900
characters were stored in a minute, the file grew from 23 to 149 MB, with only the push
rate in the way; a favourite may name any id, so they had no bound either).

Counted in the database at each new or longer note and each new favourite, so the quota
holds across server processes; one over it is refused alone, in German, and stays on the
device.
"""

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from wegweiser.edits import EditRefused
from wegweiser.owned import Favourite, PrivateNote
from wegweiser.protocol import Mutation


@dataclass(frozen=True)
class AccountQuota:
    """From the settings (`max_notes_per_account`, `max_note_chars_per_account`,
    `max_favourites_per_account`)."""

    notes: int
    """Notes one account keeps at most."""
    note_chars: int
    """Characters of all its notes together at most."""
    favourites: int
    """Favourites one account keeps at most."""


def check(session: Session, account_id: str, mutation: Mutation, quota: AccountQuota) -> None:
    """Raise `EditRefused` when storing `mutation` would take the account over its
    quota (only notes and favourites are counted)."""
    if mutation.entity == PrivateNote.entity:
        check_note(session, account_id, mutation, quota)
    elif mutation.entity == Favourite.entity:
        check_favourite(session, account_id, mutation, quota)


def check_favourite(
    session: Session, account_id: str, mutation: Mutation, quota: AccountQuota
) -> None:
    """A new favourite beyond the account's count is refused; removing one never is."""
    if mutation.op != "upsert":
        return
    current = session.get(Favourite, mutation.record_id)
    if current is not None and current.account_id == account_id and not current.deleted:
        return  # kept as it was
    kept = session.exec(
        select(func.count()).where(
            col(Favourite.account_id) == account_id, col(Favourite.deleted).is_(False)
        )
    ).one()
    if kept + 1 > quota.favourites:
        raise EditRefused(
            f"Höchstens {quota.favourites} Favoriten pro Konto. Bitte zuerst andere "
            "Favoriten entfernen; dieser bleibt auf dem Gerät."
        )


def check_note(session: Session, account_id: str, mutation: Mutation, quota: AccountQuota) -> None:
    """Raise `EditRefused` when storing this note would take the account over its quota;
    deleting, and keeping a note as long as it was, always go through."""
    if mutation.op != "upsert":
        return
    current = session.get(PrivateNote, mutation.record_id)
    kept = (
        current.text
        if current is not None and current.account_id == account_id and not current.deleted
        else None
    )
    text = str(mutation.fields.get("text", kept or ""))
    if kept is not None and len(text) <= len(kept):
        return
    others, chars = session.exec(
        select(func.count(), func.coalesce(func.sum(func.length(PrivateNote.text)), 0)).where(
            col(PrivateNote.account_id) == account_id,
            col(PrivateNote.deleted).is_(False),
            col(PrivateNote.id) != mutation.record_id,
        )
    ).one()
    if others + 1 > quota.notes:
        raise EditRefused(
            f"Höchstens {quota.notes} Notizen pro Konto. Bitte zuerst ältere Notizen löschen; "
            "diese bleibt auf dem Gerät."
        )
    if chars + len(text) > quota.note_chars:
        raise EditRefused(
            f"Die Notizen dieses Kontos sind zusammen zu lang (höchstens {quota.note_chars} "
            "Zeichen). Bitte ältere Notizen kürzen oder löschen; diese bleibt auf dem Gerät."
        )
