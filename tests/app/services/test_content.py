"""The service the home view calls: first content, grouped results, Kommune scope."""

from pathlib import Path

from sqlmodel import select

from app.services.content import ContentService
from app.store.database import open_store
from wegweiser.model import ContactPoint, InfoSheet
from wegweiser.search.results import KIND_ORDER


def test_first_start_has_example_content_once(tmp_path: Path) -> None:
    store = open_store(tmp_path / "w.sqlite")
    service = ContentService(store)
    service.ensure_content()
    with store.session() as session:
        kept = session.exec(select(ContactPoint)).first()
        assert kept is not None
        kept.costs = "seit dem ersten Start geändert"
        session.add(kept)
        session.commit()
    service.ensure_content()  # a second start loads nothing again: the change stays
    with store.session() as session:
        again = session.get(ContactPoint, kept.id)
        assert again is not None and again.costs == "seit dem ersten Start geändert"
    meta = service.dataset_meta()
    assert meta is not None and meta.example_data
    assert len(service.kommunen()) == 20
    assert [t.key for t in service.topics()][:2] == ["ankommen", "aufenthalt"]
    store.close()


def test_results_are_grouped_with_contact_points_first(tmp_path: Path) -> None:
    store = open_store(tmp_path / "w.sqlite")
    service = ContentService(store)
    service.ensure_content()
    results = service.search("Jobcenter", "halberstadt")
    assert next(iter(results.groups)) == ContactPoint.entity
    assert InfoSheet.entity in results.groups
    assert list(results.groups) == [k for k in KIND_ORDER if k in results.groups]
    titles = [h.title for h in results.groups[ContactPoint.entity]]
    assert titles[0] == "Jobcenter Landkreis Harz – Standort Halberstadt"
    assert "Jobcenter Landkreis Harz – Standort Wernigerode" not in titles
    hits = [(h.kind, h.record_id) for group in results.groups.values() for h in group]
    assert len(set(hits)) == len(hits) == results.total > 1  # each entry once, all counted
    store.close()


def test_a_topic_is_offered_by_its_title_in_any_language(tmp_path: Path) -> None:
    store = open_store(tmp_path / "w.sqlite")
    service = ContentService(store)
    service.ensure_content()
    results = service.search("سلامت", None)  # Farsi: "health", in no sheet
    assert results.total == 0
    assert [topic.key for topic in results.topics] == ["gesundheit"]
    store.close()
