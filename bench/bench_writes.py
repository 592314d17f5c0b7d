"""Writes side by side (issue 29): pushes a second with one and with two server
processes, on PostgreSQL and on SQLite, on 2 cores.

Guides of different accounts each edit a private note of their own, one push after the
other, for a few seconds (the per-device rate limit lifted); and guides reporting
changes to contact points of one Kommune (each report a new record in the same scope).
On PostgreSQL, pushes of different accounts take no common lock (`sync_server.
change_order`); on SQLite there is one writer by design. Real `serve` processes, the
devices simulated with asyncio in this process (the lean client of `bench/lean_http.py`),
which shares the two cores with the servers and PostgreSQL (so every figure includes the
load generator's CPU).

Run: .venv/bin/python bench/bench_writes.py [--rounds N]
"""

import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.devices import KOMMUNE, Device, Tally, connected, post  # noqa: E402
from bench.report import Report  # noqa: E402
from bench.servers import Running, running_server  # noqa: E402
from wegweiser.dataset import load_dataset  # noqa: E402
from wegweiser.protocol import Role  # noqa: E402

REPORT = Report("bench_writes")
DEVICES = 40
SECONDS = 5.0
UNLIMITED: dict[str, Any] = {
    "pushes_per_minute": 1_000_000,
    "reports_per_hour": 1_000_000,
    "max_pending_reports": 1_000_000,
}

Mutation = Callable[[int], dict[str, Any]]


async def enrolled(server: Running, count: int) -> list[Device]:
    codes = server.enrolment_codes(Role.LOTSE, count)
    devices = [Device(server.urls[i % len(server.urls)]) for i in range(count)]
    async with connected(devices):
        for device, code in zip(devices, codes, strict=True):
            answer = await post(device, "/enrol", {"code": code, "device_name": "Last"}, Tally())
            device.token = answer["token"]
    return devices


async def pushing(devices: list[Device], first: list[Mutation]) -> tuple[float, Tally]:
    """Every device pushes one mutation after the other for `SECONDS`; pushes a second."""
    tally = Tally()
    deadline = time.perf_counter() + SECONDS

    async def loop(device: Device, make: Mutation) -> None:
        n = 0
        while time.perf_counter() < deadline:
            n += 1
            answer = await post(device, "/sync/push", {"mutations": [make(n)]}, tally)
            status = answer.get("results", [{}])[0].get("status")
            assert status in ("applied", "reported"), answer

    began = time.perf_counter()
    async with connected(devices, lean=True):
        await asyncio.gather(*(loop(d, m) for d, m in zip(devices, first, strict=True)))
    took = time.perf_counter() - began
    return tally.statuses[200] / took, tally


def note_edits(target: str) -> Mutation:
    """A guide editing one private note of her own, again and again."""
    note = str(uuid.uuid4())

    def make(n: int) -> dict[str, Any]:
        fields = {"target_entity": "contact_point", "target_id": target, "text": f"Notiz {n}"}
        return {
            "id": str(uuid.uuid4()),
            "entity": "private_note",
            "record_id": note,
            "base_version": n - 1,
            "fields": fields if n == 1 else {"text": f"Notiz {n}"},
        }

    return make


def reports(contact: dict[str, Any]) -> Mutation:
    """A guide reporting a change to a contact point of the Kommune: a new report each time."""

    def make(n: int) -> dict[str, Any]:
        return {
            "id": str(uuid.uuid4()),
            "entity": "contact_point",
            "record_id": contact["id"],
            "base_version": contact["version"],
            "fields": {"costs": f"{n} Euro"},
        }

    return make


async def contacts(device: Device) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    async with connected([device]):
        more = True
        while more:
            body = {"cursor": device.cursor, "kommunen": [KOMMUNE], "limit": 500}
            page = await post(device, "/sync/pull", body, Tally())
            found += [
                c["data"] for c in page["changes"] if c["entity"] == "contact_point" and c["data"]
            ]
            device.cursor, more = page["next_cursor"], page["has_more"]
    return found


def run(database: str, processes: int, folder: Path, pg_url: str | None) -> dict[str, float]:
    dataset = load_dataset(ROOT / "assets/demo/landkreis-harz.json")
    rates: dict[str, float] = {}
    with running_server(folder, dataset, [], processes, pg_url, **UNLIMITED) as server:
        devices = asyncio.run(enrolled(server, DEVICES))
        points = asyncio.run(contacts(devices[0]))
        kinds = {
            "note edits (each guide her own note)": [note_edits(points[0]["id"]) for _ in devices],
            f"reports (contact points of {KOMMUNE})": [
                reports(points[i % len(points)]) for i in range(len(devices))
            ],
        }
        for label, first in kinds.items():
            cpu = server.cpu_seconds()
            rate, tally = asyncio.run(pushing(devices, first))
            cpu_each = (server.cpu_seconds() - cpu) / max(1, tally.statuses[200]) * 1000
            rates[label] = rate
            REPORT.line(
                f"    {database}, {processes} process(es), {label}, {DEVICES} devices for "
                f"{SECONDS:.0f} s: {rate:.0f} pushes/s, {tally.percentiles()}, "
                f"server CPU {cpu_each:.1f} ms a push, answers {dict(tally.statuses)}"
            )
    return rates


def main() -> None:
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 3
    from tests.support import postgres

    REPORT.line(f"pushes on 2 cores, {rounds} rounds; medians of pushes/s")
    with tempfile.TemporaryDirectory() as folder:
        cluster = postgres.start()
        try:
            for database in ("PostgreSQL", "SQLite"):
                measured: dict[int, list[dict[str, float]]] = {1: [], 2: []}
                for round_ in range(rounds):
                    for processes in (1, 2):
                        where = Path(folder) / f"{database}-{processes}-{round_}"
                        url = cluster.new_database() if database == "PostgreSQL" else None
                        measured[processes].append(run(database, processes, where, url))
                for label in measured[1][0]:
                    one = statistics.median(r[label] for r in measured[1])
                    two = statistics.median(r[label] for r in measured[2])
                    REPORT.line(
                        f"  {database}, {label}: one process {one:.0f} pushes/s, "
                        f"two {two:.0f} pushes/s: {two / one:.2f}x"
                    )
        finally:
            cluster.stop()
    REPORT.write()


if __name__ == "__main__":
    main()
