"""Search quality on the labelled query set (`bench/search_queries.py`): hit@1, hit@5,
MRR and the zero-result rate per kind of query, on the example data, as a guide in
Halberstadt searches (her Kommune's records and the district-wide ones).

Run: python3 scripts/dev.py bench   (or .venv/bin/python bench/bench_search_quality.py)
Works against older versions of the search too (their `search` returned a plain list),
which is how the "before" figures in docs/benchmarks.md were taken.
"""

import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.store import content  # noqa: E402
from app.store.database import Store, open_store  # noqa: E402
from bench.search_queries import QUERIES  # noqa: E402
from wegweiser.dataset import load_dataset  # noqa: E402
from wegweiser.search.engine import search  # noqa: E402

KOMMUNE = "halberstadt"


def rank_of(titles: list[str], expected: list[str]) -> int | None:
    """1-based rank of the first expected record, or None."""
    for rank, title in enumerate(titles, start=1):
        if any(title.startswith(prefix) for prefix in expected):
            return rank
    return None


def main() -> None:
    for use_fts5 in (True, False):
        measure(use_fts5)


def measure(use_fts5: bool) -> None:
    """Rank every labelled query with one kind of index and print the figures."""
    ranks: dict[str, list[int | None]] = defaultdict(list)
    misses: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.sqlite", use_fts5=use_fts5)
        content.import_dataset(store, load_dataset(ROOT / "assets/demo/landkreis-harz.json"))
        with store.session() as session:
            scope = content.kommune_scope(session, KOMMUNE)
            connection = Store.raw(session)
            for kind, query, expected in QUERIES:
                found = search(connection, query, kommunen=scope, limit=50)
                hits = getattr(found, "hits", found)
                rank = rank_of([hit.title for hit in hits], expected)
                ranks[kind].append(rank)
                ranks["all"].append(rank)
                if rank is None or rank > 5:
                    misses.append(f"{kind:10} {query!r}: {rank or 'nicht gefunden'}")
        store.close()

    index = "FTS5" if use_fts5 else "plain tables (SQLite without FTS5)"
    print(f"search quality, {len(QUERIES)} labelled queries, Kommune {KOMMUNE}, {index}")
    print(f"{'kind':10} {'n':>4} {'hit@1':>6} {'hit@5':>6} {'MRR':>6} {'zero':>6}")
    for kind in sorted(ranks, key=lambda k: (k == "all", k)):
        found = ranks[kind]
        n = len(found)
        hit1 = sum(1 for r in found if r == 1) / n
        hit5 = sum(1 for r in found if r is not None and r <= 5) / n
        mrr = sum(1 / r for r in found if r is not None) / n
        zero = sum(1 for r in found if r is None) / n
        print(f"{kind:10} {n:4d} {hit1:6.2f} {hit5:6.2f} {mrr:6.2f} {zero:6.1%}")
    if misses:
        print("not in the top 5:")
        for miss in misses:
            print("  " + miss)


if __name__ == "__main__":
    main()
