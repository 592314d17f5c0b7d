"""How a word may be typed: umlauts written out or left off, prefixes while typing, and
what "Meinten Sie" suggests; each with the FTS5 and with the plain index."""

import re
from pathlib import Path

import pytest

from app.store import content
from app.store.database import Store, open_store
from tests.app.store.search.conftest import find
from wegweiser.model import ContactPoint, InfoSheet
from wegweiser.search import index as search_index
from wegweiser.search.engine import Found, search


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
