"""The sync wire format: one definition for the app's sync client and the server.

Documented with examples in `docs/sync-protocol.md`. Every request model forbids unknown
fields and bounds its sizes, so malformed input is refused before it reaches storage.
"""

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from wegweiser.owned import ReportFlag
from wegweiser.wire_values import Count, Flag, Moment, Text, no_control_characters

MAX_KEYS = 50
MAX_FIELDS = 40

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
Uuid = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
]
FieldName = Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,64}$")]


class Role(StrEnum):
    LOTSE = "lotse"
    KOORDINATION = "koordination"
    ADMIN = "admin"


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


# --- enrolment -------------------------------------------------------------------------


class EnrolRequest(_Request):
    """A device exchanges a one-time enrolment code for its device token."""

    code: Annotated[Text, StringConstraints(min_length=8, max_length=64)]
    device_name: Annotated[Text, StringConstraints(min_length=1, max_length=100)]


class EnrolResponse(BaseModel):
    device_id: str
    token: str
    account_id: str
    account_name: str
    role: Role


class EnrolmentCodeRequest(_Request):
    """Create an enrolment code for a new or an existing account."""

    account_name: Annotated[Text, StringConstraints(min_length=1, max_length=100)] | None = None
    account_id: Uuid | None = None
    role: Role = Role.LOTSE
    valid_hours: Count = Field(default=72, ge=1, le=24 * 30)


class EnrolmentCodeResponse(BaseModel):
    code: str
    account_id: str
    role: Role
    expires_at: str


class DeviceInfo(BaseModel):
    """An enrolled device with its account, as the Koordinierungsstelle sees it."""

    id: str
    name: str
    account_id: str
    account_name: str
    role: Role
    created_at: str
    last_seen_at: str | None
    """When it last reached the server (its last sync)."""
    revoked: bool


class WaitingCode(BaseModel):
    """An enrolment code not yet used, for an account (the code itself is never shown
    again: only its hash is stored)."""

    account_id: str
    account_name: str
    role: Role
    expires_at: str


# --- pull ------------------------------------------------------------------------------


class PullRequest(_Request):
    """Changes after `cursor` for a scope.

    A normal pull names all Kommunen of the device. After adding a Kommune a device
    pulls once with `kommunen=[new]`, `include_shared=false`, `exclude_kommunen=old` and
    `until=<its cursor>`: exactly what is new to it, nothing it already has.
    """

    cursor: Annotated[str, StringConstraints(max_length=200)] = ""
    kommunen: list[Key] = Field(default_factory=list, max_length=MAX_KEYS)
    include_shared: Flag = True
    exclude_kommunen: list[Key] = Field(default_factory=list, max_length=MAX_KEYS)
    until: Annotated[str, StringConstraints(max_length=200)] | None = None
    limit: Count = Field(default=200, ge=1, le=1000)
    columns: Flag | Annotated[str, StringConstraints(max_length=64)] = False
    """Answer pages as a `PullPage` (apps since December 2026); without it, as a
    `PullResponse`. "Nothing new" is a `PullResponse` either way: it is shorter. Apps
    send their `wegweiser.columns.fields_tag()` here in place of `true`: where it is the
    server's, the app knows every kind's fields in their order, and the blocks leave the
    names out (a fifth of the compressed answer that carries one changed record)."""


class Change(BaseModel):
    """One record as it is now; `deleted` records carry no data (a tombstone)."""

    entity: str
    id: str
    version: int
    deleted: bool
    data: dict[str, Any] | None = None


class PullResponse(BaseModel):
    changes: list[Change]
    next_cursor: str
    has_more: bool
    example_data: bool = False
    """The server holds example data: the app says so on every screen that shows content."""


class RecordColumns(BaseModel):
    """The records of one kind on a page: each field named once, and per field a column
    of its values, a record's at the same place in every column. (Like values side by
    side pack small: a page of contact points is a third of its gzip as rows.)"""

    entity: str
    fields: list[str] | None = None
    """None (left out of the JSON): the kind's fields in the model's order, sent so only to
    an app whose `fields_tag` is the server's."""
    columns: list[list[Any]]

    @property
    def count(self) -> int:
        return len(self.columns[0]) if self.columns else 0


class Tombstone(BaseModel):
    entity: str
    id: str
    version: int


class PullPage(BaseModel):
    """A `PullResponse` as columns (`wegweiser.columns`): 60 % of its JSON, and checked
    a kind of record at a time instead of a record at a time."""

    records: list[RecordColumns]
    deleted: list[Tombstone]
    next_cursor: str
    has_more: bool
    example_data: bool = False

    @property
    def count(self) -> int:
        """The records and tombstones the page holds."""
        return sum(block.count for block in self.records) + len(self.deleted)


# --- push ------------------------------------------------------------------------------


class Mutation(_Request):
    """One change a device made; `id` is its idempotency key, made once on the device."""

    id: Uuid
    entity: Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,40}$")]
    record_id: Uuid
    op: Literal["upsert", "delete"] = "upsert"
    base_version: Count = Field(ge=0, le=2**31)
    fields: Annotated[
        dict[FieldName, Any],
        Field(default_factory=dict, max_length=MAX_FIELDS),
        AfterValidator(no_control_characters),
    ]
    comment: Annotated[Text, StringConstraints(max_length=2000)] = ""
    """A guide's words to the Koordinierungsstelle (change reports only)."""
    flag: ReportFlag | None = None
    """Closed, moved or unreachable (change reports only)."""
    made_at: Moment | None = None
    """When the person made it, by the device's clock: shown to people ("Gemeldet am"),
    never used to order changes (the server alone does that)."""


class PushRequest(_Request):
    mutations: list[Mutation] = Field(min_length=1)


class MutationStatus(StrEnum):
    APPLIED = "applied"
    MERGED = "merged"
    CONFLICT = "conflict"
    REJECTED = "rejected"
    REPORTED = "reported"
    """A guide's edit of published content became a change report waiting for review."""


class FieldConflict(BaseModel):
    server: Any
    yours: Any


class MutationResult(BaseModel):
    mutation_id: str
    status: MutationStatus
    version: int | None = None
    conflicts: dict[str, FieldConflict] | None = None
    reason: str | None = None
    report_id: str | None = None


class PushResponse(BaseModel):
    results: list[MutationResult]


# --- review ----------------------------------------------------------------------------


class AcceptRequest(_Request):
    """Accept a change report; `fields` replaces the reported values (the edit case)."""

    fields: Annotated[
        dict[FieldName, Any] | None,
        Field(default=None, max_length=MAX_FIELDS),
        AfterValidator(no_control_characters),
    ]


REASON_MIN_LENGTH = 3
"""A rejected report tells its reporter why, in at least this many characters."""


def _reason(text: str) -> str:
    text = text.strip()
    if len(text) < REASON_MIN_LENGTH:
        raise ValueError(
            f"Bitte einen Grund für die Ablehnung angeben (mindestens {REASON_MIN_LENGTH} Zeichen)"
        )
    return text


class RejectRequest(_Request):
    """Close a report without publishing; the app checks it before sending, the server
    again."""

    reason: Annotated[Text, StringConstraints(max_length=2000), AfterValidator(_reason)]


class ReportView(BaseModel):
    """A change report as the review queue shows it (the stored record stays apart)."""

    id: str
    version: int
    account_id: str
    """Who reported it."""
    target_entity: str
    target_id: str
    target_title: str
    base_version: int
    changes: dict[str, Any]
    published: dict[str, Any] | None = None
    """Accepted with corrections: the values published instead of `changes`."""
    comment: str
    flag: str | None
    status: str
    reason: str | None
    created_at: datetime | None
    decided_at: datetime | None
    reporter_name: str = ""


class ReportPage(BaseModel):
    """One page of the review queue; ask again with `after=next_after` for more."""

    reports: list[ReportView]
    next_after: str | None


class AuditView(BaseModel):
    """One event of the audit trail: who did what to which entry (or device), when."""

    at: datetime
    account_id: str | None
    account_name: str
    action: str
    """created, changed, deleted, report_accepted, report_rejected, device_revoked,
    account_revoked."""
    entity: str | None
    record_id: str | None
    details: dict[str, Any]
    """`fields`: field → [old, new]; `reason`; `report` and `reporter` ids."""


# --- errors ----------------------------------------------------------------------------

PROBLEM_BASE = "https://wegweiser-harz.example/probleme/"
UNREADABLE_CURSOR = "cursor-ungueltig"
"""The problem type of a cursor the server cannot read: a device that stored one (from a
broken server) pulls everything again instead of being refused for ever."""


class Problem(BaseModel):
    """An RFC 9457 problem document; `type` ends in a stable slug clients switch on."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[dict[str, Any]] | None = None
    wipe: bool | None = None
    resync_within: int | None = None
    """With a 410 after a restore: the seconds within which the device pulls everything
    again, at a moment it picks at random (so that not every tablet comes at once)."""
