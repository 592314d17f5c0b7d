"""UI text: every string the person sees comes from a catalogue here (German first).

`t("search.hint")` looks the key up in the language of the Flet session it runs for and
falls back to German; placeholders use `str.format` names: `t("search.count", count=3)`.

The language is the session's, not the module's: in web mode one process serves several
browser tabs, and a tab switched to English must not turn another one English. Flet
binds every event handler and every component render to its page (`ft.context.page`),
so the language is kept in that page's session store.
"""

import json
from functools import cache
from pathlib import Path

import flet as ft

from app.i18n import plurals
from wegweiser import languages
from wegweiser.languages import RIGHT_TO_LEFT

DEFAULT_LANGUAGE = "de"
UI_LANGUAGES = ("de", "en", "ar", "uk", "ru", "fa")
"""Languages with a complete UI catalogue (content has more languages of its own)."""
RTL_LANGUAGES = RIGHT_TO_LEFT
_CATALOGUE_DIR = Path(__file__).parent
_SESSION_KEY = "wegweiser.language"


@cache
def catalogue(language: str) -> dict[str, str]:
    """All strings of one language (empty if there is no catalogue for it)."""
    path = _CATALOGUE_DIR / f"{language}.json"
    if not path.exists():
        return {}
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _session() -> object | None:
    try:
        return ft.context.page.session
    except RuntimeError:  # not inside a Flet session: tests, command line
        return None


def use_language(language: str) -> None:
    """Show this session's text in `language` from now on (no-op outside a session)."""
    session = _session()
    if session is not None:
        session.store.set(_SESSION_KEY, language)  # type: ignore[attr-defined]


def language() -> str:
    """The language of the session this code runs for; German outside a session."""
    session = _session()
    if session is None:
        return DEFAULT_LANGUAGE
    chosen = session.store.get(_SESSION_KEY)  # type: ignore[attr-defined]
    return chosen if isinstance(chosen, str) else DEFAULT_LANGUAGE


def is_rtl(language_code: str | None = None) -> bool:
    """True for right-to-left scripts (Arabic, Farsi); by default the session's language."""
    return (language_code or language()) in RTL_LANGUAGES


def translate(language_code: str, key: str, **values: object) -> str:
    """The text for `key` in `language_code`, German as fallback, the key as last resort.

    With a whole `count` the language's plural form is taken where the catalogue has it
    (`key.one`, `key.few`, …; `plurals.py`): "vor 1 Tag", "vor 2 Tagen"; "2 записи",
    "5 записів"."""
    count = values.get("count")
    if isinstance(count, int) and not isinstance(count, bool):
        form = plurals.category(language_code, count)
        if form != "other":
            counted = _counted(language_code, f"{key}.{form}")
            if counted is not None:
                return counted.format(**values)
    found = _lookup(language_code, key)
    text = key if found is None else found  # an empty text is a text ("no hint")
    return text.format(**values) if values else text


def _counted(language_code: str, key: str) -> str | None:
    # A plural form only from the language's own catalogue: German's "one" must not
    # answer for an Arabic "two".
    return catalogue(language_code).get(key)


def _lookup(language_code: str, key: str) -> str | None:
    found = catalogue(language_code).get(key)
    return found if found is not None else catalogue(DEFAULT_LANGUAGE).get(key)


def t(key: str, **values: object) -> str:
    """The text for `key` in the session's language."""
    return translate(language(), key, **values)


def left_to_right(text: str, language_code: str | None = None) -> str:
    """`text` kept left to right inside a right-to-left line (Arabic, Farsi): times,
    numbers and addresses would otherwise read backwards ("12:00–08:00"). Unchanged in a
    left-to-right language. Unicode's isolates (LRI … PDI) do it without a visible mark."""
    return languages.left_to_right(text, language_code or language())
