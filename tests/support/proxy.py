"""A small HTTP-aware TCP proxy that injects real network faults between app and server.

Every request is forwarded on its own upstream connection. A rule decides, per request,
whether it passes, is cut before it reaches the server ("drop_request"), is cut after the
server answered but before the answer reaches the device ("drop_response"), or is held
back for a while ("delay"). Faults are real: the device sees closed sockets.
"""

import functools
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

Rule = Callable[[str, str, int], str]
"""(method, path, number of this path so far) -> "pass" | "drop_request" |
"drop_response" | "delay:<seconds>" | "refuse" | "gzip_bomb" | a key of `BROKEN`."""

BROKEN = {
    # A body that says it is gzip and is not (a proxy or a flaky line mangled it).
    "broken_gzip": (
        b"200 OK",
        b"Content-Type: application/json\r\nContent-Encoding: gzip",
        b"notgzip!!",
    ),
    # Valid JSON of a shape no route answers with (a wrong server).
    "wrong_shape": (b"200 OK", b"Content-Type: application/json", b'{"surprise": true}'),
    # A hotel's or a library's Wi-Fi answering every request with its login page.
    "wifi_login": (
        b"200 OK",
        b"Content-Type: text/html; charset=utf-8",
        b"<!DOCTYPE html><html><body><form>Bitte im WLAN anmelden</form></body></html>",
    ),
    # The server (or a proxy in front of it) failing with a plain 500.
    "server_error": (
        b"500 Internal Server Error",
        b"Content-Type: text/plain",
        b"Internal Server Error",
    ),
    # A pull page that asks for more with a cursor that never moves (a broken server).
    "stuck_page": (
        b"200 OK",
        b"Content-Type: application/json",
        b'{"changes": [], "next_cursor": "stuck", "has_more": true}',
    ),
    # A server from before pages as columns, refusing the field (as FastAPI words it).
    "refuses_columns": (
        b"422 Unprocessable Entity",
        b"Content-Type: application/problem+json",
        b'{"type": "https://wegweiser-harz.example/probleme/eingabe-ungueltig", "title": '
        b'"Ung\xc3\xbcltige Eingabe", "status": 422, "detail": "columns: Unbekanntes Feld", '
        b'"errors": [{"feld": "columns", "meldung": "Unbekanntes Feld", '
        b'"type": "extra_forbidden"}]}',
    ),
    # A page as columns whose second kind holds a wrong value (a broken server): the
    # topic before it must not be stored either.
    "wrong_row": (
        b"200 OK",
        b"Content-Type: application/json",
        b'{"records": ['
        b'{"entity": "topic", "fields": ["id", "version", "key", "title", "icon"], "columns": '
        b'[["0b7a4c1e-9d2f-4e8a-b6c3-5f1d2e3a4b5c"], [1], ["neu"], ["Neues Thema"], ["star"]]}, '
        b'{"entity": "contact_point", "fields": ["id", "version", "name"], "columns": '
        b'[["7c3e1a2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d"], ["zwei"], ["Falsch"]]}], '
        b'"deleted": [], "next_cursor": "x.1", "has_more": false}',
    ),
}
"""Answers sent instead of the server's, after it has answered (it did the work)."""


@functools.cache
def gzip_bomb() -> bytes:
    """4.6 MB of gzip that inflates to 1 GB of zeros (made once, in about a second)."""
    packer = zlib.compressobj(1, zlib.DEFLATED, 31)
    zeros = bytes(1 << 20)
    return b"".join([*(packer.compress(zeros) for _ in range(1024)), packer.flush()])


def _broken(action: str) -> tuple[bytes, bytes, bytes]:
    if action == "gzip_bomb":
        return (
            b"200 OK",
            b"Content-Type: application/json\r\nContent-Encoding: gzip",
            gzip_bomb(),
        )
    return BROKEN[action]


def always_pass(_method: str, _path: str, _count: int) -> str:
    return "pass"


@dataclass
class FaultProxy:
    upstream_port: int
    rule: Rule = always_pass
    seen: dict[str, int] = field(default_factory=dict)
    answered: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._closed = True
        self._listener.close()

    def count(self, path: str) -> int:
        with self._lock:
            return self.seen.get(path, 0)

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        with client:
            while True:
                request = _read_request(client)
                if request is None:
                    return
                head, body, method, path = request
                with self._lock:
                    number = self.seen.get(path, 0) + 1
                    self.seen[path] = number
                action = self.rule(method, path, number)
                if action in ("refuse", "drop_request"):
                    return
                if action.startswith("delay:"):
                    time.sleep(float(action.split(":", 1)[1]))
                try:
                    response = self._forward(head, body)
                except OSError:
                    return  # upstream down: the device sees the connection close
                if action == "drop_response":
                    return
                if action in BROKEN or action == "gzip_bomb":
                    status, headers, broken = _broken(action)
                    response = (
                        b"HTTP/1.1 " + status + b"\r\n" + headers + b"\r\nContent-Length: "
                        + str(len(broken)).encode() + b"\r\nConnection: close\r\n\r\n" + broken
                    )  # fmt: skip
                try:
                    client.sendall(response)
                except OSError:
                    return
                with self._lock:
                    self.answered[path] = self.answered.get(path, 0) + 1
                return  # upstream answered with Connection: close

    def _forward(self, head: bytes, body: bytes) -> bytes:
        lines = [
            line
            for line in head.split(b"\r\n")
            if line and not line.lower().startswith(b"connection:")
        ]
        lines.append(b"Connection: close")
        with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=60) as upstream:
            upstream.sendall(b"\r\n".join(lines) + b"\r\n\r\n" + body)
            chunks = []
            while True:
                chunk = upstream.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        return b"".join(chunks)


def _read_request(sock: socket.socket) -> tuple[bytes, bytes, str, str] | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
    method, path, _ = request_line.split(" ", 2)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        rest += chunk
    return head, rest[:length], method, path
