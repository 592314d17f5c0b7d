"""Records of one account: a guide's change reports, private notes and favourites.

They sync to that account's devices only; the server sets `account_id` from the device
token, never from what a device says. The shared content is in `wegweiser.model`.
"""

from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import JSON, Column
from sqlmodel import Field

from wegweiser.model import SyncedRecord, enum_column


class ReportStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class ReportFlag(StrEnum):
    """What a guide found at a place, reported without changing a field."""

    CLOSED = "closed"
    """geschlossen"""
    MOVED = "moved"
    """umgezogen"""
    UNREACHABLE = "unreachable"
    """nicht erreichbar"""


class OwnedRecord(SyncedRecord):
    """A record that belongs to one account and is synced to that account's devices only.

    The server sets `account_id` from the device token; a device never chooses it.
    """

    account_id: str = Field(default="", max_length=36, index=True)


class ChangeReport(OwnedRecord, table=True):
    """An Änderungsmeldung: a guide's edit of published content, waiting for review."""

    __tablename__ = "change_report"
    entity: ClassVar[str] = "change_report"

    target_entity: str = Field(max_length=40)
    target_id: str = Field(max_length=36, index=True)
    target_title: str = Field(default="", max_length=300)
    base_version: int = Field(default=0, ge=0)
    changes: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    published: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    """What the office published instead, when it corrected the report before accepting
    it (the reporter and the office see reported → published)."""
    comment: str = Field(default="", max_length=2000)
    flag: ReportFlag | None = Field(default=None, sa_type=enum_column(ReportFlag, 16))
    """Closed, moved or unreachable, with or without changed fields."""
    status: ReportStatus = Field(default=ReportStatus.PENDING, sa_type=enum_column(ReportStatus, 8))
    reason: str | None = Field(default=None, max_length=2000)
    """Why a coordinator rejected it; the reporter sees this."""
    created_at: datetime | None = None
    decided_at: datetime | None = None


class PrivateNote(OwnedRecord, table=True):
    """A guide's own note on a record (never about the people visited)."""

    __tablename__ = "private_note"
    entity: ClassVar[str] = "private_note"

    target_entity: str = Field(max_length=40)
    target_id: str = Field(max_length=36)
    text: str = Field(default="", max_length=5000)


class Favourite(OwnedRecord, table=True):
    """A record a guide marked as favourite."""

    __tablename__ = "favourite"
    entity: ClassVar[str] = "favourite"

    target_entity: str = Field(max_length=40)
    target_id: str = Field(max_length=36)
