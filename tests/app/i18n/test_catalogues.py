"""Every UI key used in the code exists in German, and other catalogues have no extra keys."""

import re
from pathlib import Path

from app import i18n
from tests.conftest import ROOT

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


def test_other_catalogues_only_translate_known_keys() -> None:
    german = set(i18n.catalogue("de"))
    for path in Path(i18n.__file__).parent.glob("*.json"):
        assert set(i18n.catalogue(path.stem)) <= german, path.name


def test_fallback_and_rtl() -> None:
    assert i18n.translate("uk", "search.count", count=3) == "3 Treffer"  # no catalogue yet
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
