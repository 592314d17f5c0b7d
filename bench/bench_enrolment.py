"""Enrolment day (issue 29): thousands of new tablets enrol and do their first sync.

A real server process on SQLite (the default set-up) with the example's Thale grown by
2,000 contact points: 2,100 records a device. The devices, simulated with asyncio and
httpx in this process on the same 2 cores, arrive within `ARRIVAL_SECONDS` (the office
handing out codes all morning, compressed into a minute), enrol with their one-time
code, and pull every page, honouring 503 + Retry-After as the app does. Counted: when the
last device was done, every answer, server CPU per new device, and `/health` asked by
a probe process of its own throughout.
Run: .venv/bin/python bench/bench_enrolment.py [DEVICES]   (default 5000)
"""

import asyncio
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_restore import (  # noqa: E402
    KOMMUNE,
    REASKED,
    TRANSPORT_ERRORS,
    pull_all,
    totals,
)
from bench.devices import Device, Tally, connected, health_watch, post  # noqa: E402
from bench.report import Report  # noqa: E402
from bench.servers import Running, contact_points, running_server  # noqa: E402
from wegweiser.dataset import load_dataset  # noqa: E402
from wegweiser.protocol import Role  # noqa: E402

REPORT = Report("bench_enrolment")
ARRIVAL_SECONDS = 60.0


async def enrolment_day(server: Running, count: int) -> None:
    codes = server.enrolment_codes(Role.LOTSE, count)
    devices = [Device(server.url) for _ in range(count)]
    per_second: Counter[tuple[int, int]] = Counter()
    enrolments, health = Tally(), Tally()
    done: list[float] = []
    with health_watch(server.url, health):
        began, cpu_before = time.perf_counter(), server.cpu_seconds()
        async with connected(devices):

            async def one(device: Device, code: str) -> None:
                await asyncio.sleep(random.uniform(0, ARRIVAL_SECONDS))
                enrolled = await post(
                    device, "/enrol", {"code": code, "device_name": "Neu"}, enrolments
                )
                device.token = enrolled["token"]
                await pull_all(device, per_second, began)
                done.append(time.perf_counter() - began)

            await asyncio.gather(*(one(d, c) for d, c in zip(devices, codes, strict=True)))
        took = time.perf_counter() - began
        cpu_each = (server.cpu_seconds() - cpu_before) / count * 1000
    pulls = totals(per_second)
    REPORT.line(
        f"  {count} devices arriving within {ARRIVAL_SECONDS:.0f} s: {len(done)}/{count} "
        f"synced, the last after {took:.1f} s; server CPU {cpu_each:.1f} ms per new device; "
        f"enrolments {dict(sorted(enrolments.statuses.items()))}, pulls "
        f"{dict(sorted(pulls.items()))} (599: no answer, {dict(TRANSPORT_ERRORS)}); asked "
        f"again at once on a new connection, as the app does: {dict(REASKED)}; "
        f"/health {health.percentiles()}, slowest {max(health.latencies):.0f} ms"
    )


def main() -> None:
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]
    count = numbers[0] if numbers else 5000
    dataset = load_dataset(ROOT / "assets/demo/landkreis-harz.json")
    extra = contact_points(dataset, 2000, KOMMUNE)
    REPORT.line("enrolment day, 2,100 records a device (SQLite, one process, 2 cores)")
    with (
        tempfile.TemporaryDirectory() as folder,
        running_server(Path(folder), dataset, extra) as server,
    ):
        asyncio.run(enrolment_day(server, count))
    REPORT.write()


if __name__ == "__main__":
    main()
