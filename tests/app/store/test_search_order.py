"""The FTS5 index and the plain-table index of platforms without FTS5 give the same
hits in the same order: on the whole labelled query set (`bench/search_queries.py`),
for single letters and for words that many titles hold, at a full page and a short one."""

from collections.abc import Iterator

import pytest

from app.store import content
from app.store.database import Store, open_store
from bench.search_queries import QUERIES
from wegweiser.dataset import Dataset
from wegweiser.search.engine import search

_KOMMUNE = "halberstadt"
_MORE = ["a", "k", "s", "Harz", "Halberstadt", "Beratung", "Landkreis", "Kinder"]


@pytest.fixture(scope="module")
def stores(
    demo_dataset: Dataset, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[Store]]:
    folder = tmp_path_factory.mktemp("order")
    opened = [
        open_store(folder / f"{kind}.sqlite", use_fts5=kind == "fts5") for kind in ("fts5", "plain")
    ]
    for store in opened:
        content.import_dataset(store, demo_dataset)
    yield opened
    for store in opened:
        store.close()


def _ranked(store: Store, query: str, limit: int, everywhere: bool) -> list[str]:
    with store.session() as session:
        scope = None if everywhere else content.kommune_scope(session, _KOMMUNE)
        found = search(Store.raw(session), query, kommunen=scope, limit=limit)
    return [hit.record_id for hit in found.hits]


@pytest.mark.parametrize(("limit", "everywhere"), [(50, False), (5, False), (5, True)])
def test_both_kinds_of_index_rank_every_query_alike(
    stores: list[Store], limit: int, everywhere: bool
) -> None:
    fts5, plain = stores
    queries = [query for _, query, _ in QUERIES] + _MORE
    differing = [
        query
        for query in queries
        if _ranked(fts5, query, limit, everywhere) != _ranked(plain, query, limit, everywhere)
    ]
    assert differing == []
