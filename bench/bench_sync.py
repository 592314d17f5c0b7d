"""Sync cost, against the real server in a process of its own on 127.0.0.1, and PouchDB 9
with pouchdb-server on the same records beside it.

The tablet: a first sync of 2,132 records (the example's Halberstadt with 2,000 contact
points more) and then one changed record, in several rounds, each a new device with an
empty store; wall time, the app's CPU, and what crossed the wire (both ways, headers
included, counted by a proxy in front of either server). The server makes every page
anew (no first-sync pages kept), as for the first device of a Kommune. Besides:
"nothing new" syncs, first syncs taken in turn with the cycle collector held off while
a page is written (as the app does) and left running, and the same records as one JSON
file.
Prints its figures and writes them to `docs/benchmarks.md` (`bench/report.py`); the
server under many devices is `bench/bench_load.py`.
Run: python3 scripts/dev.py bench   (or .venv/bin/python bench/bench_sync.py)
"""

import contextlib
import gzip
import json
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlmodel import select  # noqa: E402

from app.store import content  # noqa: E402
from app.store.database import Store, open_store  # noqa: E402
from app.sync import apply  # noqa: E402
from app.sync import enrolment as device_enrolment  # noqa: E402
from app.sync.client import SyncClient  # noqa: E402
from app.sync.engine import SyncEngine  # noqa: E402
from bench.pouchdb_peer import CountingProxy, Replicator, change_one, pouchdb_server  # noqa: E402
from bench.report import Report  # noqa: E402
from bench.servers import Running, contact_points, running_server  # noqa: E402
from wegweiser.dataset import load_dataset  # noqa: E402
from wegweiser.kinds import ENTITY_BY_NAME  # noqa: E402
from wegweiser.model import ContactPoint  # noqa: E402
from wegweiser.protocol import Mutation, Role  # noqa: E402

CONTACT_POINTS = 2_000
KOMMUNE = "halberstadt"
ROUNDS = 5
COLLECTOR_ROUNDS = 12
REPORT = Report("bench_sync")


@dataclass
class Round:
    wall: float
    cpu: float
    sent: int
    received: int
    requests: int


def _median(rounds: list[Round]) -> Round:
    return Round(
        *(statistics.median(getattr(r, name) for r in rounds) for name in Round.__annotations__)
    )


def _line(name: str, what: str, figures: Round) -> str:
    return (
        f"{name:9} {what}: {figures.wall * 1000:4.0f} ms, client CPU {figures.cpu * 1000:4.0f} "
        f"ms, {figures.received / 1000:5.1f} kB received, {figures.sent / 1000:4.1f} kB sent, "
        f"{figures.requests:3.0f} requests"
    )


def _timed(proxy: CountingProxy, run: Any) -> Round:
    proxy.counted()
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return Round(wall, cpu, *proxy.counted())


def wegweiser_rounds(
    folder: Path, server: Running, proxy: CountingProxy
) -> tuple[list[Round], list[Round], Store]:
    """First syncs and one change each, a new tablet a round; returns the last store."""
    code = server.enrolment_code(Role.KOORDINATION, "Büro")
    office = SyncClient(server.url, SyncClient(server.url).enrol(code, "Büro").token)
    firsts, changes = [], []
    for number in range(ROUNDS):
        store = open_store(folder / f"tablet-{number}" / "wegweiser.sqlite")
        code = server.enrolment_code(Role.LOTSE, f"Tablet {number}")
        device_enrolment.enrol(store, proxy.url, code, "Tablet", [KOMMUNE])
        engine = SyncEngine(store, SyncClient)
        firsts.append(_timed(proxy, engine.sync))
        with store.session() as session:
            contact = session.exec(select(ContactPoint).limit(1)).one()
        office.push(
            [
                Mutation(
                    id=str(uuid.uuid4()),
                    entity="contact_point",
                    record_id=contact.id,
                    base_version=contact.version,
                    fields={"costs": f"kostenlos ({number})"},
                )
            ]
        )
        changes.append(_timed(proxy, engine.sync))
        engine.close()
        if number < ROUNDS - 1:
            store.close()
    return firsts, changes, store


@contextlib.contextmanager
def _collector_running() -> Iterator[None]:
    """The cycle collector left running while a page is written (the comparison's other
    half)."""
    yield


def collector_rounds(folder: Path, server: Running) -> tuple[list[float], list[float]]:
    """First syncs' client CPU in ms, in turn with the cycle collector held off while a
    page is written (as the app does, `app/sync/apply.py`) and left running."""
    held_off: list[float] = []
    running: list[float] = []
    paused = apply._collector_paused
    try:
        for number in range(2 * COLLECTOR_ROUNDS):
            apply._collector_paused = paused if number % 2 else _collector_running
            store = open_store(folder / f"collector-{number}" / "wegweiser.sqlite")
            code = server.enrolment_code(Role.LOTSE, f"Tablet {number}")
            device_enrolment.enrol(store, server.url, code, "Tablet", [KOMMUNE])
            engine = SyncEngine(store, SyncClient)
            cpu = time.process_time()
            engine.sync()
            (held_off if number % 2 else running).append((time.process_time() - cpu) * 1000)
            engine.close()
            store.close()
    finally:
        apply._collector_paused = paused
    return held_off, running


def pouchdb_rounds(folder: Path, docs: list[dict[str, Any]]) -> tuple[list[Round], list[Round]]:
    """The same records in pouchdb-server; PouchDB clients replicate them as tablets."""
    firsts, changes = [], []
    with pouchdb_server(folder / "pouchdb-server", docs) as url:
        upstream = int(url.split(":")[2].split("/")[0])
        proxy = CountingProxy(upstream)
        through = url.replace(f":{upstream}/", f":{proxy.port}/")
        contact = next(doc for doc in docs if doc["entity"] == "contact_point")
        for number in range(ROUNDS):
            proxy.counted()
            client = Replicator(through, folder / f"pouchdb-{number}")
            first = client.result()
            firsts.append(_pouch_round(first, proxy))
            change_one(url, contact["_id"], {"costs": f"kostenlos ({number})"})
            proxy.counted()
            changes.append(_pouch_round(client.again(), proxy))
            client.close()
            assert first["docs"] == len(docs), first
        proxy.close()
    return firsts, changes


def _pouch_round(result: dict[str, float], proxy: CountingProxy) -> Round:
    return Round(result["wall_ms"] / 1000, result["cpu_ms"] / 1000, *proxy.counted())


def tablet_figures(folder: Path) -> None:
    dataset = load_dataset(ROOT / "assets/demo/landkreis-harz.json")
    extra = contact_points(dataset, CONTACT_POINTS, KOMMUNE)
    with running_server(folder / "server", dataset, extra, first_sync_cache_mb=0) as server:
        proxy = CountingProxy(int(server.url.rsplit(":", 1)[1]))
        firsts, changes, store = wegweiser_rounds(folder, server, proxy)
        engine = SyncEngine(store, SyncClient)
        nothing: list[float] = []
        nothing_cpu: list[float] = []
        for _ in range(50):
            wall, cpu = time.perf_counter(), time.process_time()
            engine.sync()
            nothing.append((time.perf_counter() - wall) * 1000)
            nothing_cpu.append((time.process_time() - cpu) * 1000)
        engine.close()
        proxy.close()
        held_off, running = collector_rounds(folder, server)
    with store.session() as session:
        records = [r for cls in ENTITY_BY_NAME.values() for r in session.exec(select(cls))]
    store.close()
    docs = [{"_id": r.id, "entity": r.entity, **r.model_dump(mode="json")} for r in records]
    pouch_firsts, pouch_changes = pouchdb_rounds(folder, docs)

    first, pouch_first = _median(firsts), _median(pouch_firsts)
    REPORT.line(
        f"{len(records)} records ({KOMMUNE} with {CONTACT_POINTS} extra contact points), "
        f"medians of {ROUNDS} rounds, each a new device:"
    )
    REPORT.line(_line("Wegweiser", "first sync", first))
    REPORT.line(_line("PouchDB", "first sync", pouch_first))
    REPORT.line(_line("Wegweiser", "one change", _median(changes)))
    REPORT.line(_line("PouchDB", "one change", _median(pouch_changes)))
    REPORT.line(
        f"first sync, Wegweiser to PouchDB: wall {first.wall / pouch_first.wall:.2f}, client "
        f"CPU {first.cpu / pouch_first.cpu:.2f}, bytes "
        f"{(first.sent + first.received) / (pouch_first.sent + pouch_first.received):.2f}; "
        f"rounds' walls {', '.join(f'{r.wall:.2f}' for r in firsts)} s"
    )
    nothing.sort()
    REPORT.line(
        f"nothing new, 50 syncs: p50 {statistics.median(nothing):.1f} ms, "
        f"p95 {nothing[int(len(nothing) * 0.95) - 1]:.1f} ms, "
        f"app CPU p50 {statistics.median(nothing_cpu):.1f} ms"
    )

    REPORT.line(
        f"first sync, client CPU with the collector held off during each page / running: "
        f"medians {statistics.median(held_off):.0f} / {statistics.median(running):.0f} ms "
        f"({len(held_off)} rounds each, taken in turn)"
    )

    # The alternative: the whole dataset as one JSON file, downloaded and loaded.
    whole = {"records": [r.model_dump(mode="json") for r in [*dataset.records(), *extra]]}
    raw = json.dumps(whole, ensure_ascii=False).encode()
    packed = gzip.compress(raw)
    wall, cpu = time.perf_counter(), time.process_time()
    json.loads(gzip.decompress(packed))
    other = open_store(folder / "json" / "wegweiser.sqlite")
    with other.session() as session:
        content.write_records(session, [*dataset.records(), *extra])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    other.close()
    REPORT.line(
        f"whole JSON instead: {len(packed) / 1000:.0f} kB gzip ({len(raw) / 1000:.0f} kB "
        f"raw) for every update; unpacking and loading it {wall:.2f} s, CPU {cpu:.2f} s"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tablet_figures(Path(folder))
    REPORT.write()


if __name__ == "__main__":
    main()
