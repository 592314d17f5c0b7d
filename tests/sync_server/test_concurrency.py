"""Many devices at once against a real server process: every answer is a success or a
503 problem document with Retry-After (never a hang, a 500 or text/plain), `/health`
answers throughout, and devices that honour Retry-After all get through.

The server admits few requests at a time here (`working=2`, a short queue), so that a
hundred devices on two cores really meet a full server.
"""

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support import local_http
from tests.support.server import Device, Server, prepare_database, start_server
from tests.sync_server.conftest import ON_BOTH_DATABASES
from tests.sync_server.helpers import mutation, new_id
from wegweiser.dataset import Dataset
from wegweiser.protocol import Role

pytestmark = [pytest.mark.slow, pytest.mark.server_process]

BUSY = {"working": 2, "waiting": 20, "wait_seconds": 2, "retry_after": 1}


@pytest.fixture
def busy_server(database_url: str, tmp_path: Path, demo_dataset: Dataset) -> Iterator[Server]:
    """A server process that admits two requests at once and queues twenty."""
    prepare_database(database_url, demo_dataset).dispose()
    server = start_server(database_url, tmp_path, process=True, **BUSY)
    yield server
    server.stop()
    server.engine.dispose()


class Answers:
    """Every answer the devices got, as (status, content type, Retry-After)."""

    def __init__(self) -> None:
        self.seen: list[tuple[int, str, str | None]] = []
        self._lock = threading.Lock()

    def post(self, client: httpx.Client, path: str, body: Any) -> httpx.Response:
        """POST until the server takes it, waiting as a 503 asks (as the app does)."""
        while True:
            response = client.post(path, json=body)
            with self._lock:
                self.seen.append(
                    (
                        response.status_code,
                        response.headers.get("content-type", ""),
                        response.headers.get("retry-after"),
                    )
                )
            if response.status_code != 503:
                return response
            time.sleep(float(response.headers["retry-after"]))

    def check(self) -> int:
        """Asserts every answer was 200 or a 503 problem; returns how many 503s."""
        statuses = {status for status, _, _ in self.seen}
        assert statuses <= {200, 503}, statuses
        busy = [(kind, after) for status, kind, after in self.seen if status == 503]
        assert all(kind == "application/problem+json" and after for kind, after in busy)
        return len(busy)


def at_once(devices: list[Device], work: Callable[[Device, httpx.Client], None]) -> float:
    """Run `work` for every device in a thread of its own, all released together;
    returns the seconds until the last one finished."""
    start = threading.Barrier(len(devices))

    def run(device: Device) -> None:
        with device.client() as client:
            start.wait()
            work(device, client)

    began = time.monotonic()
    with ThreadPoolExecutor(len(devices)) as pool:
        for future in [pool.submit(run, device) for device in devices]:
            future.result(timeout=300)
    return time.monotonic() - began


class HealthWatch:
    """Asks `/health` every 0.2 s while the devices work; keeps the slowest answer."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.slowest = 0.0
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run)

    def __enter__(self) -> "HealthWatch":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        with local_http.client(timeout=10) as client:
            while not self._stop.wait(0.2):
                began = time.monotonic()
                try:
                    status = client.get(f"{self.url}/health").status_code
                except httpx.HTTPError as exc:
                    self.failures.append(repr(exc))
                    continue
                self.slowest = max(self.slowest, time.monotonic() - began)
                if status != 200:
                    self.failures.append(str(status))


@ON_BOTH_DATABASES
def test_100_devices_pull_at_once(busy_server: Server) -> None:
    devices = [busy_server.enrol(Role.LOTSE, f"Lotsin {i}") for i in range(100)]
    answers = Answers()

    def first_sync(device: Device, client: httpx.Client) -> None:
        cursor, more = "", True
        while more:
            body = {"cursor": cursor, "kommunen": ["thale"], "limit": 200}
            page = answers.post(client, "/sync/pull", body).json()
            cursor, more = page["next_cursor"], page["has_more"]
            device.records.update({(c["entity"], c["id"]): c for c in page["changes"]})

    with HealthWatch(busy_server.url) as health:
        at_once(devices, first_sync)
    turned_away = answers.check()
    assert turned_away > 0  # the server really was full
    assert all(device.records == devices[0].records for device in devices)
    assert len(devices[0].records) > 100
    assert health.failures == [] and health.slowest < 2.0


@ON_BOTH_DATABASES
def test_30_devices_push_at_once(busy_server: Server) -> None:
    devices = [busy_server.enrol(Role.LOTSE, f"Lotse {i}") for i in range(30)]
    contact = next(
        c
        for c in _pull_once(devices[0])["changes"]
        if c["entity"] == "contact_point" and not c["deleted"]
    )
    answers = Answers()
    notes: dict[str, str] = {}

    def push(device: Device, client: httpx.Client) -> None:
        note = new_id()
        notes[device.account_id] = note
        fields = {"target_entity": "contact_point", "target_id": contact["id"], "text": "ok"}
        batch = {"mutations": [mutation("private_note", note, 0, fields)]}
        results = answers.post(client, "/sync/push", batch).json()["results"]
        assert [r["status"] for r in results] == ["applied"]

    with HealthWatch(busy_server.url) as health:
        at_once(devices, push)
    answers.check()
    assert len(notes) == 30
    for device in devices[:3]:
        device.pull_all(["thale"])
        assert ("private_note", notes[device.account_id]) in device.records
    assert health.failures == []


def _pull_once(device: Device) -> dict[str, Any]:
    response = device.post("/sync/pull", {"cursor": "", "kommunen": ["thale"], "limit": 500})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result
