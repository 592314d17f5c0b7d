"""What the screens call for the device's sign-in, syncing and conflicts.

Wraps the sync engine and its background scheduler (`app.sync`); no Flet here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from pydantic import ValidationError
from sqlmodel import select

from app.services.content import ContentService
from app.store import content
from app.store.database import Store, delete_store_files
from app.sync import enrolment, outbox, problems, pull, scope
from app.sync import scheduler as schedulers
from app.sync import state as sync_state
from app.sync.engine import SyncEngine
from app.sync.errors import SyncError, Unauthorised
from app.sync.scheduler import SyncScheduler
from app.sync.status import SyncStatus
from wegweiser.kinds import kind_of, title_of
from wegweiser.model import Kommune
from wegweiser.owned import ChangeReport, Favourite, PrivateNote
from wegweiser.protocol import EnrolRequest
from wegweiser.roles import is_staff


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
class Waiting:
    """One change on this device not yet sent."""

    what: str
    """report, note, favourite or edit (the office's own)."""
    title: str
    """The entry it is about ("" when this device no longer holds it)."""
    made_at: datetime | None


class SyncService:
    """Sign-in, background sync and the conflicts a person decides, for one device."""

    def __init__(self, store: Store, engine: SyncEngine) -> None:
        self.store = store
        self.engine = engine
        self.scheduler: SyncScheduler | None = None

    @property
    def enrolled(self) -> bool:
        return self.sync_state().enrolled

    @property
    def staff(self) -> bool:
        """Whether this device belongs to the Koordinierungsstelle (or an admin)."""
        return is_staff(self.sync_state().role)

    def sync_state(self) -> sync_state.SyncState:
        with self.store.session() as session:
            return sync_state.load(session)

    def connect(
        self, server_url: str, code: str, device_name: str, plain_http_ok: bool = False
    ) -> None:
        """Enrol this device; raises `SyncError` with a German message, `PlainHttp` for
        plain http to another machine until the person said yes (`plain_http_ok`)."""
        server_url = server_url.strip()
        enrolment.check_server(server_url, plain_http_ok)
        self._enrol(server_url, code, device_name, [])

    def sign_in_again(self, code: str) -> None:
        """A device the server no longer knows (`SyncStatus.token_refused`: a backup
        older than its enrolment was restored) signs in with a new code, to the same
        server and Kommunen. Everything it holds stays: the next sync pulls all at
        once (a person waits for it: nothing is put off into the restore's window) and
        sends again what the server lacks."""
        state = self.sync_state()
        self._enrol(state.server_url, code, state.account_name, state.kommunen)
        pull.start_resync(self.store)
        self.request_sync()

    def _enrol(self, server_url: str, code: str, device_name: str, kommunen: list[str]) -> None:
        # The rule the server applies (wegweiser.protocol.EnrolRequest), checked here
        # first so that the person reads German, not a validation trace.
        try:
            EnrolRequest(code=code.strip(), device_name=device_name.strip() or "Gerät")
        except ValidationError:
            raise SyncError(
                "Bitte den vollständigen Anmeldecode eingeben (z. B. ABCD-EFGH-JKLM) und "
                "dem Gerät einen Namen mit höchstens 100 Zeichen geben."
            ) from None
        try:
            enrolment.enrol(
                self.store,
                server_url,
                code.strip(),
                device_name.strip() or "Gerät",
                kommunen,
                self.engine.client_factory,
            )
        except Unauthorised as exc:
            raise SyncError(f"Der Anmeldecode wurde nicht angenommen. {exc.message}") from exc

    def kommunen_not_here(self) -> frozenset[str]:
        """Kommunen whose entries this device does not hold (it follows others); none
        for a device with the example data, which holds everything."""
        state = self.sync_state()
        if not state.enrolled:
            return frozenset()
        with self.store.session() as session:
            kommunen = session.exec(select(Kommune)).all()
        followed = set(state.kommunen)
        # Following a Verbandsgemeinde brings its members' entries too.
        here = {k.key for k in kommunen if k.key in followed or k.parent_key in followed}
        return frozenset(k.key for k in kommunen if k.key not in here and not k.deleted)

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

        Called again, it only redirects the status reports. One scheduler per store file
        in the process: a newer session (an Android UI restart, another browser tab)
        takes over from the one before, and every session open on the file hears its
        reports."""
        schedulers.listen(self._key, self, on_status)
        if self.scheduler is None:
            self._schedule()

    def _schedule(self) -> None:
        self.scheduler = SyncScheduler(self.engine, on_status=partial(schedulers.tell, self._key))
        schedulers.take_over(self._key, self.scheduler)

    def request_sync(self) -> None:
        """Sync soon (an edit was made, the person asked, the app came back to the
        foreground): wakes the process's scheduler for this store, whichever session
        started it; a no-op when none runs."""
        running = schedulers.running(self._key)
        if running is not None:
            running.request_sync()

    def status(self) -> SyncStatus:
        return self.engine.status()

    def waiting(self) -> list[Waiting]:
        """What waits to be sent, oldest first, as a person names it: the report on the
        Jobcenter, the note on the Tafel, a favourite."""
        found: list[Waiting] = []
        with self.store.session() as session:
            for entry in outbox.pending(session):
                mutation = entry.mutation
                if session.get(ChangeReport, mutation.id) is not None:
                    what, entity, record_id = "report", mutation.entity, mutation.record_id
                elif mutation.entity in (PrivateNote.entity, Favourite.entity):
                    what = "note" if mutation.entity == PrivateNote.entity else "favourite"
                    entity = str(mutation.fields.get("target_entity", ""))
                    record_id = str(mutation.fields.get("target_id", ""))
                else:
                    what, entity, record_id = "edit", mutation.entity, mutation.record_id
                kind = kind_of(entity)
                target = content.get(session, kind.model, record_id) if kind else None
                title = title_of(target) if target is not None else ""
                found.append(Waiting(what, title, mutation.made_at))
        return found

    def stop_background(self) -> None:
        """Stop syncing in the background and close the connection to the server. When
        this session's scheduler was the running one, the newest session still open on
        the file starts its own (the other tab syncs on)."""
        remaining = schedulers.forget(self._key, self)
        if self.scheduler is not None:
            was_running = schedulers.running(self._key) is self.scheduler
            schedulers.release(self._key, self.scheduler)
            self.scheduler = None
            if was_running and remaining:
                successor = remaining[-1]
                assert isinstance(successor, SyncService)
                successor._schedule()
        self.engine.close()

    @property
    def _key(self) -> str:
        return str(self.store.path)

    def sign_out(self) -> None:
        """Forget everything on this device: content, notes, outbox, sign-in.

        The store's files are deleted, not emptied, so nothing stays behind in free pages.
        The caller shows the first start afterwards, on a new store.
        """
        self.stop_background()
        self.store.close()
        delete_store_files(self.store.path)

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
                title = content.title_of(session, str(target[0]), str(target[1])) or record_id
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
        problems.resolve(
            self.store, mutation_id, "mine" if keep_mine else "theirs", datetime.now(UTC)
        )
        self.request_sync()


def shows_example_data(content: ContentService, sync: SyncService) -> bool:
    """Whether to warn "Beispieldaten": as the server says once connected, as the local
    file says before (and when nothing says anything, to be safe)."""
    state = sync.sync_state()
    if sync.enrolled or state.revoked:  # a revoked tablet still holds the district's data
        return state.example_data is not False
    meta = content.dataset_meta()
    return meta is None or meta.example_data


def status_text(status: SyncStatus, now: datetime, t: Callable[..., str]) -> str:
    """The chip's words: "Offline – 3 Änderungen warten", "Zuletzt synchronisiert vor 2 Std."."""
    if status.revoked:
        return t("sync.revoked")
    if not status.enrolled:
        return t("sync.local_only")
    if status.syncing:
        return t("sync.running")
    if status.token_refused:
        return t("sync.sign_in_needed")
    if status.open_problems:
        return t("sync.problems", count=status.open_problems)
    if status.server_fault:
        return t("sync.server_fault")
    if status.online is False:
        if status.pending:
            return t("sync.offline_pending", count=status.pending)
        return t("sync.offline")
    if status.pending:
        return t("sync.pending", count=status.pending)
    if status.last_success is None:
        return t("sync.never")
    return t("sync.last", ago=_ago(now - status.last_success, t))


def _ago(delta: timedelta, t: Callable[..., str]) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return t("ago.now")
    if minutes < 60:
        return t("ago.minutes", count=minutes)
    hours = minutes // 60
    if hours < 24:
        return t("ago.hours", count=hours)
    return t("ago.days", count=hours // 24)
