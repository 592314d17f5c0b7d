"""What comes first (titles, records with every word) and what a search is limited to
(Kommune, Verbandsgemeinde, topic, kind; never a draft, a tombstone or a partner's contact)."""

import re

import pytest

from app.store import content
from app.store.database import Store
from tests.app.store.search.conftest import find
from wegweiser.model import ContactPoint, InfoSheet, NetworkPartner, Offer
from wegweiser.search import fts5_index
from wegweiser.search.engine import build_match


def test_title_hits_rank_above_body_hits(loaded: Store) -> None:
    hits = find(loaded, "Jobcenter")
    flags = [h.in_title for h in hits]
    assert flags[0] and not flags[-1]
    assert flags == sorted(flags, reverse=True)  # every title hit before every body hit
    body_only = [h for h in hits if not h.in_title]
    assert any(h.title == "Bürgergeld – was Lotsen wissen sollten" for h in body_only)


def test_records_with_every_word_come_first(loaded: Store) -> None:
    titles = [h.title for h in find(loaded, "jobcenter wernig")]
    assert titles[0] == "Jobcenter Landkreis Harz – Standort Wernigerode"
    # Either word alone still finds something, after everything that has both.
    assert titles.index("Jobcenter Landkreis Harz – Standort Halberstadt") > 0


def test_kommune_filter_includes_district_wide_and_excludes_others(loaded: Store) -> None:
    hits = find(loaded, "Tafel", kommunen=["thale"])
    titles = {h.title for h in hits}
    assert "Tafel Thale" in titles
    assert "Tafeln, Kleiderkammern und Sozialkaufhäuser" in titles  # district-wide sheet
    assert "Tafel Halberstadt" not in titles
    assert "Tafel Halberstadt" in {h.title for h in find(loaded, "Tafel")}


def test_verbandsgemeinde_entries_belong_to_its_members(loaded: Store) -> None:
    with loaded.session() as session:
        scope = content.kommune_scope(session, "ditfurt")
    assert scope == ["ditfurt", "vorharz"]
    titles = {h.title for h in find(loaded, "Bürgerbüro", kommunen=scope)}
    assert "Bürgerbüro der Verbandsgemeinde Vorharz in Wegeleben" in titles
    assert "Bürgerbüro der Stadt Thale" not in titles


def test_topic_and_kind_filters(loaded: Store) -> None:
    hits = find(loaded, "Halberstadt", topic="arbeit", kinds=[ContactPoint.entity])
    assert hits and all(h.kind == ContactPoint.entity for h in hits)
    assert "Jobcenter Landkreis Harz – Standort Halberstadt" in {h.title for h in hits}
    assert "Tafel Halberstadt" not in {h.title for h in hits}


def test_all_four_kinds_are_searchable(loaded: Store) -> None:
    kinds = {h.kind for h in find(loaded, "Sprach", limit=500)}
    assert {InfoSheet.entity, ContactPoint.entity, Offer.entity} <= kinds
    assert NetworkPartner.entity in {h.kind for h in find(loaded, "Deutsch-Paten")}


def test_drafts_and_tombstones_are_not_found(loaded: Store) -> None:
    assert find(loaded, "Entwurf") == []
    with loaded.session() as session:
        sheet = content.get(session, InfoSheet, "00000000-0000-4000-8000-000000000002")
        assert sheet is not None
        sheet.deleted = True
        content.write_records(session, [sheet])
    found = {h.record_id for h in find(loaded, "Impfungen für Kinder", limit=500)}
    assert "00000000-0000-4000-8000-000000000002" not in found


def test_partner_contact_data_is_not_searchable(loaded: Store) -> None:
    partner = NetworkPartner(
        name="Lesepaten Thale",
        kommune_keys=["thale"],
        contact_name="Zacharias Quellwasser",
        contact_consent=True,
        contact_email="quellwasser@lesepaten.example",
    )
    with loaded.session() as session:
        content.write_records(session, [partner])
    assert find(loaded, "Lesepaten")[0].record_id == partner.id
    assert find(loaded, "Quellwasser") == []
    assert find(loaded, "Zacharias") == []


@pytest.mark.parametrize(
    "hostile",
    ['"', "*", "AND OR NOT", "title:x", "NEAR(", "'; DROP TABLE offer; --", "\x00\x1f", ""],
)
def test_hostile_queries_are_only_words(loaded: Store, hostile: str) -> None:
    find(loaded, hostile)
    with loaded.session() as session:
        match = build_match(Store.raw(session), hostile)
    # Every term is folded words; as FTS5 expressions, each a quoted word (a prefix
    # with a star) and besides them only the brackets, ORs and ANDs search writes.
    terms = [term.text for group in match.groups for term in group] if match else []
    assert all(re.fullmatch(r"\w+( \w+)*", text) for text in terms)
    expressions = (fts5_index.any_word(match), fts5_index.every_word(match)) if match else ()
    for expression in expressions:
        assert re.fullmatch(r"[() ]*((OR|AND)[() ]+)*", re.sub(r'"\w+"\*?', "", expression))
    assert find(loaded, "Sprachcafé")  # the tables are all still there


def test_a_prefix_of_several_words_in_every_record(store: Store) -> None:
    offers = [
        Offer(title=f"Kurs {i}", kommune_key="thale", description="Kurse, Kursus, Kursbuch")
        for i in range(3)
    ]
    with store.session() as session:
        content.write_records(session, offers)
    assert {h.record_id for h in find(store, "Kur")} == {o.id for o in offers}
    assert {h.record_id for h in find(store, "K")} == {o.id for o in offers}


def test_other_scripts_are_searchable(loaded: Store) -> None:
    assert "أرقام الطوارئ وما يجب فعله" in {h.title for h in find(loaded, "طوارئ")}
    assert "Номери екстрених служб і що робити" in {h.title for h in find(loaded, "екстрен")}
