"""The benchmarks' lean HTTP client (bench/lean_http.py) reads what the real server and a
plain HTTP/1.1 peer send: it counts answers, so a misread answer would count wrong."""

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

from bench.lean_http import LeanClient
from tests.support.devices import enrolment_code
from tests.support.server import serving
from wegweiser.dataset import Dataset
from wegweiser.protocol import Role


def test_enrols_and_pulls_twice_on_one_kept_connection(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    with serving(tmp_path, demo_dataset) as server:
        code = enrolment_code(server, Role.LOTSE, "Lotsin")

        async def talk() -> tuple[int, int, int, int]:
            client = LeanClient(timeout=30)
            enrolled = await client.post(
                f"{server.url}/enrol", json={"code": code, "device_name": "Last"}, headers={}
            )
            auth = {"Authorization": f"Bearer {enrolled.json()['token']}"}
            body = {"cursor": "", "kommunen": ["thale"], "limit": 500}
            first = await client.post(f"{server.url}/sync/pull", json=body, headers=auth)
            body["cursor"] = first.json()["next_cursor"]
            again = await client.post(f"{server.url}/sync/pull", json=body, headers=auth)
            await client.aclose()
            assert first.json()["changes"] and not again.json()["changes"]
            return enrolled.status_code, first.status_code, again.status_code, client.opened

        assert asyncio.run(talk()) == (200, 200, 200, 1)


def _peer(answer: bytes, hang_up: bool = False) -> Callable[[], Awaitable[tuple[int, list[bytes]]]]:
    """A server that answers every request with `answer` (and with `hang_up` closes the
    connection after it unannounced, as after an idle timeout); the port and the
    requests."""
    requests: list[bytes] = []
    servers: list[asyncio.Server] = []

    async def start() -> tuple[int, list[bytes]]:
        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except asyncio.IncompleteReadError:
                    break
                sent = head.split(b"Content-Length: ")
                length = int(sent[1].split(b"\r\n")[0]) if len(sent) > 1 else 0
                requests.append(head + await reader.readexactly(length))
                writer.write(answer)
                if hang_up or b"Connection: close" in answer:
                    writer.close()
                    break

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        servers.append(server)
        return server.sockets[0].getsockname()[1], requests

    return start


def test_reads_chunks_and_opens_a_new_connection_after_close() -> None:
    answer = (
        b"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        b'5\r\n{"a":\r\n3\r\n 1}\r\n0\r\n\r\n'
    )

    async def talk() -> tuple[list[int], list[object], int, int]:
        port, requests = await _peer(answer)()
        client = LeanClient(timeout=10)
        answers = [
            await client.post(f"http://127.0.0.1:{port}/x", json={"n": n}, headers={"X-A": "b"})
            for n in range(2)
        ]
        statuses = [a.status_code for a in answers]
        return statuses, [a.json() for a in answers], len(requests), client.opened

    statuses, bodies, asked, opened = asyncio.run(talk())
    assert statuses == [201, 201]
    assert bodies == [{"a": 1}, {"a": 1}]
    assert (asked, opened) == (2, 2)  # the server closed: the second went on a new one


def test_asks_again_on_a_new_connection_when_the_kept_one_was_closed_while_idle() -> None:
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"

    async def talk() -> tuple[list[bytes], int, int]:
        port, requests = await _peer(answer, hang_up=True)()
        client = LeanClient(timeout=10)
        bodies = []
        for n in range(2):
            got = await client.get(f"http://127.0.0.1:{port}/seite?n={n}", {})
            bodies.append(got.content)
            await asyncio.sleep(0.05)  # the server hangs up meanwhile
        assert requests[1].startswith(b"GET /seite?n=1 HTTP/1.1")
        return bodies, len(requests), client.opened

    assert asyncio.run(talk()) == ([b"ok", b"ok"], 2, 2)
