"""What the guide's screens call for syncing, reports and the device's sign-in.

Wraps the sync engine and scheduler (`app.sync`) for the views; no Flet here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import col, select

from app.store.database import Store
from app.sync import outbox
from app.sync import state as sync_state
from app.sync.client import SyncError, Unauthorised
from app.sync.engine import SyncEngine
from app.sync.scheduler import SyncScheduler
from app.sync.status import SyncStatus
from wegweiser.model import ChangeReport


@dataclass(frozen=True)
class MyReport:
    """A change report as its author sees it."""

    id: str
    target_entity: str
    target_id: str
    target_title: str
    changes: dict[str, Any]
    comment: str
    state: str
    """waiting (not yet sent), submitted, accepted or rejected."""
    reason: str | None


class GuideService:
    """Sign-in, reports and sync for one device."""

    def __init__(self, store: Store, engine: SyncEngine) -> None:
        self.store = store
        self.engine = engine
        self.scheduler: SyncScheduler | None = None

    @property
    def enrolled(self) -> bool:
        return self.sync_state().enrolled

    def sync_state(self) -> sync_state.SyncState:
        with self.store.session() as session:
            return sync_state.load(session)

    def connect(self, server_url: str, code: str, device_name: str) -> None:
        """Enrol this device; raises `SyncError` with a German message."""
        server_url = server_url.strip()
        if not server_url.startswith(("http://", "https://")):
            raise SyncError("Bitte die Serveradresse mit http:// oder https:// angeben.")
        try:
            self.engine.enrol(server_url, code.strip(), device_name, [])
        except Unauthorised as exc:
            raise SyncError(f"Der Anmeldecode wurde nicht angenommen. {exc.message}") from exc

    def choose_kommunen(self, keys: list[str]) -> None:
        """Follow these Kommunen (added ones are fetched at the next sync)."""
        current = set(self.sync_state().kommunen)
        for key in sorted(set(keys) - current):
            self.engine.add_kommune(key)
        for key in sorted(current - set(keys)):
            self.engine.remove_kommune(key)

    def sync_now(self, on_progress: Callable[[int, int], None] | None = None) -> SyncStatus:
        """Sync at once in this thread; failures end up in the status, not as exceptions."""
        self.engine.on_progress = on_progress
        try:
            self.engine.sync()
        except SyncError:
            pass
        finally:
            self.engine.on_progress = None
        return self.engine.status()

    def start_background(self, on_status: Callable[[SyncStatus], None]) -> None:
        """Sync in the background from now on (start, every 5 min, backoff, on demand)."""
        if self.scheduler is None:
            self.scheduler = SyncScheduler(self.engine, on_status=on_status)
            self.scheduler.start()

    def request_sync(self) -> None:
        if self.scheduler is not None:
            self.scheduler.request_sync()

    def status(self) -> SyncStatus:
        return self.engine.status()

    def report_change(
        self,
        entity: str,
        record_id: str,
        fields: dict[str, Any],
        comment: str,
        clock: Callable[[], datetime],
    ) -> str:
        """Queue a change report (offline-safe); raises `outbox.EditRefused` in German."""
        report_id = outbox.record_edit(
            self.store, entity, record_id, fields, clock, comment=comment
        )
        self.request_sync()
        return report_id

    def my_reports(self) -> list[MyReport]:
        """The device's change reports, newest first, with their state."""
        with self.store.session() as session:
            waiting = {entry.mutation.id for entry in outbox.pending(session)}
            reports = session.exec(
                select(ChangeReport).order_by(col(ChangeReport.created_at).desc())
            ).all()
        return [
            MyReport(
                id=r.id,
                target_entity=r.target_entity,
                target_id=r.target_id,
                target_title=r.target_title,
                changes=dict(r.changes),
                comment=r.comment,
                state="waiting" if r.id in waiting else r.status.value,
                reason=r.reason,
            )
            for r in reports
            if not r.deleted
        ]


def status_text(status: SyncStatus, now: datetime, t: Callable[..., str]) -> str:
    """The chip's words: "Offline – 3 Änderungen warten", "Zuletzt synchronisiert vor 2 Std."."""
    if not status.enrolled:
        return t("sync.local_only")
    if status.syncing:
        return t("sync.running")
    if status.online is False:
        if status.pending == 1:
            return t("sync.offline_pending_one")
        if status.pending:
            return t("sync.offline_pending", count=status.pending)
        return t("sync.offline")
    if status.pending == 1:
        return t("sync.pending_one")
    if status.pending:
        return t("sync.pending", count=status.pending)
    if status.last_success is None:
        return t("sync.never")
    return t("sync.last", ago=_ago(now - status.last_success, t))


def _ago(delta: Any, t: Callable[..., str]) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return t("ago.now")
    if minutes < 60:
        return t("ago.minutes", count=minutes)
    hours = minutes // 60
    if hours < 24:
        return t("ago.hours", count=hours)
    return t("ago.days", count=hours // 24)
