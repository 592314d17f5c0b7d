"""Admission's share for the public pages: however many visitors read them, they hold at
most half the places at work, and a tablet's sync gets in beside them. (The middleware
around an inner app that holds each public request until released, so that the places
can be counted; the server's own admission is exercised in test_concurrency.)"""

import asyncio
from collections.abc import MutableMapping
from typing import Any

from sync_server.admission import Admission


class Held:
    """An app whose public requests wait for `release`; counts what is at work."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.at_work: list[str] = []
        self.most_public = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.at_work.append(scope["path"])
        public = sum(path.startswith("/wegweiser") for path in self.at_work)
        self.most_public = max(self.most_public, public)
        if scope["path"].startswith("/wegweiser"):
            await self.release.wait()
        self.at_work.remove(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})


async def _ask(admission: Admission, path: str) -> int:
    statuses: list[int] = []

    async def send(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {"type": "http", "path": path, "method": "GET", "headers": []}
    await admission(scope, receive, send)
    return statuses[0]


def test_public_pages_leave_half_the_places_to_the_syncs() -> None:
    async def scenario() -> None:
        inner = Held()
        admission = Admission(inner, working=4, waiting=50, wait_seconds=5, retry_after=1)
        readers = [
            asyncio.create_task(_ask(admission, f"/wegweiser/de/kommunen/{n}")) for n in range(10)
        ]
        await asyncio.sleep(0.05)
        assert inner.most_public == 2  # half of four
        syncs = await asyncio.wait_for(
            asyncio.gather(*(_ask(admission, "/sync/pull") for _ in range(2))), timeout=2
        )
        assert syncs == [200, 200]  # in while the readers hold their half
        inner.release.set()
        assert await asyncio.gather(*readers) == [200] * 10
        assert inner.most_public == 2

    asyncio.run(scenario())
