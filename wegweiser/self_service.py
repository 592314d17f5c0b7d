"""The network keeps its own entries: what a contact point may change of its own entry,
how long a personal link is good for, and the update requests as the office sees them.
One rulebook for the server (which asks and receives) and the app (which shows the
office where each request stands)."""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from wegweiser.edits import NOTHING_REPORTED, EditRefused
from wegweiser.messages import quoted
from wegweiser.owned import ReportFlag
from wegweiser.protocol import Uuid
from wegweiser.wire_values import Count

CONTACT_FIELDS = (
    "name",
    "street",
    "postal_code",
    "city",
    "phones",
    "email",
    "website",
    "opening_hours",
    "languages",
    "accessibility",
    "description",
)
"""What the people of a contact point may change of their entry themselves (their Kommunen,
topics and target groups are the office's to decide)."""
FLAGS = (ReportFlag.CLOSED, ReportFlag.MOVED)
""""Wir haben geschlossen / sind umgezogen"."""

VALID_DAYS = 60
"""How long an update request's link is good for."""
REMIND_AFTER_DAYS = 14
"""A request without an answer gets its one reminder after this many days."""

FROM_CONTACT_POINT = "5e1f5e1f-0000-4000-8000-a00000000001"
"""The account of change reports a contact point sent itself: the review queue marks
them, and a rejection's reason is mailed back instead of synced to a device."""
FROM_CONTACT_POINT_NAME = "Anlaufstelle (Selbstauskunft)"


def check_self_report(fields: dict[str, Any], flag: ReportFlag | None, comment: str) -> None:
    """What a contact point's answer may hold: its own fields, closed or moved, a
    comment; and at least one of them."""
    if not fields and flag is None and not comment.strip():
        raise EditRefused(NOTHING_REPORTED)
    for name in fields:
        if name not in CONTACT_FIELDS:
            raise EditRefused(f"Das Feld {quoted(name)} pflegt die Koordinierungsstelle.")
    if flag is not None and flag not in FLAGS:
        raise EditRefused(f"{quoted(flag.value)} kann nur ein Lotse melden.")


class UpdateRequestCreate(BaseModel):
    """Ask contact points to confirm or correct their entries: the ones named, or every
    one not checked for `due_months` (those with an e-mail address and no open request)."""

    model_config = ConfigDict(extra="forbid")

    ids: Annotated[list[Uuid], Field(max_length=500)] | None = None
    due_months: Annotated[Count, Field(ge=1, le=120)] | None = None

    @model_validator(mode="after")
    def _one_way(self) -> "UpdateRequestCreate":
        if (self.ids is None) == (self.due_months is None):
            raise ValueError("entweder ids oder due_months angeben")
        return self


RequestOutcome = Literal["asked", "open", "no_email", "unknown"]
"""Per entry: asked now; a request is open already; no e-mail address (a letter is
needed); not a published contact point."""


class UpdateRequestView(BaseModel):
    """Where one request stands, for Aktualität."""

    id: str
    record_id: str
    title: str
    recipient: str
    """Empty: asked by letter."""
    created_at: datetime
    expires_at: datetime
    withdrawn_at: datetime | None
    reminded_at: datetime | None
    answered_at: datetime | None
    answer: Literal["confirmed", "changed"] | None
    report_id: str | None
    mail_state: Literal["waiting", "sent", "filed", "failed"] | None
    mail_reason: str | None
    """Why the last mail was not delivered (German, from the mail server's answer)."""


class UpdateRequestResult(BaseModel):
    record_id: str
    outcome: RequestOutcome
    request: UpdateRequestView | None


class UpdateRequestList(BaseModel):
    requests: list[UpdateRequestView]
