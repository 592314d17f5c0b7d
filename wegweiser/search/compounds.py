"""Compound words, the way German builds them: a word's kind comes last ("Sprachkurs" is
a kind of "Kurs"), so a typed word also finds the indexed compounds that end in it, and
a typed compound nobody wrote ("Kinderarzt") is searched as its two parts.
"""

from wegweiser.query import MIN_PART, Word, analyse
from wegweiser.search.terms import Term
from wegweiser.search.vocabulary import Vocabulary

MAX_PARTS = 40
"""Compounds looked for per word: enough for "geld" in a district's vocabulary."""
_MIN_SPLIT = 3
"""The shortest part a typed compound is split into."""
_PREFIXES = frozenset(
    {"be", "emp", "ent", "er", "ge", "miss", "ver", "zer", "so", "un"}
    | {"ab", "an", "auf", "aus", "bei", "ein", "mit", "nach", "vor", "zu"}
)
"""What may stand before a word without making a compound of it: verb prefixes (and
"so" of "solange", "un" of "unklar") change the word's meaning, they name no kind of it."""
_ENDINGS = frozenset(
    {"", "e", "en", "er", "ern", "es", "n", "s", "in", "innen", "ung", "ungen"}
    | {"lich", "liche", "lichen", "licher", "liches"}
)
"""What may follow a word at the end of a compound: German inflection endings, the
adjective a noun makes ("jugendärztlich"), or (see `_is_part`) another word."""


def terms_for(vocabulary: Vocabulary, word: Word) -> list[Term]:
    """The word's stem as a prefix, and the indexed compounds that contain it; empty
    when the index holds neither (then the word may be a typo)."""
    terms: list[Term] = []
    if vocabulary.starts(word.stem):
        terms.append(Term(word.stem, prefix=True))
    if word.looks_inside:
        terms.extend(Term(part) for part in compounds(vocabulary, word.stem))
    return terms


def split(
    vocabulary: Vocabulary, word: Word
) -> tuple[tuple[str, list[Term]], tuple[str, list[Term]]] | None:
    """A compound as its two parts, each a word with its terms ("Kinderarzt": "kinder"
    and "arzt"): the split whose shorter part is longest, a linking s going with the
    first part ("Schwangerschafts|beratung"). None when no split has two indexed parts."""
    typed = word.typed
    if not typed.isalpha() or len(typed) < 2 * _MIN_SPLIT:
        return None
    splits = sorted(
        range(_MIN_SPLIT, len(typed) - _MIN_SPLIT + 1),
        key=lambda i: -min(i, len(typed) - i),
    )
    for i in splits:
        # "arbeits|amt" before "arbeit|samt": a linking s goes with the first part.
        tries = [i + 1, i] if typed[i] == "s" and i + 1 < len(typed) - _MIN_SPLIT else [i]
        for at in tries:
            head, tail = typed[:at], typed[at:]
            if not (vocabulary.has(head) or vocabulary.has(head.removesuffix("s"))):
                continue  # "Kinder|arzt" and "Arbeits|amt" split, "Absch|lusse" does not
            parts = analyse(head) + analyse(tail)
            if len(parts) != 2:
                continue
            right = terms_for(vocabulary, parts[1])
            if right:
                left = terms_for(vocabulary, parts[0]) or [Term(head)]
                return (parts[0].typed, left), (parts[1].typed, right)
    return None


def compounds(vocabulary: Vocabulary, stem: str) -> list[str]:
    """Indexed compounds that end in `stem`, inflected or not (Sprachkurse for kurs), the
    most frequent first. The end, because a German compound names its kind last: "thal"
    in the middle of "Aufenthalt" is no Thale."""
    found = []
    for term in vocabulary.holding(stem):
        at = term.rindex(stem)
        if term[:at] in _PREFIXES:
            continue  # "verlangen", "gelangen", "solange" are no kind of "lange"
        rest = term[at + len(stem) :]
        if rest in _ENDINGS or _is_part(vocabulary, rest):
            found.append(term)
            if len(found) == MAX_PARTS:
                break
    return found


def _is_part(vocabulary: Vocabulary, rest: str) -> bool:
    """Whether what follows in a compound is a word of its own ("praxis" in
    "Hausarztpraxis"), perhaps after the linking s ("Arbeitsamt")."""
    if rest.startswith("s") and len(rest) > MIN_PART:
        rest = rest[1:]
    return len(rest) >= MIN_PART and vocabulary.starts(rest)
