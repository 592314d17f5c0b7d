"""Tables only the server has: accounts, devices, the change log, idempotency records."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from wegweiser.model import new_id
from wegweiser.protocol import Role


class Account(SQLModel, table=True):
    """A person (or office) using the Wegweiser; devices belong to an account."""

    __tablename__ = "account"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    name: str = Field(max_length=100)
    role: Role = Field(max_length=16)
    created_at: datetime


class EnrolmentCode(SQLModel, table=True):
    """A one-time, expiring code that turns a new device into an enrolled one."""

    __tablename__ = "enrolment_code"

    code_hash: str = Field(primary_key=True, max_length=64)
    account_id: str = Field(foreign_key="account.id", max_length=36)
    expires_at: datetime
    used_at: datetime | None = None
    created_by: str | None = Field(default=None, max_length=36)


class Device(SQLModel, table=True):
    """An enrolled device; only the SHA-256 of its token is stored."""

    __tablename__ = "device"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    account_id: str = Field(foreign_key="account.id", max_length=36, index=True)
    name: str = Field(max_length=100)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime
    last_seen_at: datetime | None = None
    revoked_at: datetime | None = None


class SyncState(SQLModel, table=True):
    """One row: the change order's state (`sync_server.change_order`), the retention
    watermark and the database's epoch."""

    __tablename__ = "sync_state"

    id: int = Field(default=1, primary_key=True)
    last_seq: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    """SQLite: the last change's number. PostgreSQL numbers changes by transaction
    (`position_base`); there it stays where migration 14 found it."""
    position_base: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    """PostgreSQL: added to every change's number, so that it is higher than any number
    the database held when it was migrated or restored."""
    purged_through: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    epoch: str = Field(default_factory=new_id, max_length=36)
    """Changes when the database is recreated: old cursors then require a full resync."""
    resync_until: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    """After a restore: until when (seconds since 1970) the devices' full resyncs are
    spread, each device at a moment of its own (`pull.resync_required`)."""


class DatasetInfo(SQLModel, table=True):
    """One row: what the last loaded dataset said about itself.

    Devices learn from every pull whether the content is example data, so the app warns
    "Beispieldaten" exactly as long as the server holds example data.
    """

    __tablename__ = "dataset_info"

    id: int = Field(default=1, primary_key=True)
    title: str = Field(max_length=300)
    dataset_version: str = Field(max_length=100)
    example_data: bool
    loaded_at: datetime


class SyncItem(SQLModel, table=True):
    """Where each synced record stands in the change order, and who may pull it."""

    __tablename__ = "sync_item"
    __table_args__ = (UniqueConstraint("entity", "record_id"),)

    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(max_length=40)
    record_id: str = Field(max_length=36)
    seq: int = Field(sa_column=Column(BigInteger, nullable=False, unique=True, index=True))
    shared: bool = True
    """District-wide or global: every device gets it."""
    staff_only: bool = False
    """Drafts: only coordination and admin devices get them."""
    public_once: bool = True
    """Guides could get it at some time. A draft that never was public is not even named
    to them: they get no tombstone of it, so they never learn its id."""
    owner_account_id: str | None = Field(default=None, max_length=36, index=True)
    deleted: bool = False
    changed_at: datetime


class SyncItemKommune(SQLModel, table=True):
    """The Kommunen a synced record belongs to (none for shared records)."""

    __tablename__ = "sync_item_kommune"

    item_id: int = Field(foreign_key="sync_item.id", primary_key=True, ondelete="CASCADE")
    kommune_key: str = Field(primary_key=True, max_length=64)


class ScopeMark(SQLModel, table=True):
    """The last change in one scope a device can pull: the district-wide records
    ("shared", key ""), a Kommune's (its key), an account's own (its id), and "floor"
    (key ""), where a database migrated to marks began them. A pull whose cursor is at
    or past every mark of its scope finds nothing new without reading the change log,
    whatever other accounts and Kommunen wrote meanwhile."""

    __tablename__ = "scope_mark"

    kind: str = Field(primary_key=True, max_length=16)
    key: str = Field(primary_key=True, max_length=64)
    last_seq: int = Field(sa_column=Column(BigInteger, nullable=False))


class FieldVersion(SQLModel, table=True):
    """The record version at which a field last changed: the basis of field-level merge.

    A field without a row has not changed since the record was created.
    """

    __tablename__ = "field_version"

    entity: str = Field(primary_key=True, max_length=40)
    record_id: str = Field(primary_key=True, max_length=36)
    field: str = Field(primary_key=True, max_length=64)
    version: int
    device_id: str | None = Field(default=None, max_length=36)
    """The device whose mutation changed it: its own later edits never conflict with it."""


class RateBucket(SQLModel, table=True):
    """One token bucket of `sync_server.shared_limits`: every server process spends from
    it (times are the wall clock, in seconds)."""

    __tablename__ = "rate_bucket"

    name: str = Field(primary_key=True, max_length=200)
    tokens: float
    refreshed: float


class AppliedMutation(SQLModel, table=True):
    """The stored answer to a mutation, so that a retry gets the same answer."""

    __tablename__ = "applied_mutation"

    id: str = Field(primary_key=True, max_length=36)
    account_id: str = Field(max_length=36)
    result: str = Field(sa_column=Column(Text, nullable=False))
    applied_at: datetime


class AuditEvent(SQLModel, table=True):
    """Who did what when, for the Koordinierungsstelle: publications, acceptances,
    rejections, revocations. Written in the transaction of what it records."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    account_id: str | None = Field(default=None, max_length=36)
    """Who (None: the server itself, e.g. loading a dataset from the command line)."""
    account_name: str = Field(max_length=100)
    action: str = Field(max_length=32)
    entity: str | None = Field(default=None, max_length=40)
    record_id: str | None = Field(default=None, max_length=36, index=True)
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    """What changed (field → [old, new]), a reason, a report's id."""


SERVER_TABLES = (
    Account,
    EnrolmentCode,
    Device,
    SyncState,
    DatasetInfo,
    SyncItem,
    SyncItemKommune,
    ScopeMark,
    FieldVersion,
    RateBucket,
    AppliedMutation,
    AuditEvent,
)
