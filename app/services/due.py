"""Aktualität: which entries nobody has checked for too long, and "geprüft, unverändert".

Works on the device's own copy, offline too: marking an entry checked is an edit like any
other (queued, synced, published directly from a device of the Koordinierungsstelle and
on the audit trail). No Flet here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import col, select

from app.store.database import Store
from app.sync import outbox
from wegweiser.freshness import DEFAULT_MONTHS, is_due
from wegweiser.kinds import KINDS, title_of
from wegweiser.model import SyncedRecord, kommunen_of

CHECKED_KINDS: tuple[type[SyncedRecord], ...] = tuple(
    kind.model for kind in KINDS.values() if "last_verified" in kind.model.model_fields
)
"""The kinds that say when they were last checked (sheets, contact points, offers)."""


@dataclass(frozen=True)
class DueEntry:
    """An entry to check again."""

    kind: str
    record_id: str
    title: str
    kommunen: list[str]
    last_verified: date | None


class DueService:
    """The entries due for a check on this device, and marking them checked."""

    def __init__(self, store: Store, on_edit: Callable[[], None] = lambda: None) -> None:
        self.store = store
        self.on_edit = on_edit

    def due(self, today: date, months: int = DEFAULT_MONTHS) -> list[DueEntry]:
        """Due entries, never checked first, then the longest unchecked."""
        found: list[DueEntry] = []
        with self.store.session() as session:
            for cls in CHECKED_KINDS:
                records = session.exec(select(cls).where(col(cls.deleted).is_(False)))
                for record in records:
                    checked = getattr(record, "last_verified", None)
                    if is_due(checked, today, months):
                        found.append(
                            DueEntry(
                                cls.entity,
                                record.id,
                                title_of(record),
                                kommunen_of(record),
                                checked,
                            )
                        )
        return sorted(found, key=lambda e: (e.last_verified or date.min, e.title))

    def mark_checked(
        self,
        kind: str,
        record_id: str,
        today: date,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """ "Geprüft, unverändert": the entry was checked today and stays as it is.
        Raises `EditRefused` (German) where the device may not edit it."""
        outbox.record_edit(self.store, kind, record_id, {"last_verified": today.isoformat()}, clock)
        self.on_edit()
