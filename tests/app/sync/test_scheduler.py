"""The sync scheduler: when it syncs, how it backs off, and that nothing stops it."""

import random
import threading
import time

import pytest

from app.sync.errors import Offline
from app.sync.scheduler import SyncScheduler
from app.sync.status import SyncStatus
from tests.support.proxy import FaultProxy
from wegweiser.protocol import Role


def test_tablets_switched_on_together_fall_out_of_step(make_tablet) -> None:
    """The periodic sync waits the interval ±20 %: a hundred tablets started at one
    training day otherwise reach the server in the same second every five minutes."""
    engine = make_tablet("a").engine
    delays = [
        SyncScheduler(engine, interval=300, rng=random.Random(seed)).next_delay()
        for seed in range(100)
    ]
    assert all(240 <= delay <= 360 for delay in delays)
    assert max(delays) - min(delays) > 90  # spread over most of the window
    assert len({round(delay, 3) for delay in delays}) > 90


def test_scheduler_backs_off_with_jitter_and_never_blocks(make_tablet, proxy: FaultProxy) -> None:
    tablet = make_tablet("a")
    statuses: list[SyncStatus] = []
    scheduler = SyncScheduler(
        tablet.engine,
        on_status=statuses.append,
        interval=3600,
        backoff_base=0.05,
        backoff_max=0.4,
        rng=random.Random(3),
    )
    factors = []
    for failures in range(1, 8):
        scheduler.failures = failures
        step = min(0.4, 0.05 * 2.0 ** (failures - 1))  # doubles, capped
        delay = scheduler.next_delay()
        assert 0.5 * step <= delay <= 1.5 * step
        factors.append(delay / step)
    assert len({round(f, 6) for f in factors}) == len(factors)  # jittered, not in step
    scheduler.failures = 0

    # The first sync waits 3 s for the network; start() returns while it waits, so a
    # screen that starts the scheduler is never blocked by it.
    proxy.rule = lambda method, path, n: "delay:3" if n == 1 else "refuse"
    scheduler.start()
    assert tablet.engine.status().last_success is None  # never synced before
    assert not any(s.last_success for s in statuses)  # returned while the first one waits
    scheduler.request_sync()  # then the network goes: every further attempt is refused
    deadline = time.monotonic() + 20
    while scheduler.failures < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert scheduler.failures >= 3  # retried by itself while offline
    proxy.rule = lambda method, path, n: "pass"
    while scheduler.failures and time.monotonic() < deadline:
        time.sleep(0.05)
    scheduler.stop()
    assert scheduler.failures == 0  # the returning connection was noticed
    assert statuses[-1].online is True and statuses[-1].last_success is not None
    assert any(s.syncing for s in statuses)


@pytest.mark.parametrize("fault", ["broken_gzip", "wrong_shape"])
def test_the_scheduler_survives_a_broken_answer_and_says_why(
    make_tablet, proxy: FaultProxy, fault: str
) -> None:
    tablet = make_tablet("lotsin", role=Role.LOTSE)
    proxy.rule = lambda _m, path, n: fault if path == "/sync/pull" and n <= 2 else "pass"
    heard: list[SyncStatus] = []
    scheduler = SyncScheduler(
        tablet.engine, on_status=heard.append, backoff_base=0.05, backoff_max=0.2
    )
    scheduler.start()
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not any(s.last_success for s in heard):
            time.sleep(0.05)
        errors = [s.last_error for s in heard if s.last_error]
        assert errors and "Antwort des Servers kam beschädigt oder unerwartet" in errors[0]
        assert heard[-1].last_success is not None and heard[-1].last_error is None
        assert scheduler._thread is not None and scheduler._thread.is_alive()
    finally:
        scheduler.stop()


def test_sync_on_demand_wakes_the_scheduler(make_tablet, proxy: FaultProxy) -> None:
    tablet = make_tablet("a")
    done = threading.Event()
    scheduler = SyncScheduler(
        tablet.engine, on_status=lambda s: done.set() if not s.syncing else None, interval=3600
    )
    scheduler.start()
    assert done.wait(10)
    first = proxy.count("/sync/pull")
    done.clear()
    scheduler.request_sync()
    assert done.wait(10)
    scheduler.stop()
    assert proxy.count("/sync/pull") > first


def test_a_returning_server_is_tried_again_within_a_minute_and_each_try_is_shown(
    make_tablet, proxy: FaultProxy
) -> None:
    tablet = make_tablet("lotsin", role=Role.LOTSE)
    scheduler = SyncScheduler(tablet.engine, rng=random.Random(3))
    scheduler.failures = 12  # long offline
    assert max(scheduler.next_delay() for _ in range(50)) <= 90  # 60 s, ±50 % jitter
    proxy.rule = lambda *_: "refuse"
    with pytest.raises(Offline):
        tablet.engine.sync()
    first = tablet.engine.status().last_attempt
    assert first is not None
    with pytest.raises(Offline):
        tablet.engine.sync()
    second = tablet.engine.status().last_attempt
    assert second is not None and second >= first


def test_a_status_listener_that_fails_stops_no_sync(make_tablet, proxy: FaultProxy) -> None:
    # A screen that breaks while it hears "syncing" (the first call, once outside any
    # guard) killed the thread: no sync ever ran again.
    tablet = make_tablet("lotsin", role=Role.LOTSE)

    def broken_screen(status: SyncStatus) -> None:
        raise RuntimeError("the screen is gone")

    scheduler = SyncScheduler(tablet.engine, on_status=broken_screen, interval=3600)
    scheduler.start()
    try:
        deadline = time.monotonic() + 20
        while proxy.count("/sync/pull") < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        scheduler.request_sync()
        while proxy.count("/sync/pull") < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proxy.count("/sync/pull") >= 2
        assert scheduler._thread is not None and scheduler._thread.is_alive()
    finally:
        scheduler.stop()
