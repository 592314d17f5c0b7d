import pytest

from wegweiser.text import fold, search_terms


@pytest.mark.parametrize("spelling", ["Ärztin", "ärztin", "arztin", "Aerztin", "AERZTIN"])
def test_umlaut_spellings_fold_to_one_form(spelling: str) -> None:
    assert fold(spelling) == "arztin"


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
