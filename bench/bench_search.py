"""Offline search latency on the example data: p50/p95 over a few hundred typed queries.

Each query is a prefix of a word from the data, as a person types it, run once without
and once with a Kommune filter, on a real SQLite file.
Run: python3 scripts/dev.py bench   (or .venv/bin/python bench/bench_search.py)
"""

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.store import content  # noqa: E402
from app.store.database import Store, open_store  # noqa: E402
from app.store.search import search  # noqa: E402
from wegweiser.dataset import load_dataset  # noqa: E402

WORDS = [
    "Jobcenter",
    "Ärztin",
    "Aerztin",
    "Tafel",
    "Kleiderkammer",
    "Integrationskurs",
    "Kita",
    "Ausländerbehörde",
    "Auslaenderbehoerde",
    "Wohnung",
    "Notruf",
    "Sprachcafé",
    "Schule",
    "Migrationsberatung",
    "Bürgergeld",
    "Führerschein",
    "Anmeldung",
    "Quedlinburg",
    "Hausaufgabenhilfe",
    "Fahrrad",
    "Schwangerschaft",
    "Kindergeld",
    "Bibliothek",
    "Deutsch",
    "Bus",
    "Wohngeld",
    "Psychosoziale",
    "Anerkennung",
    "Nähcafé",
    "Einbürgerung",
]
KOMMUNEN = ["halberstadt", "wernigerode", "quedlinburg", "ditfurt", "huy", "thale"]


def main() -> None:
    rng = random.Random(7)
    queries = []
    for word in WORDS:
        for length in range(2, len(word) + 1, 2):
            queries.append(word[:length])
    queries += [f"{a} {b[:3]}" for a, b in zip(WORDS, reversed(WORDS), strict=True)]
    rng.shuffle(queries)

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.sqlite")
        load_started = time.perf_counter()
        records = content.import_dataset(
            store, load_dataset(ROOT / "assets/demo/landkreis-harz.json")
        )
        load_ms = (time.perf_counter() - load_started) * 1000
        timings: list[float] = []
        hits = 0
        with store.session() as session:
            connection = Store.raw(session)
            for i, query in enumerate(queries):
                for scope in (None, content.kommune_scope(session, KOMMUNEN[i % len(KOMMUNEN)])):
                    started = time.perf_counter()
                    hits += len(search(connection, query, kommunen=scope).hits)
                    timings.append((time.perf_counter() - started) * 1000)
        store.close()

    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"search on example data ({records} records, loaded in {load_ms:.0f} ms)")
    print(
        f"  {len(timings)} queries, {hits} hits: p50 {p50:.2f} ms, p95 {p95:.2f} ms, "
        f"max {timings[-1]:.2f} ms"
    )


if __name__ == "__main__":
    main()
