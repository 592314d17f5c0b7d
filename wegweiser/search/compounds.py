"""Compound words, the way German builds them: a word's kind comes last ("Sprachkurs" is
a kind of "Kurs"), so a typed word also finds the indexed compounds that end in it, and
a typed compound nobody wrote ("Kinderarzt") is searched as its two parts.

A word is not found inside words that mean something else: after a verb prefix
("verlangen" is no kind of "lange"), after a letter or two ("Garten", "warten"), nor
inside another word ("Partnerverzeichnis" holds "Partner", not "Art").
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
_LINKING = ("", "e", "en", "n")
"""What a first part may have lost or gained as a word of its own: "Sprach|kurs" of
"Sprache", "Impf|beratung" of "impfen"."""


def terms_for(vocabulary: Vocabulary, word: Word) -> list[Term]:
    """The word's stem as a prefix, and the indexed compounds that contain it; empty
    when the index holds neither (then the word may be a typo)."""
    terms: list[Term] = []
    if vocabulary.starts(word.stem):
        terms.append(Term(word.stem, prefix=True))
    if word.looks_inside:
        terms.extend(Term(part, compound=True) for part in compounds(vocabulary, word.stem))
    return terms


Parts = tuple[tuple[str, list[Term]], tuple[str, list[Term]]]
"""A compound's two parts, each as a word with its terms."""


def split(vocabulary: Vocabulary, word: Word) -> Parts | None:
    """A compound as its two parts, each a word with its terms ("Kinderarzt": "kinder"
    and "arzt"): the split whose shorter part is longest, a linking s going with the
    first part ("Schwangerschafts|beratung"). None when no split has two indexed parts."""
    typed = word.typed
    for i in split_points(typed):
        # "arbeits|amt" before "arbeit|samt": a linking s goes with the first part,
        # unless only the other split leaves a word ("beratung|stellen", not "tellen").
        tries = [i + 1, i] if typed[i] == "s" and i + 1 < len(typed) - _MIN_SPLIT else [i]
        found = [part for at in tries if (part := _parts_at(vocabulary, typed, at))]
        whole = [part for part in found if _is_word(vocabulary, part[1][0])]
        if whole or found:
            return (whole or found)[0]
    return None


def split_points(word: str) -> list[int]:
    """Where a compound may be split, the most even split first."""
    if not word.isalpha() or len(word) < 2 * _MIN_SPLIT:
        return []
    return sorted(
        range(_MIN_SPLIT, len(word) - _MIN_SPLIT + 1), key=lambda i: -min(i, len(word) - i)
    )


def _parts_at(vocabulary: Vocabulary, typed: str, at: int) -> Parts | None:
    head, tail = typed[:at], typed[at:]
    if not (vocabulary.has(head) or vocabulary.has(head.removesuffix("s"))):
        return None  # "Kinder|arzt" and "Arbeits|amt" split, "Absch|lusse" does not
    parts = analyse(head) + analyse(tail)
    if len(parts) != 2:
        return None
    right = terms_for(vocabulary, parts[1])
    if not right:
        return None
    left = terms_for(vocabulary, parts[0]) or [Term(head)]
    return (parts[0].typed, left), (parts[1].typed, right)


def _is_word(vocabulary: Vocabulary, typed: str) -> bool:
    return any(vocabulary.has(word) for word in (typed, analyse(typed)[0].stem))


def compounds(vocabulary: Vocabulary, stem: str) -> list[str]:
    """Indexed compounds that end in `stem`, inflected or not (Sprachkurse for kurs), the
    most frequent first. The end, because a German compound names its kind last: "thal"
    in the middle of "Aufenthalt" is no Thale."""
    found = []
    for term in vocabulary.holding(stem):
        at = term.rindex(stem)
        if not _is_head(vocabulary, term, at, at + len(stem)):
            continue  # "Bezahlkarte" is no kind of "Art", "verlangen" none of "lange"
        rest = term[at + len(stem) :]
        if rest in _ENDINGS or _is_part(vocabulary, rest):
            found.append(term)
            if len(found) == MAX_PARTS:
                break
    return found


def _is_head(vocabulary: Vocabulary, term: str, at: int, end: int) -> bool:
    """Whether what stands before the word at `at`…`end` of `term` makes a compound
    naming a kind of it: a word of its own ("haus" of "Hausarzt", "sprach" of
    "Sprachkurs"), or letters that begin no other word with the word's ("Kleider" of
    "Kleiderkammer"). Not a prefix that changes the word's meaning ("verlangen"), nor
    the first letters of another word that holds it ("Bezahl|k|arte" is a kind of
    "Karte", not of "Art"; "Sach|ge|biet" of "Gebiet")."""
    head = term[:at]
    if head in _PREFIXES or len(head) < MIN_PART:
        return False
    bare = head.removesuffix("s")  # "Gesundheits|karte"
    if any(vocabulary.has(word + ending) for word in {head, bare} for ending in _LINKING):
        return True
    # A linking s before the word begins no other word ("Standes|amt" is no "samt"),
    # and a prefix inside a compound keeps it ("Schul|an|meldung" is still one).
    before = range(2, 4) if head.endswith("s") else range(1, 4)
    return not any(
        vocabulary.starts(term[at - k : end]) for k in before if term[at - k : at] not in _PREFIXES
    )


def _is_part(vocabulary: Vocabulary, rest: str) -> bool:
    """Whether what follows in a compound is a word of its own ("praxis" in
    "Hausarztpraxis"), perhaps after the linking s ("Arbeitsamt")."""
    if rest.startswith("s") and len(rest) > MIN_PART:
        rest = rest[1:]
    return len(rest) >= MIN_PART and vocabulary.starts(rest)
