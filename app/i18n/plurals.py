"""Plural categories of the UI languages, after the rules of the Unicode CLDR (the rules
gettext's `Plural-Forms` express for these languages).

A catalogue holds a counted text once per category the language distinguishes: the key
itself is the "other" form, `key.one`, `key.few`, … the others. German and English say
"1 Treffer" / "2 Treffer"; Russian and Ukrainian have one, few and many ("1 запис",
"2 записи", "5 записів"; their "many" is the key itself, as whole numbers are all we
count); Arabic has six (zero, one, two, few, many, other); Farsi uses one form for every
number.
"""

from collections.abc import Callable

Category = str
"""One of "zero", "one", "two", "few", "many", "other"."""


def _german(n: int) -> Category:
    return "one" if n == 1 else "other"


def _east_slavic(n: int) -> Category:
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "other"  # CLDR's "many": "5 записів", "11 записів"


def _arabic(n: int) -> Category:
    if n == 0:
        return "zero"
    if n == 1:
        return "one"
    if n == 2:
        return "two"
    if 3 <= n % 100 <= 10:
        return "few"
    if 11 <= n % 100 <= 99:
        return "many"
    return "other"


def _farsi(n: int) -> Category:
    # CLDR says "one" for 0 and 1, but Farsi writes the noun alike for every number.
    return "other"


RULES: dict[str, Callable[[int], Category]] = {
    "de": _german,
    "en": _german,
    "ru": _east_slavic,
    "uk": _east_slavic,
    "ar": _arabic,
    "fa": _farsi,
}

CATEGORIES: dict[str, tuple[Category, ...]] = {
    "de": ("one", "other"),
    "en": ("one", "other"),
    "ru": ("one", "few", "other"),
    "uk": ("one", "few", "other"),
    "ar": ("zero", "one", "two", "few", "many", "other"),
    "fa": ("other",),
}
"""The forms a catalogue of each language needs for a counted text ("other" is the key
itself)."""


def category(language: str, count: int) -> Category:
    """The plural category of `count` in `language` (German's rule for unknown ones)."""
    return RULES.get(language, _german)(abs(count))
