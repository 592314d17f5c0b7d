"""Every UI key used in the code exists in German; every UI language has every German
key, the plural forms its grammar needs and the same placeholders; the plural rules."""

import re
from pathlib import Path

import pytest

from app import i18n
from app.i18n import UI_LANGUAGES, plurals
from tests.conftest import ROOT

PLACEHOLDER = re.compile(r"\{(\w+)\}")

KEY_USE = re.compile(r"""\bt\(\s*f?["']([a-z_.{}]+)["']""")


def used_keys() -> set[str]:
    keys = set()
    for path in (ROOT / "app").rglob("*.py"):
        keys.update(KEY_USE.findall(path.read_text(encoding="utf-8")))
    return keys


def test_every_used_key_is_in_the_german_catalogue() -> None:
    german = i18n.catalogue("de")
    keys = used_keys()
    assert "search.hint" in keys  # the scan really sees the views
    for key in keys:
        if "{" in key:  # f-string keys such as kind.{kind}
            prefix = key.split("{")[0]
            assert any(k.startswith(prefix) for k in german), key
        else:
            assert key in german, key


def _counted() -> list[str]:
    """Keys German counts with a singular form of their own."""
    return [key.removesuffix(".one") for key in i18n.catalogue("de") if key.endswith(".one")]


def test_there_is_a_catalogue_for_every_ui_language_and_no_other() -> None:
    on_disk = {path.stem for path in Path(i18n.__file__).parent.glob("*.json")}
    assert on_disk == set(UI_LANGUAGES) == {"de", "en", "ar", "uk", "ru", "fa"}


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_a_catalogue_misses_no_key_german_has(language: str) -> None:
    german = i18n.catalogue("de")
    catalogue = i18n.catalogue(language)
    plain = [key for key in german if not key.endswith(".one")]
    assert [key for key in plain if key not in catalogue] == []
    # Forms of counted texts: exactly those the language's grammar distinguishes.
    needed = {f"{key}.{form}" for key in _counted() for form in plurals.CATEGORIES[language]}
    needed -= {f"{key}.other" for key in _counted()}  # "other" is the key itself
    forms = {key for key in catalogue if key not in plain}
    assert sorted(needed - forms) == [] and sorted(forms - needed) == []


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_placeholders_are_the_ones_german_fills_in(language: str) -> None:
    german = i18n.catalogue("de")
    for key, text in i18n.catalogue(language).items():
        base = key if key in german and not key.endswith(".one") else key.rsplit(".", 1)[0]
        allowed = set(PLACEHOLDER.findall(german[base]))
        assert set(PLACEHOLDER.findall(text)) <= allowed, (language, key)
        # What German says with a number the others say with one too (a form may say
        # "one" or "two" in words instead).
        if key == base:
            assert allowed <= set(PLACEHOLDER.findall(text)) or not text, (language, key)


@pytest.mark.parametrize(
    ("language", "counts", "forms"),
    [
        ("de", [0, 1, 2, 21], ["other", "one", "other", "other"]),
        (
            "ru",
            [1, 2, 5, 11, 12, 21, 22, 25, 111],
            ["one", "few", "other", "other", "other", "one", "few", "other", "other"],
        ),
        ("uk", [1, 3, 14, 101, 104], ["one", "few", "other", "one", "few"]),
        (
            "ar",
            [0, 1, 2, 3, 10, 11, 99, 100, 103],
            ["zero", "one", "two", "few", "few", "many", "many", "other", "few"],
        ),
        ("fa", [0, 1, 7], ["other", "other", "other"]),
    ],
)
def test_plural_rules(language: str, counts: list[int], forms: list[str]) -> None:
    assert [plurals.category(language, n) for n in counts] == forms


def test_counted_texts_read_right() -> None:
    assert i18n.translate("ru", "search.count", count=1) == "1 результат"
    assert i18n.translate("ru", "search.count", count=3) == "3 результата"
    assert i18n.translate("ru", "search.count", count=5) == "5 результатов"
    assert i18n.translate("ru", "search.count", count=21) == "21 результат"
    assert i18n.translate("uk", "ago.days", count=2) == "2 дні тому"
    assert i18n.translate("ar", "search.count", count=2) == "نتيجتان"
    assert i18n.translate("ar", "search.count", count=4) == "4 نتائج"
    assert i18n.translate("fa", "search.count", count=1) == "1 نتیجه"


def test_fallback_and_rtl() -> None:
    assert i18n.translate("tr", "search.count", count=3) == "3 Treffer"  # no catalogue
    assert i18n.translate("en", "search.count", count=3) != "3 Treffer"
    assert i18n.t("search.count", count=3) == "3 Treffer"  # German outside a session
    assert i18n.is_rtl("ar") and i18n.is_rtl("fa") and not i18n.is_rtl("de")


def test_one_takes_the_singular() -> None:
    assert i18n.translate("de", "ago.days", count=1) == "vor 1 Tag"
    assert i18n.translate("de", "ago.days", count=3) == "vor 3 Tagen"
    assert i18n.translate("en", "search.count", count=1) == "1 result"
    assert i18n.translate("en", "search.count", count=0) == "0 results"
    assert i18n.translate("de", "sync.pending", count=1) == "1 Änderung wartet"
    # A singular of its own for every key that counts in German, where German needs one.
    german = i18n.catalogue("de")
    for key in ("search.count", "sync.pending", "sync.offline_pending", "ago.days"):
        assert f"{key}.one" in german


def test_an_empty_text_stays_empty_not_its_key() -> None:
    """An empty help text ("report.help.street") was shown as its key."""
    assert i18n.translate("de", "report.help.street") == ""
    assert i18n.translate("de", "gibt.es.nicht") == "gibt.es.nicht"
