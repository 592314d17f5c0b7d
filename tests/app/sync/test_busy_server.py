"""The app against a full server: it waits as Retry-After asks and gets through, and it
keeps one HTTP client (one connection) for all its syncs."""

import threading
from pathlib import Path

import pytest

from app.store.database import open_store
from app.sync import enrolment
from app.sync.client import SyncClient
from app.sync.engine import SyncEngine
from tests.support.devices import enrolment_code
from tests.support.server import serving
from wegweiser.dataset import Dataset
from wegweiser.protocol import Role

pytestmark = [pytest.mark.slow, pytest.mark.server_process]


class Clients:
    """A client factory that remembers what it made."""

    def __init__(self) -> None:
        self.made: list[SyncClient] = []

    def __call__(self, url: str, token: str | None) -> SyncClient:
        client = SyncClient(url, token, timeout=30)
        self.made.append(client)
        return client


def test_devices_wait_for_a_full_server_and_all_get_through(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    # One request at a time, nobody queued: most of eight first syncs meet a 503.
    busy = {"working": 1, "waiting": 0, "retry_after": 1}
    with serving(tmp_path, demo_dataset, process=True, **busy) as server:
        clients = Clients()
        engines = []
        for i in range(8):
            store = open_store(tmp_path / f"tablet-{i}" / "wegweiser.sqlite")
            code = enrolment_code(server, Role.LOTSE, f"Lotsin {i}")
            enrolment.enrol(store, server.url, code, f"Tablet {i}", ["thale"])
            engines.append(SyncEngine(store, clients, page_size=50))
        errors: list[BaseException] = []

        def first_sync(engine: SyncEngine) -> None:
            try:
                engine.sync()
            except BaseException as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=first_sync, args=(e,)) for e in engines]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert errors == []
        assert sum(client.busy_waits for client in clients.made) > 0
        statuses = [engine.status() for engine in engines]
        assert all(s.last_success is not None and s.last_error is None for s in statuses)
        for engine in engines:
            engine.close()
            engine.store.close()


def test_one_client_for_every_sync_of_an_engine(tmp_path: Path, demo_dataset: Dataset) -> None:
    with serving(tmp_path, demo_dataset) as server:
        clients = Clients()
        store = open_store(tmp_path / "tablet" / "wegweiser.sqlite")
        code = enrolment_code(server, Role.LOTSE, "Lotsin")
        enrolment.enrol(store, server.url, code, "Tablet", ["thale"])
        engine = SyncEngine(store, clients)
        for _ in range(3):
            engine.sync()
        assert len(clients.made) == 1
        engine.close()
        engine.sync()  # after close, the next sync opens a new one
        assert len(clients.made) == 2
        engine.close()
        store.close()
