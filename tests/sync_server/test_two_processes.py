"""Two server processes on one PostgreSQL database: concurrent pushes, gap-free pulls."""

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.postgres import PostgresServer
from tests.sync_server.conftest import Server, prepare_database, start_server
from tests.sync_server.helpers import mutation, new_id
from wegweiser.dataset import Dataset
from wegweiser.protocol import Role

WRITERS = 4
OFFERS_PER_WRITER = 15


@pytest.fixture
def two_servers(
    postgres_server: PostgresServer, tmp_path: Path, demo_dataset: Dataset
) -> Iterator[tuple[Server, Server]]:
    url = postgres_server.new_database()
    prepare_database(url, demo_dataset).dispose()
    first = start_server(url, tmp_path / "a", process=True)
    second = start_server(url, tmp_path / "b", process=True)
    yield first, second
    for server in (first, second):
        server.stop()
        server.engine.dispose()


@pytest.mark.postgres
@pytest.mark.slow
def test_concurrent_pushes_are_all_pulled_without_gaps(two_servers: tuple[Server, Server]) -> None:
    first, second = two_servers
    reader = first.enrol(Role.LOTSE, "Leserin")
    reader.pull_all(["huy"])
    writers = [
        (first if i % 2 else second).enrol(Role.KOORDINATION, f"Schreiber {i}")
        for i in range(WRITERS)
    ]
    created: list[str] = []
    seen: list[str] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def write(index: int) -> None:
        try:
            for n in range(OFFERS_PER_WRITER):
                device = writers[index]
                # Alternate the server each push goes to, as a load balancer would.
                device.url = (first if (index + n) % 2 else second).url
                offer_id = new_id()
                [result] = device.push(
                    mutation(
                        "offer",
                        offer_id,
                        0,
                        {
                            "title": f"Parallel {index}-{n}",
                            "kommune_key": "huy",
                            "topic_keys": ["sprache"],
                        },
                    )
                )
                assert result["status"] == "applied", result
                created.append(offer_id)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    def read() -> None:
        try:
            turn = 0
            while True:
                finished = done.is_set()
                reader.url = (first, second)[turn % 2].url
                turn += 1
                while True:
                    page = reader.post(
                        "/sync/pull", {"cursor": reader.cursor, "kommunen": ["huy"], "limit": 5}
                    ).json()
                    seen.extend(c["id"] for c in page["changes"] if c["entity"] == "offer")
                    reader.cursor = page["next_cursor"]
                    if not page["has_more"]:
                        break
                if finished:
                    return
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
    reading = threading.Thread(target=read)
    reading.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    done.set()
    reading.join(timeout=60)

    assert not errors, errors
    assert len(created) == WRITERS * OFFERS_PER_WRITER
    # Every offer was seen exactly once by the reader that pulled *while* they were
    # written, from both processes in turn: its cursor never skipped a late commit.
    assert sorted(seen) == sorted(created)
