"""Offline search latency: p50/p95 over every key press of typed words, on the example
data and on a store grown to 25,000 records.

Each query is a prefix of a word from the data, as a person types it, run once without
and once with a Kommune filter, on a real SQLite file; with the FTS5 index and with the
plain-table index of platforms whose SQLite lacks FTS5.
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
from wegweiser.dataset import Dataset, load_dataset  # noqa: E402
from wegweiser.model import (  # noqa: E402
    ContactPoint,
    InfoSheet,
    Offer,
    SyncedRecord,
    new_id,
)
from wegweiser.search import index as search_index  # noqa: E402
from wegweiser.search.engine import search  # noqa: E402
from wegweiser.search.vocabulary import vocabulary_of  # noqa: E402

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


def grown(dataset: Dataset, total: int, rng: random.Random) -> list[SyncedRecord]:
    """The example data grown to `total` records: copies of its contact points, offers
    and sheets in other Kommunen, each with a made-up compound word of its own, so that
    the vocabulary grows the way a district's real texts would."""
    syllables = [
        "har",
        "zer",
        "quel",
        "lin",
        "bur",
        "gen",
        "stadt",
        "wer",
        "ni",
        "ro",
        "de",
        "ber",
        "ga",
        "tal",
        "feld",
        "hau",
        "sen",
        "mark",
        "wald",
        "dorf",
        "kamp",
    ]
    keys = [k.key for k in dataset.kommunen]
    sources: list[SyncedRecord] = [*dataset.contact_points, *dataset.offers, *dataset.sheets]
    copies: list[SyncedRecord] = []
    while len(copies) + len(list(dataset.records())) < total:
        source = rng.choice(sources)
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        copy = source.model_copy(update={"id": new_id()})
        key = rng.choice(keys)
        if isinstance(copy, ContactPoint):
            copy.name = f"{copy.name} {word.capitalize()}"
            copy.description = f"{copy.description} Im Ortsteil {word.capitalize()}."
            copy.kommune_keys = [key]
        elif isinstance(copy, Offer):
            copy.title = f"{copy.title} {word.capitalize()}"
            copy.kommune_key, copy.contact_point_id = key, None
        elif isinstance(copy, InfoSheet):
            copy.title = f"{copy.title} ({word.capitalize()})"
            copy.kommune_key, copy.translation_of = key, None
        copies.append(copy)
    return copies


def measure(store: Store, queries: list[str]) -> tuple[list[float], int]:
    """Milliseconds per query, each once without and once with a Kommune filter."""
    timings: list[float] = []
    hits = 0
    with store.session() as session:
        connection = Store.raw(session)
        for i, query in enumerate(queries):
            for scope in (None, content.kommune_scope(session, KOMMUNEN[i % len(KOMMUNEN)])):
                started = time.perf_counter()
                hits += len(search(connection, query, kommunen=scope).hits)
                timings.append((time.perf_counter() - started) * 1000)
    return sorted(timings), hits


def first_after_sync(store: Store, dataset: Dataset, read_by_sync: bool) -> float:
    """Median milliseconds of the first search after a sync wrote one record, over five
    syncs: the index's words read by that search, or already by the sync (app/sync/pull)."""
    timings = []
    for round_ in range(5):
        changed = dataset.contact_points[round_].model_copy()
        changed.version += round_ + 1
        changed.name = f"{changed.name} {round_}"
        with store.session() as session:
            content.write_records(session, [changed])
        if read_by_sync:
            with store.session() as session:
                vocabulary_of(Store.raw(session))
        with store.session() as session:
            started = time.perf_counter()
            search(Store.raw(session), "Jobcentr")
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def report(label: str, timings: list[float], hits: int) -> None:
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"  {label}: {len(timings)} queries, {hits} hits: p50 {p50:.2f} ms, "
        f"p95 {p95:.2f} ms, max {timings[-1]:.2f} ms"
    )


def main() -> None:
    rng = random.Random(7)
    typed = []
    for word in WORDS:
        for length in range(1, len(word) + 1):
            typed.append(word[:length])  # every key press, from the first letter on
    typed += [f"{a} {b[:3]}" for a, b in zip(WORDS, reversed(WORDS), strict=True)]
    rng.shuffle(typed)
    short = [q for q in typed if len(q) <= 2]
    longer = [q for q in typed if len(q) > 2]
    dataset = load_dataset(ROOT / "assets/demo/landkreis-harz.json")

    with tempfile.TemporaryDirectory() as folder:
        for use_fts5, total in ((True, 0), (True, 25_000), (False, 0), (False, 25_000)):
            index = "FTS5" if use_fts5 else "plain tables"
            path = Path(folder) / f"bench-{total}-{index}.sqlite"
            store = open_store(path, use_fts5=use_fts5)
            started = time.perf_counter()
            records = content.import_dataset(store, dataset)
            if total:
                with store.session() as session:
                    records += content.write_records(session, grown(dataset, total, rng))
            load_s = time.perf_counter() - started
            with store.session() as session:
                connection = Store.raw(session)
                terms = len(search_index.fulltext(connection).documents(connection))
            print(f"{index}: search on {records} records ({terms} words, loaded in {load_s:.1f} s)")
            report("typed, 3+ letters", *measure(store, longer))
            report("typed, 1-2 letters", *measure(store, short))
            report("all key presses", *measure(store, typed))
            before = first_after_sync(store, dataset, read_by_sync=False)
            now = first_after_sync(store, dataset, read_by_sync=True)
            print(
                f"  first search after a sync: {before:.1f} ms when it reads the index's "
                f"words, {now:.1f} ms with the words read by the sync"
            )
            store.close()


if __name__ == "__main__":
    main()
