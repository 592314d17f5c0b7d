"""Offline search: prefixes, umlaut spellings, stems, compounds, typos, question words,
title ranking and Kommune filters; each with the FTS5 index and with the plain-table
index of platforms whose SQLite lacks FTS5."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store import content
from app.store.database import Store, open_store
from wegweiser.model import ContactPoint, InfoSheet, NetworkPartner, Offer, Publication
from wegweiser.search import fts5_index
from wegweiser.search import index as search_index
from wegweiser.search.engine import Found, SearchHit, build_match, search
from wegweiser.text import fold


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


@pytest.mark.parametrize("query", ["Frauenärztin", "frauenarztin", "Frauenaerztin", "FRAUENÄRZ"])
def test_umlaut_spellings_find_the_same_records(loaded: Store, query: str) -> None:
    hits = find(loaded, query)
    assert hits[0].record_id == "00000000-0000-4000-8000-000000000001"
    assert hits[0].in_title
    # The district-wide sheet on pregnancy mentions the word in its body.
    assert "Schwangerschaft und Geburt" in [h.title for h in hits[1:]]


@pytest.mark.parametrize("query", ["Frauenaerzt", "Fuer Frauenaerztin", "Muell"])
def test_umlauts_written_out_are_read_as_umlauts_where_the_word_is_not_known(
    loaded: Store, query: str
) -> None:
    hits = find(loaded, query)
    assert hits, query
    assert all(re.search("ärzt|müll", h.title + h.subtitle, re.IGNORECASE) for h in hits[:1])


def test_a_word_with_ue_is_not_another_word_without_it(store: Store) -> None:
    """ "neuen" folded to "neun", "aktuell" to "aktull": a search for the new courses found
    the nine advice centres."""
    nine = InfoSheet(
        id="00000000-0000-4000-8000-000000000011",
        topic_key="x",
        title="Neun Beratungsstellen",
        body="Im Landkreis.",
    )
    new = InfoSheet(
        id="00000000-0000-4000-8000-000000000012",
        topic_key="x",
        title="Die neuen Kurse",
        body="Aktuelle Termine.",
    )
    with store.session() as session:
        content.write_records(session, [nine, new])
    assert [h.record_id for h in find(store, "neuen")] == [new.id]
    assert [h.record_id for h in find(store, "neun")] == [nine.id]
    assert [h.record_id for h in find(store, "aktuell")] == [new.id]


def test_a_word_is_not_found_behind_a_prefix_that_changes_its_meaning(store: Store) -> None:
    """ "lange" found "verlangen", "gelangen" and "solange" as if they were compounds."""
    texts = {
        "00000000-0000-4000-8000-000000000021": "Das Amt kann Nachweise verlangen.",
        "00000000-0000-4000-8000-000000000022": "So gelangen Sie zum Amt.",
        "00000000-0000-4000-8000-000000000023": "Solange der Antrag läuft.",
        "00000000-0000-4000-8000-000000000024": "Wie lange dauert der Antrag?",
        "00000000-0000-4000-8000-000000000025": "Die Sprachkurse beginnen im März.",
    }
    with store.session() as session:
        content.write_records(
            session,
            [
                InfoSheet(id=record_id, topic_key="x", title=f"Blatt {at}", body=body)
                for at, (record_id, body) in enumerate(texts.items())
            ],
        )
    assert [h.record_id for h in find(store, "lange")] == ["00000000-0000-4000-8000-000000000024"]
    assert [h.record_id for h in find(store, "Kurs")] == ["00000000-0000-4000-8000-000000000025"]


def _searched(store: Store, name: str, *queries: str) -> list[Found]:
    """What each query finds in a store that holds one contact point called `name`."""
    place = ContactPoint(id="00000000-0000-4000-8000-000000000031", name=name, kommune_keys=[])
    with store.session() as session:
        content.write_records(session, [place])
        return [search(Store.raw(session), query) for query in queries]


def test_meinten_sie_names_a_whole_word_an_entry_holds(store: Store) -> None:
    """A typo closest to the beginning of a longer word was suggested as that beginning."""
    [found] = _searched(store, "Hausarztpraxis Dr. Muster", "Hausartz")
    assert [h.title for h in found.hits] == ["Hausarztpraxis Dr. Muster"]
    assert found.correction == "hausarztpraxis"


def test_an_abbreviation_in_capitals_is_not_corrected(store: Store) -> None:
    """ "ALG" (Arbeitslosengeld) was "corrected" to "All", a beginning of "Allgemeine"."""
    abbreviation, typo = _searched(store, "Allgemeine Sozialberatung", "ALG", "Alggemeine")
    assert abbreviation.correction is None
    assert typo.correction == "allgemeine"  # a typo still is one


def test_a_store_indexed_with_the_old_folding_is_indexed_anew(tmp_path: Path) -> None:
    path = tmp_path / "wegweiser.sqlite"
    opened = open_store(path)
    sheet = InfoSheet(
        id="00000000-0000-4000-8000-000000000012", topic_key="x", title="Die neuen Kurse", body=""
    )
    with opened.session() as session:
        content.write_records(session, [sheet])
        raw = Store.raw(session)
        # As an app version before folding 2 left it: "neuen" indexed as "neun".
        raw.execute("DELETE FROM store_meta WHERE key = 'search_folding'")
        search_index.fulltext(raw).clear(raw)
        raw.execute("DELETE FROM search_entry")
    opened.close()

    reopened = open_store(path)
    try:
        assert [h.record_id for h in find(reopened, "neuen")] == [sheet.id]
    finally:
        reopened.close()


@pytest.mark.parametrize("typed", ["J", "Jo", "Job", "Jobc", "Jobcen", "Jobcenter"])
def test_prefix_matching_while_typing(loaded: Store, typed: str) -> None:
    titles = [h.title for h in find(loaded, typed, kommunen=["halberstadt"])]
    assert "Jobcenter Landkreis Harz – Standort Halberstadt" in titles


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
