"""Rate limits every server process spends from together (`sync_server.shared_limits`):
kept per process, two processes allowed twice the rate."""

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from sync_server.db import init_db, make_engine
from sync_server.rate_limits import Rate
from sync_server.shared_limits import SharedRateLimiter
from tests.support import local_http
from tests.sync_server.conftest import ON_BOTH_DATABASES, Server, prepare_database, start_server
from wegweiser.dataset import Dataset


@pytest.fixture
def two_processes(
    database_url: str, tmp_path: Path, demo_dataset: Dataset
) -> Iterator[tuple[Server, Server]]:
    prepare_database(database_url, demo_dataset).dispose()
    limits = {"enrolments_per_address_minute": 3}
    first = start_server(database_url, tmp_path / "a", process=True, **limits)
    second = start_server(database_url, tmp_path / "b", process=True, **limits)
    yield first, second
    for server in (first, second):
        server.stop()
        server.engine.dispose()


@ON_BOTH_DATABASES
def test_the_enrolment_limit_holds_across_two_server_processes(
    two_processes: tuple[Server, Server],
) -> None:
    """Guessing codes behind a load balancer: three attempts a minute in all, not three
    at each process."""
    answers = []
    for attempt in range(6):
        server = two_processes[attempt % 2]
        body = {"code": f"RATEN-{attempt:04d}", "device_name": "Tablet"}
        answers.append(local_http.post(f"{server.url}/enrol", json=body).status_code)
    assert answers == [401, 401, 401, 429, 429, 429]


@ON_BOTH_DATABASES
def test_concurrent_spending_never_exceeds_the_bucket(database_url: str) -> None:
    """Forty requests at once in two "processes" (engines) against a bucket of twenty:
    exactly twenty get through, whatever the interleaving."""
    init_db(make_engine(database_url))
    engines = [make_engine(database_url, connections=20) for _ in range(2)]
    allowed: list[bool] = []
    start = threading.Barrier(40)

    def request(number: int) -> None:
        with Session(engines[number % 2]) as session:
            start.wait()
            wait = SharedRateLimiter(session).take("push:tablet", Rate(20, 3600))
            allowed.append(wait is None)

    threads = [threading.Thread(target=request, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for engine in engines:
        engine.dispose()
    assert len(allowed) == 40
    assert allowed.count(True) == 20


def test_buckets_refill_and_idle_ones_are_forgotten(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    engine = make_engine(url)
    init_db(engine)
    now = [1_000_000.0]
    with Session(engine) as session:
        limiter = SharedRateLimiter(session, clock=lambda: now[0])
        rate = Rate(2, 60)  # one every 30 s
        assert [limiter.take("a", rate) for _ in range(3)] == [None, None, 30]
        now[0] += 30
        assert limiter.take("a", rate) is None
        assert limiter.take("b", rate) is None
        now[0] += 86_400 - 10
        assert limiter.take("b", rate) is None  # b was used; a idles
        now[0] += 20
        assert limiter.forget(idle_seconds=86_400) == 1
        assert limiter.take("a", rate) is None  # a full bucket again
    engine.dispose()


@ON_BOTH_DATABASES
def test_a_request_that_read_the_clock_before_another_spent_still_gets_the_last_token(
    database_url: str,
) -> None:
    """Two requests at once: the one with the earlier clock reading comes second. Time
    does not run back for the bucket, so the last token is there for it (it was refused
    by the microseconds between the two readings: 19 of 20 in one CI run)."""
    engine = make_engine(database_url)
    init_db(engine)
    with Session(engine) as session:
        rate = Rate(2, 3600)
        assert SharedRateLimiter(session, clock=lambda: 1_000.5).take("k", rate) is None
        assert SharedRateLimiter(session, clock=lambda: 1_000.0).take("k", rate) is None
        assert SharedRateLimiter(session, clock=lambda: 1_000.5).take("k", rate) == 1800
    engine.dispose()
