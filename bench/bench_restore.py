"""A restore announced to many tablets: their full resyncs spread over the window the
server announces (issue 29), against all of them at once.

A real server process on SQLite with the example's Thale grown by 2,000 contact points
(2,100 records a device). The devices, simulated with asyncio and httpx in this process,
enrol and sync first; then the database gets what a restore writes (a new epoch and the
end of the window), and every device, at its next periodic sync (`ARRIVALS_PER_SECOND`
of them a second), pulls with its old cursor, gets the 410, waits as the app does (a moment picked
at random in `resync_within`) and pulls everything again, honouring 503 + Retry-After.
Counted per second: answers accepted and refused; per device: when it was current
again; throughout: /health. Once with a window, once with none.
Run: .venv/bin/python bench/bench_restore.py [DEVICES [WINDOW_SECONDS]] [--spread-only]
(default 1000 devices, 60 s)
"""

import asyncio
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.devices import Device, Tally, connected, health_watch  # noqa: E402
from bench.report import Report  # noqa: E402
from bench.servers import Running, contact_points, running_server  # noqa: E402
from sync_server.tables import SyncState  # noqa: E402
from wegweiser.dataset import load_dataset  # noqa: E402
from wegweiser.model import new_id  # noqa: E402
from wegweiser.protocol import Role  # noqa: E402

KOMMUNE = "thale"
PAGE = 500
REPORT = Report("bench_restore")
ARRIVALS_PER_SECOND = 100
"""How many devices reach the server a second for their next periodic sync after the
restore. The app syncs every 300 s (±20 %), each tablet at its own time: 5,000 tablets
come about 17 a second; this is six times denser than that."""
TRANSPORT_ERRORS: Counter[str] = Counter()
"""The devices' transport errors, by kind: no answer even when asked again."""
REASKED: Counter[str] = Counter()
"""Requests asked once more at once, as the app does, after a closed kept-alive connection."""
_TAIL = re.compile(rb'"next_cursor":"([^"]*)","has_more":(true|false)')


async def pull_all(device: Device, per_second: Counter[tuple[int, int]], began: float) -> None:
    """Every page from the device's cursor; only the page's end is read (a tablet checks
    the whole page, which this process cannot afford for a thousand devices at once)."""
    assert isinstance(device.client, httpx.AsyncClient)  # it reads httpx's own errors
    headers = {"Authorization": f"Bearer {device.token}"}
    cut_off = False
    while True:
        body = {"cursor": device.cursor, "kommunen": [KOMMUNE], "limit": PAGE, "columns": True}
        try:
            response = await device.client.post(
                f"{device.url}/sync/pull", json=body, headers=headers
            )
        except (httpx.ReadError, httpx.RemoteProtocolError, httpx.WriteError) as exc:
            if not cut_off:
                # As the app: a kept-alive connection the server closed just as it was
                # reused (this process, busy with thousands of devices, sent its next
                # request after the server's idle timeout): once more, on a new one.
                cut_off = True
                REASKED[type(exc).__name__] += 1
                continue
            per_second[(int(time.perf_counter() - began), 599)] += 1
            TRANSPORT_ERRORS[type(exc).__name__] += 1
            await asyncio.sleep(1)
            continue
        except httpx.TransportError as exc:
            per_second[(int(time.perf_counter() - began), 599)] += 1
            TRANSPORT_ERRORS[type(exc).__name__] += 1
            await asyncio.sleep(1)
            continue
        cut_off = False
        per_second[(int(time.perf_counter() - began), response.status_code)] += 1
        if response.status_code == 503:
            await asyncio.sleep(float(response.headers["retry-after"]) * random.uniform(1, 1.5))
            continue
        if response.status_code == 410:
            # As the app: a moment of its own in the announced window, then everything.
            within = response.json().get("resync_within") or 0
            await asyncio.sleep(random.uniform(0, within))
            device.cursor = ""
            continue
        response.raise_for_status()
        found = _TAIL.search(response.content[-400:])
        assert found is not None, response.content[-400:]
        device.cursor = found.group(1).decode()
        if found.group(2) == b"false":
            return


def totals(per_second: Counter[tuple[int, int]]) -> Counter[int]:
    """The answers of every second together, by status."""
    statuses = Counter[int]()
    for (_, status), count in per_second.items():
        statuses[status] += count
    return statuses


async def first_syncs(server: Running, devices: list[Device]) -> None:
    codes = server.enrolment_codes(Role.LOTSE, len(devices))
    async with connected(devices):
        for device, code in zip(devices, codes, strict=True):
            assert isinstance(device.client, httpx.AsyncClient)
            enrolled = await device.client.post(
                f"{device.url}/enrol", json={"code": code, "device_name": "Last"}
            )
            device.token = enrolled.json()["token"]
        sem = asyncio.Semaphore(20)

        async def one(device: Device) -> None:
            async with sem:
                await pull_all(device, Counter(), time.perf_counter())

        await asyncio.gather(*(one(d) for d in devices))


def restored(server: Running, window: int) -> None:
    """What `restore` writes: a new epoch, and until when the resyncs are spread."""
    with Session(server.engine) as session:
        state = session.get(SyncState, 1)
        assert state is not None
        state.epoch, state.resync_until = new_id(), int(time.time()) + window
        session.add(state)
        session.commit()


async def after_restore(server: Running, devices: list[Device], window: int) -> None:
    per_second: Counter[tuple[int, int]] = Counter()
    done: list[float] = []
    health = Tally()
    with health_watch(server.url, health):
        began, cpu_before = time.perf_counter(), server.cpu_seconds()
        async with connected(devices):

            async def one(device: Device) -> None:
                # Each learns of the restore at its next periodic sync.
                await asyncio.sleep(random.uniform(0, len(devices) / ARRIVALS_PER_SECOND))
                await pull_all(device, per_second, began)
                done.append(time.perf_counter() - began)

            await asyncio.gather(*(one(d) for d in devices))
        cpu_each = (server.cpu_seconds() - cpu_before) / len(devices) * 1000
    seconds = sorted({second for second, _ in per_second})
    accepted = {s: per_second[(s, 200)] + per_second[(s, 410)] for s in seconds}
    refused = {s: per_second[(s, 503)] for s in seconds}
    worst = max(seconds, key=lambda s: refused[s] - accepted[s])
    statuses = totals(per_second)
    REPORT.line(
        f"  window {window} s: {len(done)}/{len(devices)} current again, the last after "
        f"{max(done):.1f} s; answers {dict(sorted(statuses.items()))}; seconds in which the "
        f"server refused more than it accepted: "
        f"{sum(1 for s in seconds if refused[s] > accepted[s])} of {len(seconds)} (worst: "
        f"{refused[worst]} refused, {accepted[worst]} accepted); server CPU {cpu_each:.0f} ms "
        f"per device; /health {health.percentiles()}, slowest {max(health.latencies):.0f} ms"
    )


def main() -> None:
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]
    count = numbers[0] if numbers else 1000
    window = numbers[1] if len(numbers) > 1 else 60
    dataset = load_dataset(ROOT / "assets/demo/landkreis-harz.json")
    extra = contact_points(dataset, 2000, KOMMUNE)
    REPORT.line(f"a restore announced to {count} devices (SQLite, one process, 2 cores)")
    # "--spread-only": without the run with no window (5,000 at once take long here).
    for spread in (window,) if "--spread-only" in sys.argv else (window, 0):
        with (
            tempfile.TemporaryDirectory() as folder,
            running_server(Path(folder), dataset, extra) as server,
        ):
            devices = [Device(server.url) for _ in range(count)]
            asyncio.run(first_syncs(server, devices))
            restored(server, spread)
            asyncio.run(after_restore(server, devices, spread))
    REPORT.write()


if __name__ == "__main__":
    main()
