"""Meldungen prüfen: the Koordinierungsstelle's review queue, online, on its devices.

Reports come from the server a page at a time; what an entry says today comes from the
device's own copy, so each change reads old → new. Deciding is a server call; the next
sync brings the published entry to every device. No Flet here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from app.services.editing import corrected_fields, shown_field
from app.store import content
from app.store.database import Store
from app.sync.engine import SyncEngine
from wegweiser.edits import EditRefused
from wegweiser.kinds import ENTITY_BY_NAME
from wegweiser.messages import validation_message
from wegweiser.model import topics_of
from wegweiser.protocol import AuditView, RejectRequest, ReportView

PAGE = 50
"""Reports per page: a few screens of the queue, far from the server's limit."""


@dataclass(frozen=True)
class FieldChange:
    """One reported field: what the entry says now, what the guide reported."""

    name: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Review:
    """One report with its changes field by field."""

    report: ReportView
    changes: list[FieldChange]


@dataclass(frozen=True)
class EntryReviews:
    """The reports on one entry, oldest first: decided together, read together."""

    entity: str
    target_id: str
    title: str
    reviews: list[Review]
    topics: tuple[str, ...] = ()
    """The entry's topics on this device (for the queue's topic filter)."""


@dataclass(frozen=True)
class QueuePage:
    """Reports fetched so far, and where the next page starts (None: no more)."""

    reports: list[ReportView]
    next_after: str | None


class ReviewService:
    """The review queue of one staff device; `on_decided` runs after each decision (the
    app syncs then, so the published entry arrives)."""

    def __init__(
        self, store: Store, engine: SyncEngine, on_decided: Callable[[], None] = lambda: None
    ) -> None:
        self.store = store
        self.engine = engine
        self.on_decided = on_decided

    def fetch(
        self,
        status: str | None = "pending",
        kommune: str | None = None,
        after: str | None = None,
        limit: int = PAGE,
    ) -> QueuePage:
        """One page of reports from the server, oldest first. Raises `SyncError`."""
        page = self.engine.client().reports(status, limit, kommune, after)
        return QueuePage(page.reports, page.next_after)

    def group(self, reports: list[ReportView], topic: str | None = None) -> list[EntryReviews]:
        """Reports grouped by entry, the entry with the oldest report first, each change
        as old (this device's copy) → new; only entries of `topic` if one is given."""
        entries: dict[str, EntryReviews] = {}
        with self.store.session() as session:
            for report in reports:
                cls = ENTITY_BY_NAME.get(report.target_entity)
                current = content.get(session, cls, report.target_id) if cls else None
                now = current.model_dump(mode="json") if current is not None else {}
                # Corrected before acceptance: what was reported → what was published.
                changes = (
                    [
                        FieldChange(name, report.changes.get(name), value)
                        for name, value in report.published.items()
                    ]
                    if report.published is not None
                    else [
                        FieldChange(name, now.get(name), value)
                        for name, value in report.changes.items()
                    ]
                )
                topics = tuple(topics_of(current)) if current is not None else ()
                # An entry this device does not hold cannot be told apart by topic: it
                # stays in the list rather than disappear from the office's sight.
                if topic is not None and topics and topic not in topics:
                    continue
                entry = entries.setdefault(
                    report.target_id,
                    EntryReviews(
                        report.target_entity, report.target_id, report.target_title, [], topics
                    ),
                )
                entry.reviews.append(Review(report, changes))
        return list(entries.values())

    def accept(self, report_id: str, fields: dict[str, Any] | None = None) -> None:
        """Publish the reported values - or `fields`, the coordinator's corrected ones;
        raises `SyncError` (German) if the server refuses."""
        self.engine.client().accept_report(report_id, fields)
        self.on_decided()

    def history(self, record_id: str) -> list[AuditView]:
        """What happened to an entry, newest first: who published, accepted or rejected
        what. Raises `SyncError` (German) when the server cannot be reached."""
        return self.engine.client().audit(record_id)

    def reject(self, report_id: str, reason: str) -> None:
        """Close the report; the reporter sees `reason`. Raises `EditRefused` (German)
        for a reason too short to tell them anything, `SyncError` if the server refuses."""
        try:
            request = RejectRequest(reason=reason)
        except ValidationError as exc:
            raise EditRefused(validation_message(exc.errors()[0])) from None
        self.engine.client().reject_report(report_id, request)
        self.on_decided()

    def decide(
        self,
        report: ReportView,
        accepting: bool,
        reason: str = "",
        corrected: dict[str, Any] | None = None,
    ) -> None:
        """The coordinator's decision on one report: accept it as reported, accept it with
        `corrected` (the editor's values of its fields), or reject it with `reason`.
        Raises `EditRefused` (German) for a value or reason the rules refuse, `SyncError`
        when the server refuses or cannot be reached."""
        if not accepting:
            self.reject(report.id, reason)
        elif corrected is not None:
            self.accept(report.id, corrected_fields(report.target_entity, corrected))
        else:
            self.accept(report.id)


def correction_of(report: ReportView) -> dict[str, Any]:
    """The reported values as the editor's controls hold them: where "Korrigieren und
    übernehmen" starts."""
    return {
        name: shown_field(report.target_entity, name, value)
        for name, value in report.changes.items()
    }
