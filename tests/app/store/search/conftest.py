"""A store with each kind of search index (FTS5, and the plain table of platforms whose
SQLite lacks FTS5), with and without the example data, and `find` to search it."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store import content
from app.store.database import Store, open_store
from wegweiser.model import ContactPoint, InfoSheet, Publication
from wegweiser.search import index as search_index
from wegweiser.search.engine import SearchHit, search


@pytest.fixture(params=["fts5", "plain"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "wegweiser.sqlite", use_fts5=request.param == "fts5")
    with opened.session() as session:
        assert search_index.kind_of(Store.raw(session)) == request.param
    yield opened
    opened.close()


@pytest.fixture
def loaded(store: Store, demo_dataset) -> Store:
    content.import_dataset(store, demo_dataset)
    extra = [
        ContactPoint(
            id="00000000-0000-4000-8000-000000000001",
            name="Frauenärztin Dr. Beispiel",
            kommune_keys=["thale"],
            description="Vorsorge in der Schwangerschaft",
        ),
        InfoSheet(
            id="00000000-0000-4000-8000-000000000002",
            topic_key="gesundheit",
            title="Impfungen für Kinder",
            body="Die Kinderärztin berät zu Impfungen.",
        ),
        InfoSheet(
            id="00000000-0000-4000-8000-000000000003",
            topic_key="gesundheit",
            title="Entwurf Ärztinnen",
            body="noch nicht veröffentlicht",
            status=Publication.DRAFT,
        ),
    ]
    with store.session() as session:
        content.write_records(session, extra)
    return store


def find(store: Store, query: str, **filters) -> list[SearchHit]:
    with store.session() as session:
        return search(Store.raw(session), query, **filters).hits
