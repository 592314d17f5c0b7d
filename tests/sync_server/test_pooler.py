"""The server behind pgbouncer in transaction mode, as docs/deployment.md sets it up."""

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from sync_server.db import make_engine
from tests.support import pgbouncer
from tests.support.postgres import PostgresServer
from tests.support.server import (
    Device,
    Server,
    cli_in_process,
    prepare_database,
    start_server,
)
from tests.sync_server.helpers import mutation, new_id
from wegweiser.dataset import Dataset
from wegweiser.protocol import Role

pytestmark = pytest.mark.postgres

ROUNDS = 12
"""More than psycopg's five runs of a statement after which it prepares it."""


@pytest.fixture
def pooled(
    postgres_server: PostgresServer, tmp_path: Path, demo_dataset: Dataset
) -> Iterator[tuple[Server, str]]:
    """A server whose eight workers share two PostgreSQL connections through pgbouncer;
    yields it and the database's own URL (tests look at the data directly)."""
    direct = postgres_server.new_database()
    prepare_database(direct, demo_dataset).dispose()
    with pgbouncer.pooling(postgres_server, server_connections=2) as through:
        url = through + str(make_url(direct).database)
        server = start_server(url, tmp_path, working=8, database_pooled=True)
        server.engine.dispose()
        server.engine = make_engine(direct)
        try:
            yield server, url
        finally:
            server.stop()
            server.engine.dispose()


def test_devices_push_and_pull_through_pgbouncer(pooled: tuple[Server, str]) -> None:
    server, _ = pooled
    devices = [server.enrol(Role.LOTSE, f"Lotse {n}") for n in range(6)]
    contact_ids = _contact_ids(devices[0])

    def sync(device: Device) -> set[str]:
        mine: set[str] = set()
        for n in range(ROUNDS):
            favourite = new_id()
            target = {"target_entity": "contact_point", "target_id": contact_ids[n]}
            [result] = device.push(mutation("favourite", favourite, 0, target))
            assert result["status"] == "applied", result
            mine.add(favourite)
            device.pull_all(["halberstadt"])
        return mine

    with ThreadPoolExecutor(max_workers=len(devices)) as pool:
        pushed = list(pool.map(sync, devices))
    for device, mine in zip(devices, pushed, strict=True):
        held = {record_id for (entity, record_id) in device.records if entity == "favourite"}
        assert held == mine


def test_a_restore_through_the_pooler_is_refused_in_german(
    pooled: tuple[Server, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, url = pooled
    backup = tmp_path / "sicherung.dump"
    backup.write_bytes(b"nothing")
    monkeypatch.setenv("WEGWEISER_DATABASE_POOLED", "true")
    refused = cli_in_process(tmp_path, "restore", "--from", str(backup), database_url=url)
    assert refused.returncode == 2
    assert "nicht den Verbindungspooler" in refused.stderr


def _contact_ids(device: Device) -> list[str]:
    device.pull_all(["halberstadt"])
    found = [record_id for (entity, record_id) in device.records if entity == "contact_point"]
    assert len(found) >= ROUNDS
    device.records.clear()
    device.cursor = ""
    return found[:ROUNDS]
