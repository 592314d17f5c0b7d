"""Devices with real local stores, syncing through a fault proxy with the real server."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.store.database import open_store
from app.sync import enrolment
from app.sync.client import SyncClient
from app.sync.engine import Clock, SyncEngine, system_clock
from tests.support.devices import Tablet, enrolment_code
from tests.support.proxy import FaultProxy
from tests.support.server import Server, serving
from wegweiser.dataset import Dataset
from wegweiser.protocol import Role


@pytest.fixture
def sync_server(
    request: pytest.FixtureRequest, tmp_path: Path, demo_dataset: Dataset
) -> Iterator[Server]:
    """The server with the example data; a process of its own for tests marked
    `server_process` (they kill it), else in a thread."""
    process = request.node.get_closest_marker("server_process") is not None
    with serving(tmp_path, demo_dataset, process=process) as server:
        yield server


@pytest.fixture
def proxy(sync_server: Server) -> Iterator[FaultProxy]:
    running = FaultProxy(upstream_port=sync_server.port)
    yield running
    running.close()


@pytest.fixture
def make_tablet(
    tmp_path: Path, sync_server: Server, proxy: FaultProxy
) -> Iterator[Callable[..., Tablet]]:
    tablets: list[Tablet] = []

    def make(
        name: str,
        role: Role = Role.KOORDINATION,
        kommunen: tuple[str, ...] = ("thale",),
        clock: Clock = system_clock,
        page_size: int = 200,
        push_batch: int = 100,
        account_id: str | None = None,
        timeout: float = 10,
    ) -> Tablet:
        """A new device; with `account_id`, another device of that account; `timeout`:
        how long its client waits for an answer."""
        path = tmp_path / name / "wegweiser.sqlite"
        store = open_store(path)

        def client(url: str, token: str | None) -> SyncClient:
            return SyncClient(url, token, timeout=timeout)

        def enrolling(url: str, token: str | None) -> SyncClient:
            return SyncClient(url, token, timeout=10)

        engine = SyncEngine(store, client, clock, push_batch=push_batch, page_size=page_size)
        code = enrolment_code(sync_server, role, None if account_id else name, account_id)
        enrolment.enrol(store, proxy.url, code, name, list(kommunen), enrolling)
        tablet = Tablet(path, store, engine)
        tablets.append(tablet)
        return tablet

    yield make
    for tablet in tablets:
        tablet.store.close()
