"""Admission: as many requests at work as the database pool has connections for, a
bounded queue behind them, and a fast 503 with Retry-After beyond that.

Without it, every request the server's thread pool takes (40 threads) competes for a
database pool of a few connections and waits 30 s for one; on enrolment day that ends in
hundreds of 500s and a server that answers nothing for minutes. With it, a request is
either served promptly or told at once when to come back. `/health` is never queued: it
must answer also when everything else is busy, and it has a connection of its own.
The public pages (`/wegweiser/…`) may hold at most half of the places at work: however
many visitors read them, the tablets' syncs always find room.
"""

import asyncio

from starlette.types import ASGIApp, Receive, Scope, Send

from sync_server.problems import problem_response
from wegweiser.protocol import PROBLEM_BASE, Problem

EXEMPT = ("/health", "/ready")
PUBLIC = "/wegweiser"


class Admission:
    """ASGI middleware: at most `working` requests at once, `waiting` more queued for up
    to `wait_seconds`; any other gets 503 with `Retry-After: retry_after`."""

    def __init__(
        self,
        app: ASGIApp,
        working: int,
        waiting: int,
        wait_seconds: float,
        retry_after: int,
    ) -> None:
        self.app = app
        self.waiting_limit = waiting
        self.wait_seconds = wait_seconds
        self.retry_after = retry_after
        self._slots = asyncio.Semaphore(working)
        self._public = asyncio.Semaphore(max(1, working // 2))
        self._waiting = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in EXEMPT:
            await self.app(scope, receive, send)
            return
        if self._slots.locked() and self._waiting >= self.waiting_limit:
            await self._busy(scope, receive, send)
            return
        public = scope["path"].startswith(PUBLIC)
        held: list[asyncio.Semaphore] = []
        self._waiting += 1
        try:
            # A timeout cancels the wait inside acquire(), which hands a slot it was
            # just given on to the next in line: none is lost.
            async with asyncio.timeout(self.wait_seconds):
                for slots in (self._public, self._slots) if public else (self._slots,):
                    await slots.acquire()
                    held.append(slots)
        except TimeoutError:
            for slots in held:
                slots.release()
            await self._busy(scope, receive, send)
            return
        finally:
            self._waiting -= 1
        try:
            await self.app(scope, receive, send)
        finally:
            for slots in held:
                slots.release()

    async def _busy(self, scope: Scope, receive: Receive, send: Send) -> None:
        problem = Problem(
            type=PROBLEM_BASE + "ausgelastet",
            title="Server ausgelastet",
            status=503,
            detail="Der Server ist gerade ausgelastet. Bitte in "
            f"{self.retry_after} Sekunden erneut versuchen.",
        )
        headers = {"Retry-After": str(self.retry_after)}
        await problem_response(problem, headers)(scope, receive, send)
