"""Reading the Wegweiser for the views: Kommunen, topics, grouped search results."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from sqlmodel import col, select

from app.store import content
from app.store.database import Store
from wegweiser.dataset import DatasetMeta, load_dataset
from wegweiser.holidays import is_public_holiday
from wegweiser.kinds import kind_of
from wegweiser.model import (
    ContactPoint,
    InfoSheet,
    Kommune,
    NetworkPartner,
    Offer,
    Region,
    SyncedRecord,
    Topic,
    kommunen_of,
    staff_only,
)
from wegweiser.search.results import SearchResults, search_results

DEMO_DATASET = Path(__file__).resolve().parents[2] / "assets" / "demo" / "landkreis-harz.json"


@dataclass(frozen=True)
class Coordination:
    """The coordination office as a guide reaches it."""

    name: str
    phone: str | None
    email: str


@dataclass
class TopicEntries:
    """What a topic holds for one Kommune (and the district)."""

    topic: Topic
    sheets: list[InfoSheet]
    contact_points: list[ContactPoint]
    offers: list[Offer]


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

    def coordination(self) -> "Coordination":
        """Whom a guide calls: the region's coordination office (empty before any data)."""
        with self.store.session() as session:
            region = session.exec(select(Region).where(col(Region.deleted).is_(False))).first()
        if region is None:
            return Coordination("", None, "")
        return Coordination(
            region.coordination_name, region.coordination_phone, region.coordination_email
        )

    def holidays(self) -> Callable[[date], bool]:
        """Whether a day is a public holiday in the region's state ("PH off" in opening
        hours): Saxony-Anhalt's until a region arrived."""
        with self.store.session() as session:
            region = session.exec(select(Region).where(col(Region.deleted).is_(False))).first()
        state = region.state if region is not None else "ST"
        return partial(is_public_holiday, state=state)

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
            return search_results(Store.raw(session), query, scope, content.topics(session), limit)

    def topic(self, key: str, kommune_key: str | None) -> TopicEntries | None:
        """German sheets, contact points and offers of a topic in a Kommune's scope."""
        with self.store.session() as session:
            topic = session.exec(select(Topic).where(Topic.key == key)).first()
            if topic is None:
                return None
            scope = set(content.kommune_scope(session, kommune_key)) if kommune_key else None

            def visible(record: InfoSheet | ContactPoint | Offer) -> bool:
                keys = kommunen_of(record)
                if record.deleted or staff_only(record):
                    return False
                return scope is None or not keys or bool(scope & set(keys))

            sheets = session.exec(
                select(InfoSheet)
                .where(InfoSheet.topic_key == key, InfoSheet.language == "de")
                .order_by(col(InfoSheet.title))
            ).all()
            contacts = session.exec(select(ContactPoint).order_by(col(ContactPoint.name))).all()
            offers = session.exec(select(Offer).order_by(col(Offer.title))).all()
            return TopicEntries(
                topic=topic,
                sheets=[s for s in sheets if visible(s)],
                contact_points=[c for c in contacts if key in c.topic_keys and visible(c)],
                offers=[o for o in offers if key in o.topic_keys and visible(o)],
            )

    def sheet(self, sheet_id: str) -> InfoSheet | None:
        with self.store.session() as session:
            return content.get(session, InfoSheet, sheet_id)

    def sheet_versions(self, sheet: InfoSheet) -> list[InfoSheet]:
        """The original and its translations, German first: the language switcher."""
        original = sheet.translation_of or sheet.id
        with self.store.session() as session:
            versions = session.exec(
                select(InfoSheet).where(
                    (col(InfoSheet.id) == original) | (col(InfoSheet.translation_of) == original)
                )
            ).all()
        return sorted(
            (v for v in versions if not v.deleted), key=lambda v: (v.language != "de", v.language)
        )

    def contact_point(self, contact_id: str) -> ContactPoint | None:
        with self.store.session() as session:
            return content.get(session, ContactPoint, contact_id)

    def offers_of(self, contact_id: str) -> list[Offer]:
        with self.store.session() as session:
            return list(
                session.exec(
                    select(Offer).where(
                        Offer.contact_point_id == contact_id, col(Offer.deleted).is_(False)
                    )
                ).all()
            )

    def offer(self, offer_id: str) -> Offer | None:
        with self.store.session() as session:
            return content.get(session, Offer, offer_id)

    def partner(self, partner_id: str) -> NetworkPartner | None:
        with self.store.session() as session:
            return content.get(session, NetworkPartner, partner_id)

    def record(self, entity: str, record_id: str) -> SyncedRecord | None:
        """Any record on the device by kind and id (None for unknown kinds and the gone)."""
        kind = kind_of(entity)
        if kind is None:
            return None
        with self.store.session() as session:
            return content.get(session, kind.model, record_id)
