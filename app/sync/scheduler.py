"""When to sync: at start, on demand, every few minutes while online, and - while
offline - again and again with exponential backoff, each with jitter, so that a returning
connection is noticed soon without hammering the server. Runs in its own thread: a sync
never blocks the UI."""

import contextlib
import random
import threading
from collections.abc import Callable

from app.sync.engine import SyncEngine
from app.sync.errors import Offline, Revoked, SyncError
from app.sync.status import SyncStatus


class SyncScheduler:
    """A background thread around one `SyncEngine`; `on_status` hears every change."""

    def __init__(
        self,
        engine: SyncEngine,
        on_status: Callable[[SyncStatus], None] = lambda _: None,
        interval: float = 300.0,
        backoff_base: float = 5.0,
        backoff_max: float = 60.0,
        rng: random.Random | None = None,
    ) -> None:
        self.engine = engine
        self.on_status = on_status
        self.interval = interval
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.rng = rng or random.Random()
        self.failures = 0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the thread; the first sync runs at once."""
        self._thread = threading.Thread(target=self._run, name="wegweiser-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def request_sync(self) -> None:
        """Sync now ("Jetzt synchronisieren", connectivity came back, an edit was made)."""
        self._wake.set()

    def next_delay(self) -> float:
        """Seconds to the next attempt: the interval ±20 %, or backoff ±50 %. Tablets
        switched on together (a training day, a power cut) must not stay in step."""
        if self.failures == 0:
            return self.interval * self.rng.uniform(0.8, 1.2)
        delay: float = min(self.backoff_max, self.backoff_base * 2.0 ** (self.failures - 1))
        return delay * self.rng.uniform(0.5, 1.5)

    def run_once(self) -> None:
        """One attempt, with the bookkeeping for the next delay."""
        # A screen that fails to show "syncing" (a closed tab) must not end the thread.
        with contextlib.suppress(Exception):
            self.on_status(self._status(syncing=True))
        try:
            self.engine.sync()
            self.failures = 0
        except Revoked:
            self.failures = 0
        except Offline:
            self.failures += 1
        except SyncError:
            self.failures += 1
        except Exception:
            # The thread outlives anything (the engine says what it was in the status).
            self.failures += 1
        # A session's screen may be gone (a closed tab); the sync goes on regardless.
        with contextlib.suppress(Exception):
            self.on_status(self.engine.status())

    def _run(self) -> None:
        while not self._stop.is_set():
            self.run_once()
            self._wake.wait(self.next_delay())
            self._wake.clear()

    def _status(self, syncing: bool) -> SyncStatus:
        status = self.engine.status()
        return SyncStatus(**{**status.__dict__, "syncing": syncing})


_RUNNING: dict[str, SyncScheduler] = {}
_LISTENING: dict[str, dict[object, Callable[[SyncStatus], None]]] = {}
_RUNNING_LOCK = threading.Lock()


def listen(key: str, who: object, on_status: Callable[[SyncStatus], None]) -> None:
    """Let `who` (a session's sync service) hear every status of the store `key`,
    whichever session's scheduler runs: with one thread per file, a second browser tab
    took over the reports and the first tab's status froze."""
    with _RUNNING_LOCK:
        _LISTENING.setdefault(key, {})[who] = on_status


def forget(key: str, who: object) -> list[object]:
    """`who` hears no more; those still listening, the newest last."""
    with _RUNNING_LOCK:
        listening = _LISTENING.get(key, {})
        listening.pop(who, None)
        if not listening:
            _LISTENING.pop(key, None)
        return list(listening)


def tell(key: str, status: SyncStatus) -> None:
    """Every listener of the store `key` hears `status`; one whose screen is gone (a
    closed tab) does not stop the others."""
    with _RUNNING_LOCK:
        listeners = list(_LISTENING.get(key, {}).values())
    for on_status in listeners:
        with contextlib.suppress(Exception):
            on_status(status)


def take_over(key: str, scheduler: SyncScheduler) -> None:
    """Make `scheduler` the one of this process for the store `key` (its file), stopping
    the one a session before it left running. On Android the UI can start again while
    Python lives on, and every browser tab is a session: without this, each would sync
    the same file in a thread of its own."""
    with _RUNNING_LOCK:
        previous = _RUNNING.get(key)
        _RUNNING[key] = scheduler
    if previous is not None and previous is not scheduler:
        previous.stop()
    scheduler.start()


def release(key: str, scheduler: SyncScheduler) -> None:
    """Stop `scheduler` if it still is the process's one for `key` (a session ends)."""
    with _RUNNING_LOCK:
        if _RUNNING.get(key) is scheduler:
            del _RUNNING[key]
    scheduler.stop()


def running(key: str) -> SyncScheduler | None:
    """The process's scheduler for the store `key`, if one runs."""
    with _RUNNING_LOCK:
        return _RUNNING.get(key)
