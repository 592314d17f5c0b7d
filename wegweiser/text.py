"""Folding of text for offline search.

German users type "Arztin", "Ärztin" or "Aerztin" for the same word, and a tablet
keyboard may not offer umlauts at all. Index text and query text are folded the same
way so that the first two meet: lower case, diacritics removed, ß spelled ss, and the
Arabic article dropped. "Aerztin" is the search's to read (`umlaut_readings`, tried by
`wegweiser.search.engine` for a word the index does not know as typed): "ue" is an ü only
there, for "neuen" is not "neun" and "aktuell" not "aktull".
"""

import itertools
import re
import unicodedata

_WRITTEN_OUT = re.compile("ae|oe|ue")
"""How ä, ö and ü are written where a keyboard lacks them."""
_WORD = re.compile(r"\w+", re.UNICODE)
# The Arabic article is written together with its word: "الطوارئ" is "the emergency".
_ARABIC_ARTICLE = re.compile(r"(?<!\w)ال(?=\w{2,})")


class _Marks(dict[int, int | None]):
    """`str.translate`'s table that drops combining marks: filled as characters come, so
    that each is looked up in the Unicode database once, not at every occurrence."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _Marks()


def fold(text: str) -> str:
    """Return `text` folded for search: lower case, no diacritics, ß as ss."""
    text = text.replace("ß", "ss").replace("ẞ", "ss").casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = decomposed.translate(_WITHOUT_MARKS)
    # Arabic tatweel only stretches a word visually.
    stripped = stripped.replace("\u0640", "")
    stripped = _ARABIC_ARTICLE.sub("", stripped)
    return unicodedata.normalize("NFC", stripped)


def umlauts_written_out(word: str) -> str:
    """A folded word read as typed on a keyboard without umlauts: every "ae", "oe" and
    "ue" as the ä, ö and ü it may stand for ("aerztin" → "arztin")."""
    return _WRITTEN_OUT.sub(lambda m: m.group(0)[0], word)


def umlaut_readings(word: str) -> list[str]:
    """The other ways to read a folded word typed without umlauts, fewest umlauts first
    ("frauenaerzt": "fraunaerzt", "frauenarzt", "fraunarzt"): the "ue" of "Frauen" is no
    ü, the "ae" of "aerzt" is. Which one is meant, only the index can tell; a word with
    more than four such pairs is read as written."""
    spots = [m.start() for m in _WRITTEN_OUT.finditer(word)]
    if not spots or len(spots) > 4:
        return []
    readings = []
    for count in range(1, len(spots) + 1):
        for chosen in itertools.combinations(spots, count):
            letters = list(word)
            for at in chosen:
                letters[at + 1] = ""
            readings.append("".join(letters))
    return readings


def search_terms(query: str) -> list[str]:
    """Split a typed query into folded words; punctuation and operators are dropped."""
    return _WORD.findall(fold(query))


def ascii_number(text: str, max_digits: int = 18) -> int | None:
    """`text` as a non-negative whole number if it is nothing but ASCII digits, else None.

    `str.isdigit` accepts "²" and "٣", which `int` then refuses or reads; numbers that
    arrive from outside (cursors, headers) are ASCII digits or nothing.
    """
    if not text or len(text) > max_digits or not text.isascii() or not text.isdigit():
        return None
    return int(text)


MAX_COMBINING = 8
"""Combining marks one letter may carry: Arabic vowel signs, Vietnamese tones and the
like need three at most. One letter with 20,000 of them made a sheet's PDF take 66 s
and its Kommune's 8 minutes."""


def combining_run(text: str) -> int:
    """The longest run of combining marks in `text` (0 for plain ASCII, at once)."""
    if text.isascii():
        return 0
    longest = run = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) == "Me":
            run += 1
            longest = max(longest, run)
        else:
            run = 0
    return longest


def tamed(text: str) -> str:
    """`text` with no letter carrying more than `MAX_COMBINING` marks: what reaches a
    document from data stored before the rule."""
    if combining_run(text) <= MAX_COMBINING:
        return text
    kept: list[str] = []
    run = 0
    for ch in text:
        run = run + 1 if unicodedata.combining(ch) or unicodedata.category(ch) == "Me" else 0
        if run <= MAX_COMBINING:
            kept.append(ch)
    return "".join(kept)
