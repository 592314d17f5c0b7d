"""What the guide's screens call for syncing, reports and the device's sign-in.

Wraps the sync engine and scheduler (`app.sync`) for the views; no Flet here.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, select

from app.services.content import ContentService
from app.store import content
from app.store.database import Store, delete_store_files
from app.sync import enrolment, outbox, problems, scope
from app.sync import state as sync_state
from app.sync.client import SyncError, Unauthorised
from app.sync.engine import SyncEngine
from app.sync.scheduler import SyncScheduler
from app.sync.status import SyncStatus
from wegweiser.kinds import kind_of
from wegweiser.model import ChangeReport, Favourite, PrivateNote

_OWN_RECORDS = uuid.UUID("6f1f0d5e-4a8b-4c59-9a53-2b7c3f0e9d41")
"""Namespace for the ids of a person's favourite and note on a record: the same on every
device of the account, so that two devices' notes on one record meet (and may conflict)
instead of becoming two notes."""


@dataclass(frozen=True)
class Saved:
    """A favourite: what it points at, and its title for the list."""

    kind: str
    record_id: str
    title: str


@dataclass(frozen=True)
class ConflictRow:
    """One field of a conflict: my value and the server's, as the person reads them."""

    field: str
    mine: Any
    theirs: Any


@dataclass(frozen=True)
class Conflict:
    """An edit the server did not take as it was: a conflict, or a refusal with a reason."""

    mutation_id: str
    kind: str
    """"conflict" (someone else changed the same field) or "rejected"."""
    entity: str
    record_id: str
    title: str
    rows: list[ConflictRow]
    reason: str | None


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
            enrolment.enrol(
                self.store,
                server_url,
                code.strip(),
                device_name,
                [],
                self.engine.client_factory,
            )
        except Unauthorised as exc:
            raise SyncError(f"Der Anmeldecode wurde nicht angenommen. {exc.message}") from exc

    def choose_kommunen(self, keys: list[str]) -> None:
        """Follow these Kommunen (added ones are fetched at the next sync)."""
        scope.choose_kommunen(self.store, keys)

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
        """Sync in the background from now on (start, every 5 min, backoff, on demand).

        Called again (the screens were rebuilt), it only redirects the status reports."""
        if self.scheduler is None:
            self.scheduler = SyncScheduler(self.engine, on_status=on_status)
            self.scheduler.start()
        else:
            self.scheduler.on_status = on_status

    def request_sync(self) -> None:
        if self.scheduler is not None:
            self.scheduler.request_sync()

    def status(self) -> SyncStatus:
        return self.engine.status()

    def stop_background(self) -> None:
        if self.scheduler is not None:
            self.scheduler.stop()
            self.scheduler = None

    def sign_out(self) -> None:
        """Forget everything on this device: content, notes, outbox, sign-in.

        The store's files are deleted, not emptied, so nothing stays behind in free pages.
        The caller shows the first start afterwards, on a new store.
        """
        self.stop_background()
        self.store.close()
        delete_store_files(self.store.path)

    # --- favourites and private notes ---------------------------------------------------

    def _own_id(self, kind: str, entity: str, record_id: str) -> str:
        account = self.sync_state().account_id
        return str(uuid.uuid5(_OWN_RECORDS, f"{account}/{kind}/{entity}/{record_id}"))

    def is_favourite(self, entity: str, record_id: str) -> bool:
        with self.store.session() as session:
            found = session.get(Favourite, self._own_id("favourite", entity, record_id))
            return found is not None and not found.deleted

    def set_favourite(self, entity: str, record_id: str, on: bool) -> None:
        """Mark or unmark; queued for the person's other devices."""
        if on == self.is_favourite(entity, record_id):
            return
        favourite_id = self._own_id("favourite", entity, record_id)
        fields = {"target_entity": entity, "target_id": record_id}
        op = "upsert" if on else "delete"
        outbox.record_edit(self.store, "favourite", favourite_id, fields, _now, op=op)
        self.request_sync()

    def favourites(self) -> list[Saved]:
        """The person's favourites that still exist, by title."""
        with self.store.session() as session:
            marked = session.exec(select(Favourite).where(col(Favourite.deleted).is_(False)))
            found = [
                Saved(f.target_entity, f.target_id, title)
                for f in marked
                if (title := _title_of(session, f.target_entity, f.target_id)) is not None
            ]
        return sorted(found, key=lambda saved: saved.title.casefold())

    def note(self, entity: str, record_id: str) -> str:
        with self.store.session() as session:
            found = session.get(PrivateNote, self._own_id("note", entity, record_id))
            return "" if found is None or found.deleted else found.text

    def save_note(self, entity: str, record_id: str, text: str) -> None:
        """Store the note (an empty text deletes it); raises `EditRefused` (wegweiser.edits)."""
        text = text.strip()
        if text == self.note(entity, record_id):
            return
        note_id = self._own_id("note", entity, record_id)
        if text:
            fields = {"target_entity": entity, "target_id": record_id, "text": text}
            outbox.record_edit(self.store, "private_note", note_id, fields, _now)
        else:
            outbox.record_edit(self.store, "private_note", note_id, {}, _now, op="delete")
        self.request_sync()

    # --- conflicts ---------------------------------------------------------------------

    def conflicts(self) -> list[Conflict]:
        """Edits waiting for the person's decision, oldest first."""
        found: list[Conflict] = []
        with self.store.session() as session:
            for problem in problems.open_problems(self.store):
                entity, record_id = problem.entity, problem.record_id
                kind = kind_of(entity)
                current = session.get(kind.model, record_id) if kind is not None else None
                now = current.model_dump(mode="json") if current is not None else {}
                if problem.conflicts:
                    rows = [
                        ConflictRow(name, values.yours, values.server)
                        for name, values in problem.conflicts.items()
                    ]
                else:
                    rows = [
                        ConflictRow(name, value, now.get(name))
                        for name, value in problem.fields.items()
                    ]
                target = (now.get("target_entity"), now.get("target_id"))
                if target[0] is None:  # the record itself is the target
                    target = (entity, record_id)
                title = _title_of(session, str(target[0]), str(target[1])) or record_id
                found.append(
                    Conflict(
                        problem.mutation_id,
                        problem.kind,
                        entity,
                        record_id,
                        title,
                        rows,
                        problem.reason,
                    )
                )
        return found

    def resolve(self, mutation_id: str, keep_mine: bool) -> None:
        """Keep my values (sent again) or the server's (nothing sent)."""
        problems.resolve(self.store, mutation_id, "mine" if keep_mine else "theirs", _now())
        self.request_sync()

    def report_change(
        self,
        entity: str,
        record_id: str,
        fields: dict[str, Any],
        comment: str,
        clock: Callable[[], datetime],
    ) -> str:
        """Queue a change report (offline-safe); raises `EditRefused` in German."""
        report_id = outbox.record_edit(
            self.store, entity, record_id, fields, clock, comment=comment
        )
        self.request_sync()
        return report_id

    def my_reports(self) -> list[MyReport]:
        """The device's change reports, newest first, with their state."""
        with self.store.session() as session:
            waiting = outbox.queued_ids(session)
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


def shows_example_data(content: ContentService, guide: GuideService) -> bool:
    """Whether to warn "Beispieldaten": as the server says once connected, as the local
    file says before (and when nothing says anything, to be safe)."""
    if guide.enrolled:
        return guide.sync_state().example_data is not False
    meta = content.dataset_meta()
    return meta is None or meta.example_data


def _now() -> datetime:
    return datetime.now(UTC)


def _title_of(session: Session, entity: str, record_id: str) -> str | None:
    """The title of a record still on the device, or None."""
    kind = kind_of(entity)
    if kind is None:
        return None
    record = content.get(session, kind.model, record_id)
    if record is None:
        return None
    return kind.title(record) or None


def status_text(status: SyncStatus, now: datetime, t: Callable[..., str]) -> str:
    """The chip's words: "Offline – 3 Änderungen warten", "Zuletzt synchronisiert vor 2 Std."."""
    if not status.enrolled:
        return t("sync.local_only")
    if status.syncing:
        return t("sync.running")
    if status.open_problems == 1:
        return t("sync.problems_one")
    if status.open_problems:
        return t("sync.problems", count=status.open_problems)
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
