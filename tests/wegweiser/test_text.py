import unicodedata

import pytest

from wegweiser.text import _WITHOUT_MARKS, fold, search_terms, umlauts_written_out


@pytest.mark.parametrize("spelling", ["Ärztin", "ärztin", "arztin", "ARZTIN"])
def test_umlaut_spellings_fold_to_one_form(spelling: str) -> None:
    assert fold(spelling) == "arztin"


@pytest.mark.parametrize(
    ("word", "folded"), [("neuen", "neuen"), ("aktuell", "aktuell"), ("Quelle", "quelle")]
)
def test_ae_oe_ue_stay_in_a_word_that_holds_them(word: str, folded: str) -> None:
    assert fold(word) == folded


def test_umlauts_written_out_read_as_umlauts() -> None:
    assert umlauts_written_out(fold("AERZTIN")) == fold("Ärztin")
    assert umlauts_written_out("auslaenderbehoerde") == "auslanderbehorde"


def test_sharp_s_and_other_diacritics_fold() -> None:
    assert fold("Straße") == fold("STRASSE") == "strasse"
    assert fold("Café") == "cafe"


def test_arabic_vowel_marks_are_ignored() -> None:
    assert fold("مَرْحَبًا") == fold("مرحبا")


def test_search_terms_drop_query_syntax() -> None:
    assert search_terms('Job* "center" OR NEAR(a b)') == ["job", "center", "or", "near", "a", "b"]


def test_arabic_article_is_dropped_so_words_match_with_and_without_it() -> None:
    assert fold("الطوارئ") == fold("طوارئ")
    assert fold("ال") == "ال"  # the bare article is left alone


def test_folding_drops_exactly_the_combining_marks_of_the_whole_plane() -> None:
    """Marks are dropped by a table filled as characters come (`_WITHOUT_MARKS`): every
    character of the Basic Multilingual Plane is kept or dropped as Unicode says."""
    for code in range(0x10000):
        character = chr(code)
        dropped = character.translate(_WITHOUT_MARKS) == ""
        assert dropped == bool(unicodedata.combining(character)), hex(code)
