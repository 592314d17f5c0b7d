"""What a person is shown for a query: hits grouped by kind, the correction of a mistyped
word ("Meinten Sie: Jobcenter?"), and, with no hits, what to try instead: never a bare
"no results". The app's search screen and the public search page read the same."""

import re
import sqlite3
from dataclasses import dataclass, field

from wegweiser.model import ContactPoint, InfoSheet, NetworkPartner, Offer, Topic
from wegweiser.query import analyse
from wegweiser.search import engine
from wegweiser.search.terms import SearchHit
from wegweiser.text import fold, search_terms

KIND_ORDER = (ContactPoint.entity, InfoSheet.entity, Offer.entity, NetworkPartner.entity)
"""The order in which result groups are shown: what is needed most comes first."""


@dataclass
class SearchResults:
    """Hits of one query, grouped by kind in display order, and what to offer beside
    them: never a bare "no results"."""

    query: str
    groups: dict[str, list[SearchHit]] = field(default_factory=dict)
    correction: str | None = None
    """What was searched instead of a mistyped word ("Jobcenter" for "Jobcentr")."""
    elsewhere: int = 0
    """Hits in all Kommunen, when the chosen Kommune has none."""
    topics: list[Topic] = field(default_factory=list)
    """Topics whose title matches, when there are no hits."""
    related: tuple[str, str] | None = None
    """A typed word no entry holds and the part of it searched instead, as typed
    ("Kinderarzt", "Arzt"): the hits are related entries, and the reader is told so."""

    @property
    def total(self) -> int:
        return sum(len(hits) for hits in self.groups.values())


def search_results(
    connection: sqlite3.Connection,
    query: str,
    scope: list[str] | None,
    topics: list[Topic],
    limit: int = 60,
) -> SearchResults:
    """`query` searched in the Kommunen of `scope` (None: everywhere) on the index in
    `connection`; `topics` are offered when nothing is found."""
    found = engine.search(connection, query, kommunen=scope, limit=limit)
    results = SearchResults(query, correction=_spelled(found), related=_related(found, query))
    for kind in KIND_ORDER:
        group = [hit for hit in found.hits if hit.kind == kind]
        if group:
            results.groups[kind] = group
    if not found.hits:
        if scope is not None:
            results.elsewhere = len(engine.search(connection, query, limit=limit).hits)
        results.topics = _matching_topics(topics, query)
    return results


def _related(found: engine.Found, query: str) -> tuple[str, str] | None:
    """The first word searched by its last part, as typed: ("Kinderärzte", "Ärzte")."""
    for folded, part in found.related.items():
        typed = next((w for w in re.findall(r"\w+", query) if fold(w) == folded), folded)
        written = typed[len(typed) - len(part) :] if len(typed) == len(folded) else part
        return typed, written[:1].upper() + written[1:]
    return None


def _spelled(found: engine.Found) -> str | None:
    """The correction as the data writes it ("Jobcenter", not the index's "jobcenter")."""
    if found.correction is None:
        return None
    words = []
    for term in found.corrections.values():
        written = (
            word
            for hit in found.hits
            for word in re.findall(r"\w+", hit.title)
            if fold(word) == term
        )
        words.append(next(written, term.capitalize()))
    return " ".join(words)


def _matching_topics(topics: list[Topic], query: str) -> list[Topic]:
    """Topics whose title, in any language, has a word that starts with, or holds, a word
    of the query ("Health" and "الصحة" find "Gesundheit")."""
    words = analyse(query)

    def title_words(topic: Topic) -> list[str]:
        return [
            w for title in (topic.title, *topic.translations.values()) for w in search_terms(title)
        ]

    return [
        topic
        for topic in topics
        if any(word.stem in title_word for word in words for title_word in title_words(topic))
    ]
