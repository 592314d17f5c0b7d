"""What the server keeps of its requests to and from the network: update requests,
registrations waiting for their address to be confirmed, the personal links mailed out
(hashes only) and the one-time tickets of the public forms."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from wegweiser.model import enum_column, new_id


class Answer(StrEnum):
    CONFIRMED = "confirmed"
    """"Alles ist aktuell"."""
    CHANGED = "changed"
    """A change report from the contact point."""


class UpdateRequest(SQLModel, table=True):
    """The office asked the people of one entry to confirm or correct it."""

    __tablename__ = "update_request"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    entity: str = Field(max_length=40)
    record_id: str = Field(max_length=36, index=True)
    recipient: str = Field(default="", max_length=200)
    """The entry's e-mail address when asked; empty: asked by a printed letter."""
    created_at: datetime
    created_by: str | None = Field(default=None, max_length=36)
    """The account that asked (None: the timer's `request-updates`)."""
    expires_at: datetime
    withdrawn_at: datetime | None = None
    reminded_at: datetime | None = None
    answered_at: datetime | None = None
    answer: Answer | None = Field(default=None, sa_type=enum_column(Answer, 9))
    report_id: str | None = Field(default=None, max_length=36)
    """The change report the answer became (the latest, if several)."""


class PersonalLink(SQLModel, table=True):
    """A link mailed to one person: only its token's SHA-256 is kept. Valid as long as
    what it belongs to (`purpose`, `subject_id`) is."""

    __tablename__ = "personal_link"

    token_hash: str = Field(primary_key=True, max_length=64)
    purpose: str = Field(max_length=16)
    subject_id: str = Field(max_length=36, index=True)
    created_at: datetime


class FormTicket(SQLModel, table=True):
    """A form's one-time ticket: a form is sent once, and only as this server showed it
    (a page elsewhere cannot post into it, a replayed post finds its ticket used)."""

    __tablename__ = "form_ticket"

    ticket_hash: str = Field(primary_key=True, max_length=64)
    subject_id: str = Field(max_length=64)
    """What the form is about: the personal link's hash (one link's forms only)."""
    issued_at: datetime
    used_at: datetime | None = None


class Registration(SQLModel, table=True):
    """ "Im Netzwerk mitmachen" as sent: kept only until its e-mail address is confirmed
    (then it becomes a draft partner and a report for the office) or for a few days."""

    __tablename__ = "registration"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    created_at: datetime
    email: str = Field(max_length=200, index=True)
    details: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    """The partner's fields as the form gave them (checked by the rulebook)."""
    confirmed_at: datetime | None = None
    partner_id: str | None = Field(default=None, max_length=36, index=True)


SELF_SERVICE_TABLES = (UpdateRequest, PersonalLink, FormTicket, Registration)
