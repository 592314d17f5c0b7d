"""PouchDB beside the Wegweiser: npm's pouchdb-server on 127.0.0.1 and a PouchDB 9 client
on Node.js (`bench/pouchdb/`), installed into build/pouchdb by the benchmark itself, and a
proxy that counts what crosses the wire for either side."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench import npm_packages
from bench.servers import free_port, wait_for

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "bench" / "pouchdb"
FOLDER = ROOT / "build" / "pouchdb"
DATABASE = "wegweiser"


def install() -> Path:
    """build/pouchdb with the locked packages."""
    return npm_packages.install("pouchdb", "pouchdb-server")


@contextmanager
def pouchdb_server(data: Path, docs: list[dict[str, Any]]) -> Iterator[str]:
    """pouchdb-server with its LevelDB files in `data`, holding `docs`; yields the
    database's URL."""
    folder = install()
    data.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = subprocess.Popen(
        [
            "node",
            str(folder / "node_modules" / ".bin" / "pouchdb-server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--dir",
            str(data),
        ],
        cwd=data,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base)
        httpx.put(f"{base}/{DATABASE}").raise_for_status()
        for start in range(0, len(docs), 500):
            batch = {"docs": docs[start : start + 500]}
            httpx.post(f"{base}/{DATABASE}/_bulk_docs", json=batch, timeout=60).raise_for_status()
        yield f"{base}/{DATABASE}"
    finally:
        server.terminate()
        server.wait(timeout=15)


def change_one(url: str, doc_id: str, values: dict[str, Any]) -> None:
    """Write `values` into one document, as an editor would."""
    doc = httpx.get(f"{url}/{doc_id}").json()
    httpx.put(f"{url}/{doc_id}", json={**doc, **values}).raise_for_status()


class Replicator:
    """A PouchDB client process with its own LevelDB folder (`replicate.js`)."""

    def __init__(self, url: str, folder: Path) -> None:
        self._process = subprocess.Popen(
            ["node", str(SOURCE / "replicate.js"), url, str(folder)],
            cwd=install(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "NODE_PATH": str(FOLDER / "node_modules")},
        )

    def result(self) -> dict[str, float]:
        """The figures of the replication under way: wall_ms, cpu_ms, docs."""
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError("PouchDB replication ended without a result")
        found: dict[str, float] = json.loads(line)
        return found

    def again(self) -> dict[str, float]:
        assert self._process.stdin is not None
        self._process.stdin.write("\n")
        self._process.stdin.flush()
        return self.result()

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait(timeout=30)


class CountingProxy:
    """A process of its own (so that its work is not counted as the client's) that
    forwards 127.0.0.1:`port` to `upstream` and counts bytes each way and requests
    (HTTP/1.1 request lines), headers included: what a tablet's radio carries."""

    def __init__(self, upstream: int) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bench.pouchdb_peer", str(upstream)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        self.port = int(self._process.stdout.readline())
        self.url = f"http://127.0.0.1:{self.port}"

    def counted(self) -> tuple[int, int, int]:
        """Bytes sent, bytes received and requests since the last call."""
        assert self._process.stdin is not None and self._process.stdout is not None
        time.sleep(0.05)  # the last bytes relayed
        self._process.stdin.write("\n")
        self._process.stdin.flush()
        sent, received, requests = map(int, self._process.stdout.readline().split())
        return sent, received, requests

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait(timeout=10)


@dataclass
class _Counts:
    sent: int = 0
    received: int = 0
    requests: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _proxy(upstream: int) -> None:
    """The proxy process: prints its port, then the counts at every line on stdin."""
    counts = _Counts()
    listener = socket.create_server(("127.0.0.1", 0))
    print(listener.getsockname()[1], flush=True)

    def accept() -> None:
        while True:
            client, _ = listener.accept()
            server = socket.create_connection(("127.0.0.1", upstream))
            for end in (client, server):
                # Small answers must not wait for a delayed ACK (40 ms a round trip).
                end.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=relay, args=(client, server, True), daemon=True).start()
            threading.Thread(target=relay, args=(server, client, False), daemon=True).start()

    def relay(source: socket.socket, target: socket.socket, upward: bool) -> None:
        tail = b""
        try:
            while chunk := source.recv(65536):
                target.sendall(chunk)
                with counts.lock:
                    if upward:
                        counts.sent += len(chunk)
                        # A request line may be cut between two reads; the tail kept
                        # is one byte too short to hold a whole one counted before.
                        counts.requests += (tail + chunk).count(b" HTTP/1.1\r\n")
                        tail = (tail + chunk)[-10:]
                    else:
                        counts.received += len(chunk)
        except OSError:
            pass
        finally:
            for end in (source, target):
                with suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    threading.Thread(target=accept, daemon=True).start()
    for _ in sys.stdin:
        with counts.lock:
            print(counts.sent, counts.received, counts.requests, flush=True)
            counts.sent = counts.received = counts.requests = 0


if __name__ == "__main__":
    _proxy(int(sys.argv[1]))
