"""Admission's share for the public pages: however many visitors read them, they hold at
most half the places at work, and a tablet's sync gets in beside them. (The middleware
around an inner app that holds each public request until released, so that the places
can be counted; the server's own admission is exercised in test_concurrency.)"""

import asyncio
import socket
import time
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from sync_server.admission import Admission
from tests.support.server import prepare_database, start_server
from wegweiser.dataset import Dataset
from wegweiser.protocol import Role


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


def test_a_body_that_trickles_in_holds_no_place_and_is_answered_408(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    """Nine connections sending a body a byte a second took every place at work: the
    tablets' pushes waited and got 503."""
    url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    prepare_database(url, demo_dataset).dispose()
    server = start_server(
        url, tmp_path, process=True, working=2, waiting=2, wait_seconds=2, body_seconds=4
    )
    slow: list[socket.socket] = []
    try:
        guide = server.enrol(Role.LOTSE, "Anna")
        for _ in range(6):  # more than every place at work and in the queue
            connection = socket.create_connection(("127.0.0.1", server.port))
            connection.sendall(
                b"POST /sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"
            )
            slow.append(connection)
        time.sleep(0.5)  # their headers are in, their bodies are not
        pulled = guide.post("/sync/pull", {"kommunen": ["thale"], "limit": 10})
        assert pulled.status_code == 200, pulled.text
        for connection in slow:
            connection.settimeout(10)
            answer = _all_of(connection).decode("latin-1")
            assert answer.startswith("HTTP/1.1 408"), answer[:200]
            assert "zu-langsam" in answer
    finally:
        for connection in slow:
            connection.close()
        server.stop()
        server.engine.dispose()


def _all_of(connection: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (408 closes it)."""
    parts = []
    while part := connection.recv(4096):
        parts.append(part)
    return b"".join(parts)
