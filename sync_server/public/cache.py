"""Public pages kept as rendered: a page is made once per state of the data (and what
else it shows), then served from memory until something is published. Bounded: the
least recently asked go first.

`KeptPages` answers a kept page before routing, in the event loop, without a thread or
the database: the data's state it checks against is read at most once a second, and at
once after this process wrote (`DataState`). Another server process's publication
therefore reaches this one's visitors within a second.
"""

import gzip
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, event
from sqlmodel import Session
from starlette.types import ASGIApp, Receive, Scope, Send

from sync_server import etags, published
from sync_server.rate_limits import Rate

PREFIX = "/wegweiser/"
MAX_AGE = 300
"""Seconds a browser or proxy may keep a page without asking: an edit published by the
office reaches every visitor within five minutes."""


@dataclass(frozen=True)
class Kept:
    """A rendered page, compressed too, and what it holds true for."""

    tag: str
    html: bytes
    gzipped: bytes
    state: str
    until: datetime | None
    """When the page's "open now" changes (local time); None: only with the data."""
    control: str = f"public, max-age={MAX_AGE}"
    """Its Cache-Control: how long a browser may show it without asking."""

    @classmethod
    def of(cls, tag: str, html: bytes, state: str, until: datetime | None, control: str) -> "Kept":
        return cls(tag, html, gzip.compress(html, 6), state, until, control)


class PageCache:
    """Kept pages by address (path and query), at most `entries` of them."""

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self._pages: OrderedDict[str, Kept] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, address: str) -> Kept | None:
        with self._lock:
            kept = self._pages.get(address)
            if kept is not None:
                self._pages.move_to_end(address)
            return kept

    def put(self, address: str, kept: Kept) -> None:
        if self.entries == 0:
            return
        with self._lock:
            self._pages[address] = kept
            self._pages.move_to_end(address)
            while len(self._pages) > self.entries:
                self._pages.popitem(last=False)

    def __len__(self) -> int:
        return len(self._pages)


class DataState:
    """The data's state as this process last read it: again after a second, or at once
    after a transaction of this process committed (its own writes show immediately)."""

    SECONDS = 1.0

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._read: tuple[str, float, int] | None = None  # (state, at, generation)
        self._generation = 0
        event.listen(engine, "commit", self._written)

    def _written(self, _: Any) -> None:
        with self._lock:
            self._generation += 1
            self._read = None

    def current(self) -> str:
        now = time.monotonic()
        with self._lock:
            read, generation = self._read, self._generation
        if read is not None and now - read[1] < self.SECONDS:
            return read[0]
        with Session(self.engine) as session:
            state = published.data_state(session)
        with self._lock:
            if self._generation == generation:  # no commit while reading
                self._read = (state, now, generation)
        return state


def address_of(scope: Scope) -> str:
    query = scope.get("query_string", b"").decode("latin-1")
    return f"{scope['path']}?{query}" if query else str(scope["path"])


class KeptPages:
    """ASGI middleware: a kept page answered at once (or 304), within the address's
    share of pages (over it, the page's route answers with the busy page)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or scope["method"] != "GET" or not path.startswith(PREFIX):
            await self.app(scope, receive, send)
            return
        state: Any = scope["app"].state
        kept = state.page_cache.get(address_of(scope))
        if kept is None or not self._fresh(kept, state) or not self._allowed(scope, state):
            await self.app(scope, receive, send)
            return
        headers = dict_headers(scope)
        answer = [
            (b"etag", kept.tag.encode()),
            (b"cache-control", kept.control.encode()),
            (b"vary", b"Accept-Encoding"),
        ]
        asked = headers.get(b"if-none-match", b"").decode("latin-1")
        if etags.matches(asked, kept.tag):  # kept: the page exists, "*" names it too
            await send({"type": "http.response.start", "status": 304, "headers": answer})
            await send({"type": "http.response.body", "body": b""})
            return
        body = kept.html
        if b"gzip" in headers.get(b"accept-encoding", b""):
            body = kept.gzipped
            answer.append((b"content-encoding", b"gzip"))
        answer += [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": answer})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    def _fresh(kept: Kept, state: Any) -> bool:
        clock: Callable[[], datetime] = state.clock
        if kept.until is not None and clock() >= kept.until:
            return False
        return bool(kept.state == state.data_state.current())

    @staticmethod
    def _allowed(scope: Scope, state: Any) -> bool:
        client = scope.get("client")
        address = client[0] if client else "unknown"
        rate = Rate(state.settings.pages_per_address_minute, 60)
        return state.limiter.take(f"page:{address}", rate) is None


def dict_headers(scope: Scope) -> dict[bytes, bytes]:
    return {name.lower(): value for name, value in scope.get("headers", [])}
