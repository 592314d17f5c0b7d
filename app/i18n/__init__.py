"""UI text: every string the person sees comes from a catalogue here (German first).

`t("search.hint")` looks the key up in the active language and falls back to German;
placeholders use `str.format` names: `t("search.count", count=3)`.
"""

import json
from functools import cache
from pathlib import Path

DEFAULT_LANGUAGE = "de"
RTL_LANGUAGES = frozenset({"ar", "fa"})
_CATALOGUE_DIR = Path(__file__).parent
_active = DEFAULT_LANGUAGE


@cache
def catalogue(language: str) -> dict[str, str]:
    """All strings of one language (empty if there is no catalogue for it)."""
    path = _CATALOGUE_DIR / f"{language}.json"
    if not path.exists():
        return {}
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return data


def set_language(language: str) -> None:
    """Switch the UI language for all following `t` calls."""
    global _active
    _active = language


def is_rtl(language: str | None = None) -> bool:
    """True for right-to-left scripts (Arabic, Farsi)."""
    return (language or _active) in RTL_LANGUAGES


def t(key: str, **values: object) -> str:
    """The text for `key` in the active language, German as fallback, the key as last resort."""
    text = catalogue(_active).get(key)
    if text is None:
        text = catalogue(DEFAULT_LANGUAGE).get(key, key)
    return text.format(**values) if values else text
