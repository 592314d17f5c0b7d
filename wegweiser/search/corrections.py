"""What a mistyped word is read as: the indexed words, or beginnings of longer ones,
within its typo limit (`wegweiser.query.typo_limit`), and the whole word "Meinten Sie"
shows for it."""

from wegweiser.query import Word, edit_distance, typo_limit
from wegweiser.search.vocabulary import Vocabulary

_MAX_CORRECTIONS = 5


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
