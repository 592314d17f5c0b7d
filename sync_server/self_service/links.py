"""Personal links and form tickets: random tokens of which the server keeps hashes only.

A token is 32 random bytes (256 bit) in URL-safe Base64; what is stored is its SHA-256,
so that a copy of the database opens no link. A token that is not one of ours (wrong
length, wrong characters) is refused before the database is asked.
"""

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel import Session, col

from sync_server import changes
from sync_server.self_service.tables import FormTicket, PersonalLink

TOKEN_BYTES = 32
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")
TICKET_HOURS = 24
"""How long a shown form may be sent (time enough to ask a colleague)."""


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def well_formed(token: str) -> bool:
    return bool(_TOKEN.match(token))


def mint(session: Session, purpose: str, subject_id: str) -> str:
    """A new personal link's token for `subject_id`; only its hash is added to the
    session."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(
        PersonalLink(
            token_hash=digest(token),
            purpose=purpose,
            subject_id=subject_id,
            created_at=changes.now(),
        )
    )
    return token


def opened(session: Session, purpose: str, token: str) -> str | None:
    """The subject a token of `purpose` belongs to, or None."""
    if not well_formed(token):
        return None
    link = session.get(PersonalLink, digest(token))
    if link is None or link.purpose != purpose:
        return None
    return link.subject_id


def issue_ticket(session: Session, subject: str) -> str:
    """A one-time ticket for a form about `subject` (committed by the caller)."""
    ticket = secrets.token_urlsafe(TOKEN_BYTES)
    # Stale tickets of this link go: a link opened often leaves a day's tickets at most.
    stale = changes.now() - timedelta(hours=TICKET_HOURS)
    session.exec(
        delete(FormTicket).where(
            col(FormTicket.subject_id) == subject, col(FormTicket.issued_at) <= stale
        )
    )
    session.add(FormTicket(ticket_hash=digest(ticket), subject_id=subject, issued_at=changes.now()))
    return ticket


def use_ticket(session: Session, subject: str, ticket: str) -> bool:
    """Spend a form's ticket: True once, for a ticket issued for `subject` within
    `TICKET_HOURS`; False for a replayed, foreign, stale or made-up one. Taken in the
    transaction of what the form does, so a failed post leaves it unspent."""
    if not well_formed(ticket):
        return False
    now = changes.now()
    result = session.exec(
        update(FormTicket)
        .where(
            col(FormTicket.ticket_hash) == digest(ticket),
            col(FormTicket.subject_id) == subject,
            col(FormTicket.used_at).is_(None),
            col(FormTicket.issued_at) > now - timedelta(hours=TICKET_HOURS),
        )
        .values(used_at=now)
    )
    return bool(result.rowcount == 1)


def ticket_issued(session: Session, subject: str, ticket: str) -> datetime | None:
    """When an unspent ticket for `subject` was issued (None: not one of ours): how long
    the form was open before it was sent."""
    if not well_formed(ticket):
        return None
    found = session.get(FormTicket, digest(ticket))
    if found is None or found.subject_id != subject or found.used_at is not None:
        return None
    return found.issued_at
