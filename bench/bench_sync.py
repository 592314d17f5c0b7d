"""Sync cost, against the real server in a process of its own on 127.0.0.1.

The tablet: a first sync of 2,000 contact points (wall time, the app's CPU, bytes) next
to downloading and loading the same records as one JSON file, and "nothing new" syncs.
Prints its figures and writes them to `docs/benchmarks.md` (`bench/report.py`); the
server under many devices is `bench/bench_load.py`.
Run: python3 scripts/dev.py bench   (or .venv/bin/python bench/bench_sync.py)
"""

import gzip
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.store import content  # noqa: E402
from app.store.database import open_store  # noqa: E402
from app.sync import enrolment as device_enrolment  # noqa: E402
from app.sync.client import SyncClient  # noqa: E402
from app.sync.engine import SyncEngine  # noqa: E402
from bench.report import Report  # noqa: E402
from bench.servers import contact_points, running_server  # noqa: E402
from wegweiser.dataset import load_dataset  # noqa: E402
from wegweiser.protocol import Role  # noqa: E402

CONTACT_POINTS = 2_000
KOMMUNE = "halberstadt"
REPORT = Report("bench_sync")


def tablet_figures(folder: Path) -> None:
    dataset = load_dataset(ROOT / "assets/demo/landkreis-harz.json")
    extra = contact_points(dataset, CONTACT_POINTS, KOMMUNE)
    with running_server(folder / "server", dataset, extra) as server:
        store = open_store(folder / "tablet" / "wegweiser.sqlite")
        code = server.enrolment_code(Role.LOTSE, "Bench")
        device_enrolment.enrol(store, server.url, code, "Tablet", [KOMMUNE])
        clients: list[SyncClient] = []

        def client(url: str, token: str | None) -> SyncClient:
            made = SyncClient(url, token)
            clients.append(made)
            return made

        engine = SyncEngine(store, client, page_size=200)
        records = 0

        def progress(count: int, _bytes: int) -> None:
            nonlocal records
            records = count

        engine.on_progress = progress
        wall, cpu = time.perf_counter(), time.process_time()
        engine.sync()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        received = clients[0].bytes_received
        REPORT.line(
            f"first sync, {KOMMUNE} with {CONTACT_POINTS} extra contact points: {records} "
            f"records, {wall:.2f} s, app CPU {cpu:.2f} s, {received / 1000:.0f} kB received"
        )

        nothing: list[float] = []
        nothing_cpu: list[float] = []
        for _ in range(50):
            wall, cpu = time.perf_counter(), time.process_time()
            engine.sync()
            nothing.append((time.perf_counter() - wall) * 1000)
            nothing_cpu.append((time.process_time() - cpu) * 1000)
        nothing.sort()
        REPORT.line(
            f"nothing new, 50 syncs: p50 {statistics.median(nothing):.1f} ms, "
            f"p95 {nothing[int(len(nothing) * 0.95) - 1]:.1f} ms, "
            f"app CPU p50 {statistics.median(nothing_cpu):.1f} ms"
        )
        engine.close()
        store.close()

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
