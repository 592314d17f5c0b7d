"""Meldungen prüfen: the Koordinierungsstelle's review queue, online, on its devices.

Reports come from the server a page at a time; what an entry says today comes from the
device's own copy, so each change reads old → new. Deciding is a server call; the next
sync brings the published entry to every device. No Flet here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.store import content
from app.store.database import Store
from app.sync.engine import SyncEngine
from wegweiser.model import ENTITY_BY_NAME
from wegweiser.protocol import AuditView, ReportView


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
    """The pending reports on one entry, oldest first: decided together, read together."""

    entity: str
    target_id: str
    title: str
    reviews: list[Review]


class ReviewService:
    """The review queue of one staff device; `on_decided` runs after each decision (the
    app syncs then, so the published entry arrives)."""

    def __init__(
        self, store: Store, engine: SyncEngine, on_decided: Callable[[], None] = lambda: None
    ) -> None:
        self.store = store
        self.engine = engine
        self.on_decided = on_decided

    def queue(self) -> list[EntryReviews]:
        """Pending reports grouped by entry, the entry with the oldest report first.
        Raises `SyncError` (German) when the server cannot be reached."""
        page = self.engine.client().reports("pending")
        entries: dict[str, EntryReviews] = {}
        with self.store.session() as session:
            for report in page.reports:
                cls = ENTITY_BY_NAME.get(report.target_entity)
                current = content.get(session, cls, report.target_id) if cls else None
                now = current.model_dump(mode="json") if current is not None else {}
                changes = [
                    FieldChange(name, now.get(name), value)
                    for name, value in report.changes.items()
                ]
                entry = entries.setdefault(
                    report.target_id,
                    EntryReviews(report.target_entity, report.target_id, report.target_title, []),
                )
                entry.reviews.append(Review(report, changes))
        return list(entries.values())

    def accept(self, report_id: str) -> None:
        """Publish the reported values; raises `SyncError` (German) if the server refuses."""
        self.engine.client().accept_report(report_id)
        self.on_decided()

    def history(self, record_id: str) -> list[AuditView]:
        """What happened to an entry, newest first: who published, accepted or rejected
        what. Raises `SyncError` (German) when the server cannot be reached."""
        return self.engine.client().audit(record_id)

    def reject(self, report_id: str, reason: str) -> None:
        """Close the report; the reporter sees `reason`."""
        self.engine.client().reject_report(report_id, reason)
        self.on_decided()
