"""What a new guide types and what she means: compounds, typos, question words, many words;
the example data as it ships."""

import pytest

from app.store import content
from app.store.database import Store
from tests.app.store.search.conftest import find
from wegweiser.model import InfoSheet, Offer
from wegweiser.search.engine import search
from wegweiser.text import fold

THALE_QUERIES = [
    # What a new guide typed in Thale, and what she was looking for.
    ("Kinderarzt", "Hausarztpraxis am Markt Thale"),
    ("Frauen Beratung", "Schwangerschafts- und Familienberatung"),
    ("Jobcentr", "Jobcenter Landkreis Harz – Standort Quedlinburg"),
    ("Geld", "Bürgergeld – was Lotsen wissen sollten"),
    ("Geld", "Kindergeld und Kinderzuschlag"),
    ("Beratungen", "Migrationsberatung für Erwachsene – Quedlinburg"),
    ("Schulen", "Grundschule Thale"),
    ("Kindern", "Kindergeld und Kinderzuschlag"),
    ("Wo gibt es einen Deutschkurs?", "Deutschkurs für Frauen mit Kinderbetreuung Thale"),
    ("Arzt", "Hausarztpraxis am Markt Thale"),
    ("Schule", "Grundschule Thale"),
    ("Kurs", "Integrationskurs: Anmeldung und Kosten"),
    ("Kurs", "Berufssprachkurse"),
    ("Jobcenter Thale", "Jobcenter Landkreis Harz – Standort Quedlinburg"),
    ("Dolmetscher", "Koordinierungsstelle für Migration und Ehrenamt"),
    # The region's synonyms: old names, everyday words, other languages.
    ("Migrationsamt", "Ausländerbehörde des Landkreises Harz"),
    ("Arbeitsamt", "Agentur für Arbeit Halberstadt"),
    ("Hartz IV", "Bürgergeld – was Lotsen wissen sollten"),
    ("Kindergarten", "Kita Sonnenschein Thale"),
    ("doctor", "Krankenversicherung und Arztbesuch"),
    ("طبيب", "Krankenversicherung und Arztbesuch"),
    ("лікар", "Krankenversicherung und Arztbesuch"),
    ("врач", "Hausarztpraxis am Markt Thale"),
]


@pytest.mark.parametrize(("query", "expected"), THALE_QUERIES)
def test_what_a_new_guide_types_finds_what_she_means(
    store: Store, demo_dataset, query: str, expected: str
) -> None:
    content.import_dataset(store, demo_dataset)  # the example data as it ships
    with store.session() as session:
        scope = content.kommune_scope(session, "thale")
    titles = [h.title for h in find(store, query, kommunen=scope)]
    assert expected in titles[:5], titles[:5]


def as_shipped(store: Store, demo_dataset, query: str, kommune: str) -> tuple[list[str], dict]:
    """Titles found in a Kommune's scope in the example data as it ships, and the words
    searched by their parts."""
    content.import_dataset(store, demo_dataset)
    with store.session() as session:
        scope = content.kommune_scope(session, kommune)
        found = search(Store.raw(session), query, kommunen=scope)
    return [hit.title for hit in found.hits], found.related


def test_a_compound_ranks_what_holds_both_its_parts_first(store: Store, demo_dataset) -> None:
    titles, related = as_shipped(store, demo_dataset, "Schwangerschaftsberatung", "halberstadt")
    # The counselling place, not the first of the many "…beratung"s.
    assert titles[0] == "Schwangerschafts- und Familienberatung", titles[:3]
    assert titles.index("Anerkennungsberatung Harz") > titles.index("Schwangerschaft und Geburt")
    assert related == {}  # a sheet holds the word itself


def test_a_compound_no_entry_holds_is_said_and_its_kind_offered(store: Store, demo_dataset) -> None:
    titles, related = as_shipped(store, demo_dataset, "Kinderarzt", "halberstadt")
    assert related == {"kinderarzt": "arzt"}
    # The Kinder- und Jugendärztlicher Dienst first (both parts), then the Hausarzt;
    # nothing that merely holds "Kinder" (a women's shelter, a clothes store).
    assert titles[0] == "Gesundheitsamt Landkreis Harz", titles[:3]
    assert "Hausarztpraxis am Markt Halberstadt" in titles[:5], titles[:5]
    assert not any("Kleiderkammer" in t or "Frauen" in t for t in titles), titles
    assert len(titles) < 10


MISTYPED_COMPOUNDS = [
    # Typed, as typed right, and what it is about. Each beyond two edits of every whole
    # indexed word, and a compound no entry holds: read by its parts, a part corrected.
    ("Kindergeltanträgen", "Kindergeldanträgen", "kindergeldantragen"),
    ("Bürgergeltantrag", "Bürgergeldantrag", "burgergeldantrag"),
    ("Integrationskursanmeldng", "Integrationskursanmeldung", "integrationskursanmeldung"),
    ("Kinderartz", "Kinderarzt", "kinderarzt"),
]


@pytest.mark.parametrize(("typed", "right", "corrected"), MISTYPED_COMPOUNDS)
def test_a_compound_with_a_typo_in_one_part_finds_what_it_typed_right_finds(
    store: Store, demo_dataset, typed: str, right: str, corrected: str
) -> None:
    content.import_dataset(store, demo_dataset)
    with store.session() as session:
        scope = content.kommune_scope(session, "halberstadt")
        mistyped = search(Store.raw(session), typed, kommunen=scope)
        as_meant = search(Store.raw(session), right, kommunen=scope)
    assert mistyped.corrections == {fold(typed): corrected}
    assert as_meant.corrections == {}
    assert mistyped.hits and mistyped.hits == as_meant.hits


def test_a_compound_splits_where_its_last_part_is_a_word(store: Store, demo_dataset) -> None:
    # "Beratung|stellen", not "Beratungs|tellen" (a linking s is taken only where the
    # rest is still a word: "Arbeits|amt").
    _, related = as_shipped(store, demo_dataset, "Beratungstellen", "halberstadt")
    assert related == {"beratungstellen": "stellen"}


def test_the_sheet_that_answers_a_query_decides_its_topic(store: Store, demo_dataset) -> None:
    # "Hartz IV" means "Bürgergeld" (a synonym). The Agentur für Arbeit names it too
    # ("für Menschen ohne Bürgergeld"), in a shorter text; the sheet on Bürgergeld is of
    # topic "Geld", and so is the Jobcenter, where Bürgergeld is applied for.
    titles, _ = as_shipped(store, demo_dataset, "Hartz IV", "halberstadt")
    assert titles[0] == "Bürgergeld – was Lotsen wissen sollten"
    assert titles[1] == "Jobcenter Landkreis Harz – Standort Halberstadt", titles[:3]
    assert titles.index("Agentur für Arbeit Halberstadt") > 1


def test_a_typo_is_corrected_and_the_correction_reported(loaded: Store) -> None:
    with loaded.session() as session:
        found = search(Store.raw(session), "Jobcentr Halberstadt")
    assert found.corrections == {"jobcentr": "jobcenter"}
    assert found.correction == "jobcenter"
    assert found.hits[0].title == "Jobcenter Landkreis Harz – Standort Halberstadt"
    with loaded.session() as session:
        assert search(Store.raw(session), "Jobcenter").correction is None


def test_a_word_finds_the_compounds_it_ends_but_not_chance_letters(loaded: Store) -> None:
    titles = {h.title for h in find(loaded, "Kurs", limit=500)}
    assert {"Berufssprachkurse", "Integrationskurs: Anmeldung und Kosten"} <= titles
    assert sum("Deutschkurs" in t for t in titles) >= 9  # one per Kommune that has one
    # "thal" sits inside "Aufenthalt"; that is no reason to show it for Thale.
    thale = [h.title for h in find(loaded, "Thale", limit=500)]
    assert all("Aufenthalt" not in t for t in thale)


def test_question_words_are_dropped_but_a_lone_one_is_searched(loaded: Store) -> None:
    asked = [h.record_id for h in find(loaded, "Wo gibt es eine Tafel?")]
    assert asked == [h.record_id for h in find(loaded, "Tafel")]
    assert find(loaded, "wo") == find(loaded, "Wo?")


def test_words_that_say_how_something_is_asked_need_not_be_in_the_answer(
    store: Store,
) -> None:
    course = InfoSheet(
        topic_key="sprache", title="Sprachkurs für Mütter", body="Der Kurs kostet 50 Euro."
    )
    aside = InfoSheet(
        topic_key="geld",
        title="Fahrtkosten",
        body="Die Fahrt zum Sprachkurs kostet ungefähr 2 Euro, für Mütter mit Kind genau so viel.",
    )
    with store.session() as session:
        content.write_records(session, [course, aside])
    hits = find(store, "Was kostet ein Sprachkurs für Mütter ungefähr?")
    assert [h.record_id for h in hits] == [course.id, aside.id]
    asked = find(store, "Welche Art von Sprachkurs bietet ihr Müttern, wie lange genau?")
    assert [h.record_id for h in asked] == [h.record_id for h in find(store, "Sprachkurs Mütter")]


def test_a_record_holding_most_of_the_words_ranks_above_a_title_holding_one(
    store: Store,
) -> None:
    costs = InfoSheet(topic_key="geld", title="Kosten", body="Wer zahlt die Fahrt zum Amt?")
    course = Offer(
        title="Angebote für Familien",
        description="Sprachkurs für Mütter, mit Kinderbetreuung im Nebenraum.",
    )
    with store.session() as session:
        content.write_records(session, [costs, course])
    hits = find(store, "Kosten Sprachkurs Mütter Kinderbetreuung")
    assert [h.record_id for h in hits] == [course.id, costs.id]


def test_a_word_itself_ranks_above_compounds_that_hold_it_however_many(store: Store) -> None:
    compounds = Offer(
        title="Angebot A", description="Sprachkurs, Deutschkurs und Integrationskurs."
    )
    itself = Offer(title="Angebot B", description="Ein Kurs für alle.")
    with store.session() as session:
        content.write_records(session, [compounds, itself])
    assert [h.record_id for h in find(store, "Kurs")] == [itself.id, compounds.id]


def test_kommune_names_are_searchable(loaded: Store) -> None:
    titles = [h.title for h in find(loaded, "Tafel Thale")]
    assert titles[0] == "Tafel Thale"


def test_new_words_are_found_at_once_and_typos_of_them_too(loaded: Store) -> None:
    assert find(loaded, "Zauberwortladen") == []  # and the vocabulary is now in memory
    offer = Offer(title="Zauberwortladen Thale", kommune_key="thale", description="Neu.")
    with loaded.session() as session:
        content.write_records(session, [offer])
    assert [h.record_id for h in find(loaded, "Zauberwortladen")] == [offer.id]
    assert [h.record_id for h in find(loaded, "Zauberwortlaedn")] == [offer.id]
    with loaded.session() as session:
        content.write_records(session, [offer.model_copy(update={"deleted": True})])
    assert find(loaded, "Zauberwortladen") == []


def test_two_versions_of_a_record_in_one_batch_index_the_last(store: Store) -> None:
    first = Offer(title="Nähcafé Thale", kommune_key="thale", description="Montags.")
    second = first.model_copy(update={"title": "Fahrradwerkstatt Thale", "version": 2})
    with store.session() as session:
        content.write_records(session, [first, second])
    assert [h.title for h in find(store, "Fahrradwerkstatt")] == ["Fahrradwerkstatt Thale"]
    assert find(store, "Nähcafé") == []
