"""One sync: push the outbox, then pull until nothing more follows.

Every phase is transactional on the device (`push`: an outbox entry leaves only with the
stored answer to it; `pull`: a page is written together with its cursor), so an
interruption anywhere - app killed, connection cut, server restarted - resumes at the
right place with nothing lost and nothing applied twice. Only one sync of a store runs
at a time.
"""

import contextlib
import threading
import zlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
from pydantic import ValidationError

from app.store.database import STORAGE_FULL, Store, is_storage_full
from app.sync import enrolment, outbox, problems, pull, push
from app.sync import state as sync_state
from app.sync.client import ClientFactory, SyncClient
from app.sync.errors import Offline, Revoked, ServerFault, SyncError, Unauthorised
from app.sync.status import SyncStatus

Clock = Callable[[], datetime]

_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()


PAGE_SIZE = 500
"""Records a pulled page holds: a first sync of 2,000 in five requests. Larger pages pack
smaller (140 kB instead of 162 kB with pages of 200) and each is stored in one go."""


def system_clock() -> datetime:
    return datetime.now(UTC)


class Failed(SyncError):
    """A sync ended by something other than the server's answer (a full disk, a broken
    answer); the message says what, in German, and the scheduler tries again later."""


def failure_message(exc: BaseException) -> str:
    """What went wrong, in German, for the sync status."""
    if is_storage_full(exc):
        return STORAGE_FULL
    if isinstance(exc, httpx.DecodingError | zlib.error | ValidationError | ValueError | KeyError):
        return "Die Antwort des Servers kam beschädigt oder unerwartet an. Neuer Versuch später."
    return f"Unerwarteter Fehler beim Synchronisieren ({type(exc).__name__}). Neuer Versuch später."


def _sync_lock(path: Path) -> threading.Lock:
    # One lock per store file, not per engine: two sessions of the web app (or a
    # scheduler and a "sync now") open the same file with engines of their own.
    with _locks_guard:
        return _locks.setdefault(path.resolve(), threading.Lock())


class SyncEngine:
    """Syncs one local store with its server."""

    def __init__(
        self,
        store: Store,
        client_factory: ClientFactory = SyncClient,
        clock: Clock = system_clock,
        push_batch: int = 100,
        page_size: int = PAGE_SIZE,
    ) -> None:
        self.store = store
        self.client_factory = client_factory
        self.clock = clock
        self.push_batch = push_batch
        self.page_size = page_size
        self.online: bool | None = None
        self.server_fault = False
        """The last attempt reached the server and it failed."""
        self.syncing = False
        self.last_attempt: datetime | None = None
        self.on_progress: Callable[[int, int], None] | None = None
        """Called after every pulled page with (records so far, bytes received so far)."""
        # One client for the engine's lifetime: a new one per sync would load the CA
        # bundle and open a connection each time (most of a "nothing new" sync's cost).
        self._client: SyncClient | None = None
        self._client_for: tuple[str, str | None] | None = None

    def sync(self) -> SyncStatus:
        """Push, then pull. A failure is remembered in the status (German) and raised
        as its `SyncError` subclass; the outbox and the stored cursor are always kept.
        A sync asked for while another one runs waits for it to end, then runs."""
        with _sync_lock(self.store.path):
            with self.store.session() as session:
                state = sync_state.load(session)
            if not state.enrolled:
                return self.status()
            self.syncing = True
            self.last_attempt = self.clock()
            client = self._client_of(state.server_url, state.token)
            records, bytes_before = 0, client.bytes_received

            def page_stored(count: int) -> None:
                nonlocal records
                records += count
                if self.on_progress is not None:
                    self.on_progress(records, client.bytes_received - bytes_before)

            try:
                push.push_outbox(self.store, client, self.push_batch, self.clock)
                if pull.pull(self.store, client, self.page_size, page_stored, self.clock):
                    # A full resync queued the device's own records the server lacked.
                    push.push_outbox(self.store, client, self.push_batch, self.clock)
            except Revoked:
                enrolment.wipe(self.store, enrolment.REVOKED_MESSAGE)
                self.close()
                self.online = True
                raise
            except SyncError as exc:
                self.online = not isinstance(exc, Offline)
                self.server_fault = isinstance(exc, ServerFault)
                self._remember(error=exc.message, token_refused=isinstance(exc, Unauthorised))
                raise
            except Exception as exc:
                # A full disk, a broken answer, a bug: the sync must not die of it. The
                # outbox and cursor are as the last committed transaction left them.
                failure = Failed(failure_message(exc))
                with contextlib.suppress(Exception):  # the disk may be what is full
                    self._remember(error=failure.message)
                raise failure from exc
            finally:
                self.syncing = False
            self.online, self.server_fault = True, False
            self._remember(error=None, success=True)
        return self.status()

    def client(self) -> SyncClient:
        """The connection to this device's server, for calls outside a sync (the review
        queue); raises `SyncError` when the device is not enrolled."""
        with self.store.session() as session:
            state = sync_state.load(session)
        if not state.enrolled:
            raise SyncError("Dieses Gerät ist mit keinem Server verbunden.")
        return self._client_of(state.server_url, state.token)

    def close(self) -> None:
        """Close the connection to the server (the next sync opens a new one)."""
        if self._client is not None:
            self._client.close()
        self._client, self._client_for = None, None

    def _client_of(self, server_url: str, token: str | None) -> SyncClient:
        if self._client is None or self._client_for != (server_url, token):
            self.close()
            self._client = self.client_factory(server_url, token)
            self._client_for = (server_url, token)
        return self._client

    def status(self) -> SyncStatus:
        """What the person sees: online or not, pending edits, open problems, last error."""
        with self.store.session() as session:
            state = sync_state.load(session)
            pending = outbox.count(session)
            open_problems = problems.count_open(session)
        return SyncStatus(
            enrolled=state.enrolled,
            online=self.online,
            server_fault=self.server_fault,
            syncing=self.syncing,
            last_success=datetime.fromisoformat(state.last_success) if state.last_success else None,
            pending=pending,
            open_problems=open_problems,
            last_error=state.last_error,
            revoked=state.revoked,
            token_refused=state.token_refused,
            last_attempt=self.last_attempt,
        )

    def _remember(
        self, error: str | None, success: bool = False, token_refused: bool = False
    ) -> None:
        with self.store.session() as session:
            state = sync_state.load(session)
            state.last_error = error
            state.token_refused = token_refused
            if success:
                state.last_success = self.clock().isoformat()
            sync_state.save(session, state)
