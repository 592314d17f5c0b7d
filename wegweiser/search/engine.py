"""Offline search across sheets, contact points, offers and network partners.

The query is analysed by the one rule for it (`wegweiser.query`, which the service that
suggests topics applies too): filler and question words dropped, each
word reduced to its stem and matched as a prefix. Each word also finds the compounds
that end in it ("Kurs" finds "Sprachkurs", "Arzt" finds "Hausarzt"; see
`wegweiser.search.compounds`), read from the index's vocabulary
(`wegweiser.search.vocabulary`); a word that starts and ends no indexed word
is taken for a typo and replaced by the indexed words within one or two edits ("Jobcentr" →
"Jobcenter"), which the result reports as the correction; with no such word, it may be a
compound whose parts are indexed ("Kinderarzt": "Kinder" and "Arzt"). Its last part
names the kind of thing, so every hit holds it and those holding both parts come first;
the result says that the word itself is in no entry (`Found.related`).

The region's synonyms (part of its data) add the Wegweiser's word to what people type:
"Dolmetscher" finds "Sprachmittlung", "طبيب" finds "Arzt", "Hartz IV" finds "Bürgergeld".

Words are joined with OR and ranked: records holding more of the words first (so that a
page holding most of them ranks above one whose title holds one), then those whose
title holds every word, then those whose title holds one, then those holding more words
as themselves (not only inside a compound: "Kurs" before "Sprachkurs"; a word found
through many compounds counts once), then those of the topics of the sheets whose title
answers the query, then FTS5's bm25 with the title weighted ten
times the body. When the titles holding every word fill the page, only those are ranked
(bm25 over thousands of body matches is what costs). A search with fewer than three hits
is repeated with every compound's parts, and ranked anew. A single letter is looked for
in titles only. Spelling of umlauts never matters (`wegweiser.text.fold`). District-wide
entries belong to every Kommune, and entries of a Verbandsgemeinde to each of its members.
"""

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from wegweiser.model import InfoSheet
from wegweiser.query import Word, analyse, stem_of
from wegweiser.search import index as search_index
from wegweiser.search.compounds import split, terms_for
from wegweiser.search.corrections import as_whole_word, corrections_of, split_mistyped
from wegweiser.search.index import fulltext
from wegweiser.search.terms import Match, Scope, SearchHit, Term
from wegweiser.search.vocabulary import Synonyms, Vocabulary, vocabulary_of
from wegweiser.text import fold, search_terms, umlaut_readings

__all__ = ["Found", "Match", "SearchHit", "build_match", "search"]

_WORD = re.compile(r"\w+")
_FEW = 3
_SHEET = InfoSheet.entity
"""With fewer hits than this, the search is repeated with every word's parts as well."""


@dataclass(frozen=True)
class Found:
    """The hits of one query, and how the query was understood."""

    hits: list[SearchHit] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    """Typed word → the indexed word searched instead ("jobcentr" → "jobcenter")."""
    related: dict[str, str] = field(default_factory=dict)
    """Typed word no entry holds → the part of it searched instead ("kinderarzt" →
    "arzt"): the hits are related entries, not the thing asked for."""

    @property
    def correction(self) -> str | None:
        """The corrected words, for "Meinten Sie: …?" (None when nothing was corrected)."""
        return " ".join(self.corrections.values()) or None


def build_match(connection: sqlite3.Connection, query: str, broad: bool = False) -> Match | None:
    """What the index is asked for a typed query, or None if nothing searchable was typed.

    Terms are folded words only: punctuation and operators a person types never reach
    the index.
    """
    words = analyse(query)
    if not words:
        return None
    vocabulary = vocabulary_of(connection)
    synonyms = vocabulary.synonyms
    # "ALG", "BAMF": an abbreviation typed in capitals is not a typo of a word.
    abbreviations = {fold(w) for w in _WORD.findall(query) if w.isupper() and len(w) <= 5}
    alternatives: list[list[Term]] = []
    corrections: dict[str, str] = {}
    required: set[int] = set()
    related: dict[str, str] = {}
    at = 0
    while at < len(words):
        length, means = _synonym_at(words, at, synonyms)
        if length:
            # "Dolmetscher" also finds "Sprachmittlung", "Hartz IV" finds "Bürgergeld".
            typed = words[at : at + length]
            own = terms_for(vocabulary, typed[0]) if length == 1 else [_phrase(typed)]
            means_terms = _terms_of_text(vocabulary, means, broad)
            alternatives.append(_unique(own + means_terms))
            at += length
            continue
        word = words[at]
        at += 1
        own = terms_for(vocabulary, word)
        for reading in [] if own else umlaut_readings(word.typed):
            # "Frauenaerztin" typed without umlauts: the Frauenärztin, as the word is not
            # known as typed (and "neuen" is known, so never read as "neun").
            variant = Word(reading, stem_of(reading))
            own = terms_for(vocabulary, variant)
            if own:
                word = variant
                break
        if not own and word.typed not in abbreviations:
            corrected = corrections_of(vocabulary, word)
            if corrected:
                corrections[word.typed] = as_whole_word(vocabulary, corrected[0])
                word = Word(corrected[0], stem_of(corrected[0]))
                own = _unique(t for term in corrected for t in _terms_of_text(vocabulary, term))
        parts = split(vocabulary, word) if broad or not own else None
        if parts is None and not own and word.typed not in abbreviations:
            # "Kindergeltanträgen": a compound nobody wrote, one of its parts mistyped.
            mistyped = split_mistyped(vocabulary, word)
            if mistyped is not None:
                corrections[word.typed], parts = mistyped
        if parts is None:
            alternatives.append(own or [Term(word.stem, prefix=True)])
            continue
        # A compound nobody wrote ("Kinderarzt"), or too few hits ("Deutschkurs"): its
        # parts, each a group of its own that the whole word satisfies too, so that what
        # holds both ranks first. For a compound nobody wrote, the last part names the
        # kind of thing asked for, so every hit holds it ("Kinder" alone finds a women's
        # shelter); a word that is written somewhere keeps its wider net ("Mülltrennung"
        # finds the sheet "Müll trennen").
        (_, head_terms), (tail, tail_terms) = parts
        alternatives.append(_unique(own + head_terms))
        if not own:
            related[word.typed] = tail
            required.add(len(alternatives))
        alternatives.append(_unique(own + tail_terms))
    single_letter = len(words) == 1 and len(words[0].typed) == 1
    return Match(
        alternatives,
        corrections,
        titles_only=single_letter,
        required=frozenset(required),
        related=related,
    )


def _synonym_at(words: list[Word], at: int, synonyms: Synonyms) -> tuple[int, str]:
    """How many words from `at` on are a synonym, and what it means (0 and "": none)."""
    stems = tuple(word.stem for word in words[at:])
    for typed, means in synonyms:
        if stems[: len(typed)] == typed:
            return len(typed), means
    return 0, ""


def _terms_of_text(vocabulary: Vocabulary, text: str, broad: bool = False) -> list[Term]:
    """A word as its stem and compounds (and, `broad`, its parts); several words as a
    phrase."""
    words = analyse(text)
    if len(words) == 1:
        terms = terms_for(vocabulary, words[0]) or [Term(words[0].stem, prefix=True)]
        if broad:
            parts = split(vocabulary, words[0])
            terms += [t for _, part in parts or () for t in part]
        return terms
    return [_phrase(search_terms(text))] if words else []


def _phrase(words: list[Word] | list[str]) -> Term:
    """Words in this order ("agentur fur arbeit")."""
    return Term(" ".join(w if isinstance(w, str) else w.typed for w in words))


def search(
    connection: sqlite3.Connection,
    query: str,
    kommunen: list[str] | None = None,
    topic: str | None = None,
    kinds: list[str] | None = None,
    limit: int = 50,
) -> Found:
    """Find records matching `query`.

    `kommunen`: the Kommune keys to show (a Kommune and its Verbandsgemeinde); entries
    without a Kommune (district-wide) are always included. None means no filter.
    """
    match = build_match(connection, query)
    if match is None:
        return Found()
    scope = Scope(kommunen, topic, kinds)
    hits = _ranked(connection, match, scope, limit)
    if len(hits) < _FEW:
        broad = build_match(connection, query, broad=True)
        if broad is not None and broad.groups != match.groups:
            # The broad match holds every word's own terms too, so it ranks the first
            # hits among the new ones: the counselling place that names both parts
            # of "Schwangerschaftsberatung" above a sheet that merely holds the word.
            more = _ranked(connection, broad, scope, limit)
            seen = {hit.record_id for hit in more}
            hits = (more + [hit for hit in hits if hit.record_id not in seen])[:limit]
    return Found(hits, match.corrections, match.related)


def _ranked(
    connection: sqlite3.Connection, match: Match, scope: Scope, limit: int
) -> list[SearchHit]:
    """The hits, ranked once more with the topics of the sheets whose title answers
    the query, when there are such sheets and other hits to order."""
    index = fulltext(connection)
    hits = index.ranked(connection, match, scope, limit)
    answering = [hit.record_id for hit in hits if hit.kind == _SHEET and hit.in_title]
    if not answering or all(hit.in_title for hit in hits):
        return hits
    topics = search_index.entry_topics(connection, answering)
    return index.ranked(connection, replace(match, topics=topics), scope, limit)


def _unique(terms: Iterable[Term]) -> list[Term]:
    return list(dict.fromkeys(terms))
