"""Compound words (`wegweiser.search.compounds`): a word finds the indexed compounds
that name a kind of it, and not the words it merely sits inside."""

import pytest

from wegweiser.search.compounds import compounds
from wegweiser.search.vocabulary import Vocabulary

_WORDS = [
    *("art", "arten", "garten", "gemeinschaftsgarten", "kinder", "kindergarten", "kinderarzt"),
    *("karte", "bezahlen", "bezahlkarte", "gesundheitskarte", "gesundheit", "fahrkarten", "fahrt"),
    *("warten", "wartezeit", "sprache", "sprachkurs", "sprachkurse", "kurs", "kurse"),
    *("integration", "integrationskurs", "erstorientierungskurs", "deutsch", "deutschkurs"),
    *("impfen", "impfberatung", "beratung", "schulanmeldung", "anmeldung", "lange"),
    *("verlangen", "solange", "haus", "hausarzt", "hausarztpraxis", "praxis", "arzt"),
    *("kleiderkammer", "kammer", "amt", "standesamt", "samtliche"),
]


@pytest.fixture
def vocabulary() -> Vocabulary:
    return Vocabulary(dict.fromkeys(_WORDS, 1), sorted(_WORDS))


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("kurs", {"sprachkurs", "sprachkurse", "integrationskurs", "deutschkurs"}),
        ("kurs", {"erstorientierungskurs"}),  # no word, but begins no other word
        ("kammer", {"kleiderkammer"}),
        ("amt", {"standesamt"}),  # the linking s begins "samtliche", not this word
        ("meld", {"schulanmeldung"}),  # a prefix inside a compound: "Schul|an|meldung"
        ("arzt", {"kinderarzt", "hausarzt", "hausarztpraxis"}),
        ("beratung", {"impfberatung"}),  # "impf" of "impfen"
        ("garten", {"kindergarten", "gemeinschaftsgarten"}),
        ("karte", {"bezahlkarte", "gesundheitskarte"}),
    ],
)
def test_a_word_finds_the_compounds_that_name_a_kind_of_it(
    vocabulary: Vocabulary, word: str, expected: set[str]
) -> None:
    assert expected <= set(compounds(vocabulary, word))


@pytest.mark.parametrize(
    ("word", "unrelated"),
    [
        # A first part that is no word: the letters merely sit inside another word.
        ("art", {"garten", "warten", "bezahlkarte", "gesundheitskarte", "kindergarten"}),
        ("art", {"fahrkarten", "gemeinschaftsgarten", "wartezeit"}),
        # A prefix that changes the meaning.
        ("lange", {"verlangen", "solange"}),
    ],
)
def test_a_word_is_not_found_inside_words_that_mean_something_else(
    vocabulary: Vocabulary, word: str, unrelated: set[str]
) -> None:
    assert not unrelated & set(compounds(vocabulary, word))
