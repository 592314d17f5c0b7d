"""A lean HTTP/1.1 client for the throughput benchmarks: one kept-alive connection per
simulated device on asyncio streams, requests written as bytes, answers read by their
Content-Length (or chunks).

Why not httpx here: the load generator shares the two cores with the servers. httpx
spent about 2 ms of CPU on each nothing-new pull, close to half of what the server spent
answering it, so with two server processes the generator took the CPU a second process
needs, and "two against one" measured the generator as much as the server. This client
spends a fifth to a tenth of that (0.24–0.42 ms a pull). The enrolment scenarios keep
httpx, whose handling of a connection the server closed is what the app meets.
"""

import asyncio
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Answer:
    """What `LeanClient.post` hands back: the parts of httpx's Response the benchmarks read."""

    status_code: int
    headers: dict[str, str]
    content: bytes

    def json(self) -> Any:
        return json.loads(self.content)


class LeanClient:
    """One connection to one server, opened on first use and again after the server
    closed it; one request at a time, as a device or a reader's browser asks."""

    def __init__(self, timeout: float = 120) -> None:
        self.timeout = timeout
        self.opened = 0
        """Connections opened so far: one, unless the server closed one."""
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._at: tuple[str, int] | None = None

    async def get(self, url: str, headers: dict[str, str]) -> Answer:
        return await self._send("GET", url, None, headers)

    async def post(self, url: str, json: Any, headers: dict[str, str]) -> Answer:
        headers = {**headers, "Content-Type": "application/json"}
        return await self._send("POST", url, _dumps(json), headers)

    async def _send(
        self, method: str, url: str, body: bytes | None, headers: dict[str, str]
    ) -> Answer:
        parts = urlsplit(url)
        where = (parts.hostname or "127.0.0.1", parts.port or 80)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        head = [f"{method} {target} HTTP/1.1", f"Host: {parts.netloc}"]
        head += [f"{name}: {value}" for name, value in headers.items()]
        if body is not None:
            head.append(f"Content-Length: {len(body)}")
        request = ("\r\n".join(head) + "\r\n\r\n").encode() + (body or b"")
        return await asyncio.wait_for(self._exchange(where, request), self.timeout)

    async def _exchange(self, where: tuple[str, int], request: bytes) -> Answer:
        reused = self._writer is not None and self._at == where
        if not reused:
            await self._open(where)
        try:
            return await self._ask(request)
        except (asyncio.IncompleteReadError, ConnectionError) as closed:
            if not reused or (isinstance(closed, asyncio.IncompleteReadError) and closed.partial):
                raise
            # The server closed the kept connection after its idle timeout (5 s) while
            # the device waited: a browser opens a new one and asks again, and so do we
            # (a pull is safe to repeat, a push is answered once by its mutation id).
            await self._open(where)
            return await self._ask(request)

    async def _open(self, where: tuple[str, int]) -> None:
        await self.aclose()
        self._reader, self._writer = await asyncio.open_connection(*where)
        self._at = where
        self.opened += 1

    async def _ask(self, request: bytes) -> Answer:
        assert self._reader is not None and self._writer is not None
        try:
            self._writer.write(request)
            answer, keep = await _read(self._reader)
        except BaseException:
            await self.aclose()
            raise
        if not keep:
            await self.aclose()
        return answer

    async def aclose(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None


def _dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


async def _read(reader: asyncio.StreamReader) -> tuple[Answer, bool]:
    """One answer from the stream, and whether the connection stays open after it."""
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        content = await _chunks(reader)
    else:
        content = await reader.readexactly(int(headers.get("content-length", "0")))
    keep = headers.get("connection", "").lower() != "close"
    return Answer(int(status_line.split(" ", 2)[1]), headers, content), keep


async def _chunks(reader: asyncio.StreamReader) -> bytes:
    content = bytearray()
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        if size == 0:
            await reader.readuntil(b"\r\n")  # no trailers are sent
            return bytes(content)
        content += await reader.readexactly(size)
        await reader.readexactly(2)
