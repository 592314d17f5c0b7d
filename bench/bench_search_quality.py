"""Search quality on the labelled query set (`bench/search_queries.py`): hit@1, hit@5,
MRR and the zero-result rate per kind of query, on the example data, as a guide in
Halberstadt searches (her Kommune's records and the district-wide ones).

The same queries go to MiniSearch 7 (npm, installed by this benchmark into build/; the
configuration issue 27 names as its best: every word OR-ed, fuzzy 0.2, prefix, title
boosted twice) over the same records with the same text as the Wegweiser's index
(`wegweiser.search.index.entry_for`). Side by side per kind: the difference of the MRRs
with a 95 % interval from a paired bootstrap over the queries.

Run: python3 scripts/dev.py bench   (or .venv/bin/python bench/bench_search_quality.py)
Works against older versions of the search too (their `search` returned a plain list),
which is how the "before" figures in docs/benchmarks.md were taken.
"""

import json
import os
import random
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.store import content  # noqa: E402
from app.store.database import Store, open_store  # noqa: E402
from bench import npm_packages  # noqa: E402
from bench.report import Report  # noqa: E402
from bench.search_queries import QUERIES  # noqa: E402
from wegweiser.dataset import Dataset, load_dataset  # noqa: E402
from wegweiser.search.engine import search  # noqa: E402
from wegweiser.search.index import entry_for  # noqa: E402

KOMMUNE = "halberstadt"
REPORT = Report("bench_search_quality")
Ranks = list[int | None]
"""The 1-based rank of each query's expected record (None: not among the first 50), in
the order of `QUERIES`."""


def rank_of(titles: list[str], expected: list[str]) -> int | None:
    """1-based rank of the first expected record, or None."""
    for rank, title in enumerate(titles, start=1):
        if any(title.startswith(prefix) for prefix in expected):
            return rank
    return None


def main() -> None:
    dataset = load_dataset(ROOT / "assets/demo/landkreis-harz.json")
    ours, scope = measure(dataset, use_fts5=True)
    table(ours, f"the Wegweiser, FTS5, Kommune {KOMMUNE}")
    table(measure(dataset, use_fts5=False)[0], "the Wegweiser, plain tables (no FTS5)")
    theirs = minisearch(dataset, scope)
    table(theirs, "MiniSearch 7.2.0 (OR, fuzzy 0.2, prefix, title x2), same records")
    side_by_side(ours, theirs)
    REPORT.write()


def measure(dataset: Dataset, use_fts5: bool) -> tuple[Ranks, list[str]]:
    """Every labelled query's rank with one kind of index, and the Kommune keys searched."""
    ranks: Ranks = []
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.sqlite", use_fts5=use_fts5)
        content.import_dataset(store, dataset)
        with store.session() as session:
            scope = content.kommune_scope(session, KOMMUNE)
            connection = Store.raw(session)
            for _kind, query, expected in QUERIES:
                found = search(connection, query, kommunen=scope, limit=50)
                ranks.append(rank_of([hit.title for hit in found.hits], expected))
        store.close()
    return ranks, scope


def minisearch(dataset: Dataset, scope: list[str]) -> Ranks:
    """The ranks MiniSearch gives, over the records a guide in the Kommune searches."""
    documents = []
    for record in dataset.records():
        entry = entry_for(record)
        if entry is None or (entry.kommunen and not set(entry.kommunen) & set(scope)):
            continue
        text = f"{entry.subtitle} {entry.body}"
        documents.append({"id": entry.record_id, "title": entry.title, "text": text})
    titles = {document["id"]: document["title"] for document in documents}
    folder = npm_packages.install("minisearch", "minisearch")
    asked = {"documents": documents, "queries": [query for _, query, _ in QUERIES]}
    answer = subprocess.run(
        ["node", str(ROOT / "bench" / "minisearch" / "rank.js")],
        input=json.dumps(asked),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NODE_PATH": str(folder / "node_modules")},
        cwd=folder,
    )
    ranked: list[list[str]] = json.loads(answer.stdout)
    return [
        rank_of([titles[i] for i in ids], expected)
        for ids, (_, _, expected) in zip(ranked, QUERIES, strict=True)
    ]


def by_kind(ranks: Ranks) -> dict[str, Ranks]:
    kinds: dict[str, Ranks] = defaultdict(list)
    for rank, (kind, _, _) in zip(ranks, QUERIES, strict=True):
        kinds[kind].append(rank)
        kinds["all"].append(rank)
    return dict(sorted(kinds.items(), key=lambda item: (item[0] == "all", item[0])))


def reciprocal(ranks: Ranks) -> list[float]:
    return [1 / r if r is not None else 0.0 for r in ranks]


def table(ranks: Ranks, title: str) -> None:
    REPORT.line(f"{title}, {len(QUERIES)} labelled queries")
    REPORT.line(f"  {'kind':10} {'n':>4} {'hit@1':>6} {'hit@5':>6} {'MRR':>6} {'zero':>6}")
    for kind, found in by_kind(ranks).items():
        n = len(found)
        hit1 = sum(1 for r in found if r == 1) / n
        hit5 = sum(1 for r in found if r is not None and r <= 5) / n
        mrr = sum(reciprocal(found)) / n
        zero = sum(1 for r in found if r is None) / n
        REPORT.line(f"  {kind:10} {n:4d} {hit1:6.2f} {hit5:6.2f} {mrr:6.2f} {zero:6.1%}")


def side_by_side(ours: Ranks, theirs: Ranks) -> None:
    """MRR of both per kind, the difference and its paired-bootstrap 95 % interval."""
    REPORT.line("the Wegweiser (FTS5) against MiniSearch: MRR, difference [95 % interval]")
    mine, other = by_kind(ours), by_kind(theirs)
    for kind in mine:
        a, b = reciprocal(mine[kind]), reciprocal(other[kind])
        low, high = paired_interval(a, b)
        difference = (sum(a) - sum(b)) / len(a)
        REPORT.line(
            f"  {kind:10} {sum(a) / len(a):5.2f} {sum(b) / len(b):5.2f} "
            f"{difference:+6.2f} [{low:+.2f}, {high:+.2f}]"
        )


def paired_interval(a: list[float], b: list[float], rounds: int = 4000) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of the mean difference a − b over queries drawn
    with replacement (the same queries for both engines in each draw)."""
    rng = random.Random(27)
    n = len(a)
    means = sorted(
        sum(a[i] - b[i] for i in (rng.randrange(n) for _ in range(n))) / n for _ in range(rounds)
    )
    return means[int(rounds * 0.025)], means[int(rounds * 0.975) - 1]


if __name__ == "__main__":
    main()
