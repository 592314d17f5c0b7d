"""The server under many devices at once, on 2 cores: real server processes on
127.0.0.1, devices simulated with asyncio in this process (which shares the two cores with
the server, as a load generator on the same machine must): httpx where devices enrol, the
lean client of `bench/lean_http.py` where the answers a second are counted.

For each of SQLite and PostgreSQL, with one and with two server processes:
- 200 and 1,000 devices enrolling and doing their first sync at once (one Kommune),
  honouring 503 + Retry-After as the app does: statuses, time until all are done;
- steady "nothing new" pulls from 200 devices for a few seconds: throughput, latency;
- "one change" pulls: 200 devices pull after one record changed;
- 20 devices pushing ten private notes each at once;
- `/health` asked every 0.2 s throughout; SIGTERM while busy: seconds until the end;
- the same enrolment day through nginx in front of two processes on PostgreSQL.
Run: python3 scripts/dev.py bench
(or .venv/bin/python bench/bench_load.py [--quick|--nginx|--two-against-one [--rounds N]
[--pinned]])
"""

import asyncio
import random
import signal
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import nginx  # noqa: E402
from bench.devices import (  # noqa: E402
    KOMMUNE,
    Device,
    Tally,
    connected,
    first_sync,
    health_watch,
    post,
)
from bench.report import Report  # noqa: E402
from bench.servers import Running, running_server  # noqa: E402
from wegweiser.dataset import load_dataset  # noqa: E402
from wegweiser.protocol import Role  # noqa: E402

REPORT = Report("bench_load")
STEADY_SECONDS = 5.0


async def enrolment_day(server: Running, count: int) -> list[Device]:
    codes = server.enrolment_codes(Role.LOTSE, count)
    devices = [Device(server.urls[i % len(server.urls)]) for i in range(count)]
    tally, health = Tally(), Tally()
    with health_watch(server.url, health):
        began, cpu_before = time.perf_counter(), server.cpu_seconds()
        async with connected(devices):
            await asyncio.gather(
                *(first_sync(d, c, tally) for d, c in zip(devices, codes, strict=True))
            )
        took = time.perf_counter() - began
        cpu_each = (server.cpu_seconds() - cpu_before) / count * 1000
    synced = sum(1 for d in devices if d.cursor)
    REPORT.line(
        f"    {count} devices enrol and sync at once: all done in {took:.1f} s "
        f"({synced}/{count} synced), server CPU {cpu_each:.0f} ms per device; answers "
        f"{dict(sorted(tally.statuses.items()))}, errors {tally.errors()}; "
        f"/health {health.percentiles()}, slowest {max(health.latencies):.0f} ms"
    )
    return devices


async def steady(devices: list[Device], seconds: float, label: str) -> float:
    tally = Tally()
    deadline = time.perf_counter() + seconds

    async def loop(device: Device) -> None:
        while time.perf_counter() < deadline:
            body = {"cursor": device.cursor, "kommunen": [KOMMUNE]}
            page = await post(device, "/sync/pull", body, tally)
            device.cursor = page.get("next_cursor", device.cursor)

    began = time.perf_counter()
    async with connected(devices, lean=True):
        await asyncio.gather(*(loop(device) for device in devices))
    took = time.perf_counter() - began
    REPORT.line(
        f"    {label}, {len(devices)} devices for {seconds:.0f} s: "
        f"{tally.statuses[200] / took:.0f} pulls/s, {tally.percentiles()}, "
        f"answers {dict(sorted(tally.statuses.items()))}"
    )
    return tally.statuses[200] / took


async def paced(devices: list[Device], rate: float, seconds: float) -> None:
    """Devices pulling at their own steady rhythm, `rate` pulls/s together: the latency
    a device sees at steady state (a closed loop only measures the queue)."""
    tally = Tally()
    period = len(devices) / rate
    deadline = time.perf_counter() + seconds

    async def rhythm(device: Device) -> None:
        await asyncio.sleep(random.uniform(0, period))
        while time.perf_counter() < deadline:
            due = time.perf_counter() + period
            body = {"cursor": device.cursor, "kommunen": [KOMMUNE]}
            page = await post(device, "/sync/pull", body, tally)
            device.cursor = page.get("next_cursor", device.cursor)
            await asyncio.sleep(max(0.0, due - time.perf_counter()))

    async with connected(devices):
        await asyncio.gather(*(rhythm(device) for device in devices))
    REPORT.line(
        f"    nothing new at steady state, {len(devices)} devices, {rate:.0f} pulls/s "
        f"together: {tally.percentiles()}, answers {dict(sorted(tally.statuses.items()))}"
    )


async def one_change(server: Running, devices: list[Device], editor: Device) -> None:
    tally = Tally()
    async with connected([*devices, editor]):
        page = await post(editor, "/sync/pull", {"kommunen": [KOMMUNE], "limit": 500}, tally)
        contact = next(c for c in page["changes"] if c["entity"] == "contact_point")
        mutation = {
            "id": str(uuid.uuid4()),
            "entity": "contact_point",
            "record_id": contact["id"],
            "base_version": contact["version"],
            "fields": {"costs": f"kostenlos {uuid.uuid4().hex[:4]}"},
        }
        await post(editor, "/sync/push", {"mutations": [mutation]}, tally)
        pulls = Tally()

        async def pull(device: Device) -> int:
            body = {"cursor": device.cursor, "kommunen": [KOMMUNE]}
            page = await post(device, "/sync/pull", body, pulls)
            device.cursor = page.get("next_cursor", device.cursor)
            return len(page.get("changes", []))

        received = await asyncio.gather(*(pull(device) for device in devices))
    REPORT.line(
        f"    one change, {len(devices)} devices pull it at once: each got "
        f"{statistics.median(received):.0f} record, {pulls.percentiles()}, "
        f"answers {dict(sorted(pulls.statuses.items()))}"
    )


async def pushers(server: Running, count: int) -> None:
    codes = server.enrolment_codes(Role.LOTSE, count)
    devices = [Device(server.urls[i % len(server.urls)]) for i in range(count)]
    tally = Tally()
    async with connected(devices):
        await asyncio.gather(
            *(first_sync(d, c, Tally()) for d, c in zip(devices, codes, strict=True))
        )
        page = await post(devices[0], "/sync/pull", {"kommunen": [KOMMUNE]}, Tally())
        target = next(c for c in page["changes"] if c["entity"] == "contact_point")["id"]

        async def push(device: Device) -> None:
            notes = [
                {
                    "id": str(uuid.uuid4()),
                    "entity": "private_note",
                    "record_id": str(uuid.uuid4()),
                    "base_version": 0,
                    "fields": {
                        "target_entity": "contact_point",
                        "target_id": target,
                        "text": "Notiz",
                    },
                }
                for _ in range(10)
            ]
            await post(device, "/sync/push", {"mutations": notes}, tally)

        began = time.perf_counter()
        await asyncio.gather(*(push(device) for device in devices))
        took = time.perf_counter() - began
    REPORT.line(
        f"    {count} devices push 10 notes each at once: done in {took:.2f} s, "
        f"{tally.percentiles()}, answers {dict(sorted(tally.statuses.items()))}"
    )


def sigterm_while_busy(server: Running, devices: list[Device]) -> None:
    """SIGTERM to every server process during steady pulls; seconds until all ended."""

    async def busy_then_stop() -> float:
        load = asyncio.create_task(steady(devices, 6.0, "    (load while stopping)"))
        await asyncio.sleep(2.0)
        began = time.perf_counter()
        for child in server.processes:
            child.send_signal(signal.SIGTERM)
        while any(child.poll() is None for child in server.processes):
            await asyncio.sleep(0.05)
            if time.perf_counter() - began > 30:
                break
        took = time.perf_counter() - began
        load.cancel()
        return took

    took = asyncio.run(busy_then_stop())
    REPORT.line(f"    SIGTERM while busy: every server process ended after {took:.1f} s")


def run(database: str, processes: int, sizes: list[int], folder: Path, pg_url: str | None) -> None:
    dataset = load_dataset(ROOT / "assets/demo/landkreis-harz.json")
    REPORT.line(f"  {database}, {processes} server process(es):")
    with running_server(folder, dataset, [], processes, pg_url) as server:
        devices: list[Device] = []
        for size in sizes:
            devices = asyncio.run(enrolment_day(server, size))
        steady_devices = devices[:200]
        asyncio.run(steady(steady_devices, STEADY_SECONDS, "nothing new, as fast as possible"))
        asyncio.run(paced(steady_devices, 150, STEADY_SECONDS))
        [editor_code] = server.enrolment_codes(Role.KOORDINATION, 1)
        editor = Device(server.url)

        async def enrol_editor() -> None:
            async with connected([editor]):
                await first_sync(editor, editor_code, Tally())

        asyncio.run(enrol_editor())
        asyncio.run(one_change(server, steady_devices, editor))
        asyncio.run(pushers(server, 20))
        sigterm_while_busy(server, steady_devices)


def behind_nginx(sizes: list[int], folder: Path, pg_url: str) -> None:
    """Two processes on PostgreSQL behind nginx, as docs/deployment.md runs them: every
    device talks to nginx only."""
    dataset = load_dataset(ROOT / "assets/demo/landkreis-harz.json")
    REPORT.line("  PostgreSQL, 2 server processes behind nginx:")
    with (
        running_server(folder, dataset, [], 2, pg_url) as server,
        nginx.in_front_of(server.urls) as front,
    ):
        fronted = Running([front], server.engine, server.processes)
        devices: list[Device] = []
        for size in sizes:
            devices = asyncio.run(enrolment_day(fronted, size))
        asyncio.run(steady(devices[:200], STEADY_SECONDS, "nothing new, as fast as possible"))


def two_against_one(folder: Path, rounds: int, pinned: bool) -> None:
    """Nothing-new pulls a second with one and with two server processes (issue 29),
    `rounds` rounds each, one after the other; medians. `pinned`: each process on a core
    of its own (`running_server`)."""
    from tests.support import postgres

    dataset = load_dataset(ROOT / "assets/demo/landkreis-harz.json")
    cluster = postgres.start()
    try:
        for database in ("SQLite", "PostgreSQL"):
            rates: dict[int, list[float]] = {1: [], 2: []}
            for round_ in range(rounds):
                for processes in (1, 2):
                    url = cluster.new_database() if database == "PostgreSQL" else None
                    where = folder / f"{database}-{processes}-{round_}"
                    with running_server(
                        where, dataset, [], processes, url, pinned=pinned
                    ) as server:
                        devices = asyncio.run(enrolment_day(server, 200))
                        label = f"{database}, {processes} process(es), nothing new"
                        rates[processes].append(asyncio.run(steady(devices, STEADY_SECONDS, label)))
            one, two = statistics.median(rates[1]), statistics.median(rates[2])
            each = ", ".join(f"{b / a:.2f}x" for a, b in zip(rates[1], rates[2], strict=True))
            REPORT.line(
                f"  {database}{', pinned' if pinned else ''}: nothing new, one process "
                f"{one:.0f} pulls/s, two {two:.0f} pulls/s: {two / one:.2f}x (medians of "
                f"{rounds}; rounds {each})"
            )
    finally:
        cluster.stop()


def main() -> None:
    if "--two-against-one" in sys.argv:  # that part alone, not written down
        rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 3
        with tempfile.TemporaryDirectory() as folder:
            two_against_one(Path(folder), rounds, pinned="--pinned" in sys.argv)
        return
    quick = "--quick" in sys.argv
    sizes = [200] if quick else [200, 1000]
    from tests.support import postgres

    with tempfile.TemporaryDirectory() as folder:
        REPORT.line("load on 2 cores (devices simulated in this process)")
        if "--nginx" in sys.argv:  # that part alone, not written down
            cluster = postgres.start()
            try:
                behind_nginx([1000], Path(folder) / "pg-nginx", cluster.new_database())
            finally:
                cluster.stop()
            return
        run("SQLite", 1, sizes, Path(folder) / "sqlite-1", None)
        if quick:
            return  # a quick look is not written down
        run("SQLite", 2, sizes, Path(folder) / "sqlite-2", None)
        cluster = postgres.start()
        try:
            run("PostgreSQL", 1, sizes, Path(folder) / "pg-1", cluster.new_database())
            run("PostgreSQL", 2, sizes, Path(folder) / "pg-2", cluster.new_database())
            behind_nginx(sizes, Path(folder) / "pg-nginx", cluster.new_database())
        finally:
            cluster.stop()
    REPORT.write()


if __name__ == "__main__":
    main()
