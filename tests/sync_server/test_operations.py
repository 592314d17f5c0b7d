"""What an operator relies on: `/health` and `/ready` tell the truth about the database
(also when its disk is full), every answer carries security headers and is not cached,
and serving plain HTTP beyond this machine is warned about."""

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import disk, local_http
from tests.support.server import ROOT, Server, prepare_database, server_env, start_server
from tests.sync_server.conftest import Device
from tests.sync_server.helpers import mutation, new_id
from wegweiser.dataset import Dataset
from wegweiser.protocol import Role


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with disk.small_disk(tmp_path / "klein") as folder:
        yield folder


def test_a_full_disk_is_a_german_503_and_health_says_so(
    small_disk: Path, demo_dataset: Dataset
) -> None:
    url = f"sqlite:///{small_disk / 'server.sqlite'}"
    prepare_database(url, demo_dataset).dispose()
    server = start_server(url, small_disk)
    try:
        guide = server.enrol(Role.LOTSE, "Anna")
        guide.pull_all(["thale"])
        note = mutation(
            "private_note",
            new_id(),
            0,
            {"target_entity": "topic", "target_id": new_id(), "text": "x" * 4000},
        )
        filler = disk.fill(small_disk)

        health = local_http.get(f"{server.url}/health")
        assert health.status_code == 503
        assert "Speicherplatz" in health.json()["detail"]
        assert local_http.get(f"{server.url}/ready").status_code == 503

        # Pushes until the database needs a page it cannot get: each answer is a
        # German problem document that asks the device to come back, none a bare 500.
        answers = []
        for _ in range(40):
            notes = [
                {**note, "id": new_id(), "record_id": new_id()}  # a new note each time
                for _ in range(20)
            ]
            response = guide.post("/sync/push", {"mutations": notes})
            answers.append(response.status_code)
            if response.status_code != 200:
                break
        assert answers[-1] == 503, answers
        assert response.headers["content-type"] == "application/problem+json"
        assert "Speicherplatz" in response.json()["detail"]
        assert response.headers["retry-after"].isdigit()

        filler.unlink()
        assert local_http.get(f"{server.url}/health").json()["status"] == "ok"
        assert local_http.get(f"{server.url}/ready").status_code == 200
        assert guide.post("/sync/push", {"mutations": notes}).status_code == 200
    finally:
        server.stop()
        server.engine.dispose()


def test_health_and_ready_answer_without_a_token(server: Server) -> None:
    health = local_http.get(f"{server.url}/health")
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "database": "ok"}
    ready = local_http.get(f"{server.url}/ready")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ok"


def test_every_answer_has_security_headers_and_private_ones_are_not_stored(
    server: Server,
) -> None:
    """JSON answers carry what matters for data, nothing a browser-only header adds (a
    tablet's "nothing new" is mostly headers); what a browser renders carries all."""
    guide: Device = server.enrol(Role.LOTSE, "Anna")
    with guide.client() as client:
        data = [
            client.post("/sync/pull", json={"kommunen": ["thale"], "limit": 5}),
            client.get("/gibt-es-nicht"),
            local_http.post(f"{server.url}/sync/pull", json={}),  # no token: 401
        ]
        rendered = [client.get("/handouts/kommunen/thale.pdf")]
    for response in data + rendered:
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "no-store"
    for response in data:
        assert "json" in response.headers["content-type"]
        assert "x-frame-options" not in response.headers
        assert "content-security-policy" not in response.headers
    for response in rendered:
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_an_answer_asking_to_come_back_closes_its_connection(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    """A client waiting out Retry-After must not come back on a kept-alive connection that
    the server's idle timeout closes just then: the server closes it with the answer."""
    url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    prepare_database(url, demo_dataset).dispose()
    server = start_server(url, tmp_path, process=True, enrolments_per_address_minute=1)
    try:
        refused = b""
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            request = (
                b"POST /enrol HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                b"\r\nContent-Length: 45\r\n\r\n" + b'{"code": "abcdefgh", "device_name": "Tablet"}'
            )
            for _ in range(2):  # the second is over the limit
                sock.sendall(request)
                answer = _one_answer(sock)
                refused = answer
            rest = sock.recv(1024)  # the server closed: nothing more, and no error
        assert refused.startswith(b"HTTP/1.1 429"), refused[:200]
        assert b"retry-after:" in refused.lower()
        assert b"connection: close" in refused.lower()
        assert rest == b""
    finally:
        server.stop()
        server.engine.dispose()


def _one_answer(sock: socket.socket) -> bytes:
    """One HTTP answer read off `sock` (head and a Content-Length body)."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(4096)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1])
        for line in head.lower().split(b"\r\n")
        if line.startswith(b"content-length:")
    )
    while len(body) < length:
        body += sock.recv(4096)
    return head + b"\r\n\r\n" + body


@pytest.mark.parametrize(
    ("host", "warned"), [("0.0.0.0", True), ("192.168.1.20", True), ("127.0.0.1", False)]
)
def test_plain_http_beyond_this_machine_is_warned_about(
    tmp_path: Path, host: str, warned: bool
) -> None:
    """`serve --check` prints what `serve` would warn about, and starts nothing."""
    result = subprocess.run(
        [sys.executable, "-m", "sync_server", "serve", "--check"],
        cwd=ROOT,
        env=server_env(tmp_path) | {"WEGWEISER_HOST": host},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert ("unverschlüsseltes HTTP" in result.stderr) is warned, result.stderr
    assert "Einstellungen in Ordnung" in result.stdout
