"""What one account may keep on the server: private notes are counted and measured, so
that one device cannot fill the database (21,420 notes of 4,900 characters were stored
in a minute, the file grew from 23 to 149 MB, with only the push rate in the way).

Counted in the database at each new or longer note, so the quota holds across server
processes; a note over it is refused alone, in German, and stays on the device.
"""

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from wegweiser.edits import EditRefused
from wegweiser.owned import PrivateNote
from wegweiser.protocol import Mutation


@dataclass(frozen=True)
class NoteQuota:
    """From the settings (`max_notes_per_account`, `max_note_chars_per_account`)."""

    count: int
    """Notes one account keeps at most."""
    chars: int
    """Characters of all its notes together at most."""


def check_note(session: Session, account_id: str, mutation: Mutation, quota: NoteQuota) -> None:
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
    if others + 1 > quota.count:
        raise EditRefused(
            f"Höchstens {quota.count} Notizen pro Konto. Bitte zuerst ältere Notizen löschen; "
            "diese bleibt auf dem Gerät."
        )
    if chars + len(text) > quota.chars:
        raise EditRefused(
            f"Die Notizen dieses Kontos sind zusammen zu lang (höchstens {quota.chars} "
            "Zeichen). Bitte ältere Notizen kürzen oder löschen; diese bleibt auf dem Gerät."
        )
