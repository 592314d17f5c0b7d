"""What a mistyped word is read as: the indexed words, or beginnings of longer ones,
within its typo limit (`wegweiser.query.typo_limit`), and the whole word "Meinten Sie"
shows for it; or a compound with a typo in one of its parts ("Kindergeltanträgen")."""

from wegweiser.query import Word, analyse, edit_distance, typo_limit
from wegweiser.search.compounds import Parts, split_points, terms_for
from wegweiser.search.vocabulary import Vocabulary

_MAX_CORRECTIONS = 5
_MIN_MISTYPED_PART = 4
"""The shortest part of a compound read with a typo: shorter, a typo is a guess."""


def corrections_of(vocabulary: Vocabulary, word: Word) -> list[str]:
    """Indexed words, or beginnings of longer ones ("hausarzt" in "hausarztpraxis"),
    within the word's typo limit: same first letter, similar length; the closest
    first, then the most frequent.

    Most slips come after the third letter, so those words are tried first; only when
    none is close enough are all words with the same first letter compared.
    """
    typed = word.typed
    for start in (typed[:3], typed[0]):
        found = _close_words(vocabulary, typed, vocabulary.starting(start))
        if found:
            return found
    return []


def as_whole_word(vocabulary: Vocabulary, term: str) -> str:
    """A correction as "Meinten Sie" shows it: a whole word an entry holds, where the
    closest was the beginning of longer ones ("hausarzt" of "hausarztpraxis" is shown
    as the most frequent word it begins)."""
    if vocabulary.has(term):
        return term
    return max(vocabulary.starting(term), key=lambda word: vocabulary.documents[word], default=term)


def split_mistyped(vocabulary: Vocabulary, word: Word) -> tuple[str, Parts] | None:
    """A compound nobody wrote with a typo in one of its parts ("Kindergelt|anträgen",
    "Integrationskurs|anmeldng"): the word as corrected ("kindergeldantragen") and its
    two parts, as `compounds.split` gives them. Mistyped parts become indexed words
    within the whole word's typo limit; the fewest typos win, then a last part that is
    a word of its own ("antragen", not "tantragen"), then the most even split. None
    when no split fits."""
    typed = word.typed
    limit = typo_limit(typed)
    best: tuple[tuple[int, bool, int], str, Parts] | None = None
    for order, at in enumerate(split_points(typed)):
        head, tail = typed[:at], typed[at:]
        for first, first_typos in _readings(vocabulary, head, whole=True):
            for last, last_typos in _readings(vocabulary, tail, whole=False):
                typos = first_typos + last_typos
                if not 0 < typos <= limit:
                    continue  # no typo at all is `split`'s
                rank = (typos, not vocabulary.has(last), order)
                if best is None or rank < best[0]:
                    left = terms_for(vocabulary, analyse(first)[0])
                    right = terms_for(vocabulary, analyse(last)[0])
                    best = (rank, first + last, ((first, left), (last, right)))
    return None if best is None else (best[1], best[2])


def _readings(vocabulary: Vocabulary, part: str, whole: bool) -> list[tuple[str, int]]:
    """A compound's part as the index may hold it, with the typos it took: itself, or
    (four letters and more) words within its typo limit. A first part must be a whole
    word (a linking s aside); the last is inflected, so found by its stem."""
    words = analyse(part)
    if len(words) != 1:
        return []
    if whole:
        found = vocabulary.has(part) or vocabulary.has(part.removesuffix("s"))
    else:
        found = bool(terms_for(vocabulary, words[0]))
    if found:
        return [(part, 0)]
    if len(part) < _MIN_MISTYPED_PART:
        return []
    limit = typo_limit(part)
    return [
        (corrected, edit_distance(part, corrected, limit))
        for corrected in corrections_of(vocabulary, words[0])
        if not whole or vocabulary.has(corrected)
    ]


def _close_words(vocabulary: Vocabulary, typed: str, terms: list[str]) -> list[str]:
    limit = typo_limit(typed)
    candidates: dict[str, int] = {}
    for term in terms:
        if len(term) < len(typed) - limit:
            continue
        candidate = term[: len(typed)] if len(term) > len(typed) + limit else term
        candidates[candidate] = candidates.get(candidate, 0) + vocabulary.documents[term]
    scored = []
    for candidate, documents in candidates.items():
        distance = edit_distance(typed, candidate, limit)
        if distance <= limit:
            scored.append((distance, -documents, candidate))
    scored.sort()
    return [candidate for _, _, candidate in scored[:_MAX_CORRECTIONS]]
