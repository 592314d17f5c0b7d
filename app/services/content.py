"""Reading the Wegweiser for the views: Kommunen, topics, grouped search results."""

from dataclasses import dataclass, field
from pathlib import Path

from app.store import content, search
from app.store.database import Store
from wegweiser.dataset import DatasetMeta, load_dataset
from wegweiser.model import ContactPoint, InfoSheet, Kommune, NetworkPartner, Offer, Topic

DEMO_DATASET = Path(__file__).resolve().parents[2] / "assets" / "demo" / "landkreis-harz.json"

# The order in which result groups are shown: what a guide needs most comes first.
KIND_ORDER = (ContactPoint.entity, InfoSheet.entity, Offer.entity, NetworkPartner.entity)


@dataclass
class SearchResults:
    """Hits of one query, grouped by kind in display order."""

    query: str
    groups: dict[str, list[search.SearchHit]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(len(hits) for hits in self.groups.values())


class ContentService:
    """The app's read access to its local copy of the Wegweiser."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def ensure_content(self, dataset_path: Path = DEMO_DATASET) -> None:
        """Until the first sync (sync client issue), start from the bundled example data."""
        with self.store.session() as session:
            if content.dataset_meta(session) is not None:
                return
        content.import_dataset(self.store, load_dataset(dataset_path))

    def dataset_meta(self) -> DatasetMeta | None:
        with self.store.session() as session:
            return content.dataset_meta(session)

    def kommunen(self) -> list[Kommune]:
        with self.store.session() as session:
            return content.kommunen(session)

    def topics(self) -> list[Topic]:
        with self.store.session() as session:
            return content.topics(session)

    def search(self, query: str, kommune_key: str | None, limit: int = 60) -> SearchResults:
        """Search everything; a Kommune narrows to it, its Verbandsgemeinde and the district."""
        with self.store.session() as session:
            scope = content.kommune_scope(session, kommune_key) if kommune_key else None
            hits = search.search(Store.raw(session), query, kommunen=scope, limit=limit)
        results = SearchResults(query)
        for kind in KIND_ORDER:
            group = [hit for hit in hits if hit.kind == kind]
            if group:
                results.groups[kind] = group
        return results
