"""The words of the search index and the region's synonyms, in memory, for the lookups
search makes per typed word: is it a word, does a word start with it, which words hold
it, what else does it mean.

Read from the full-text index (FTS5's own vocabulary, or the plain index's words) and
the synonym table, and kept until either changes (`search_generation`, counted by
triggers): reading the vocabulary costs tens of milliseconds on a district's data, a
lookup here a fraction of one.
"""

import bisect
import json
import sqlite3
import threading
from dataclasses import dataclass, field
from functools import cached_property

from wegweiser.query import analyse
from wegweiser.search.index import fulltext

Synonyms = list[tuple[tuple[str, ...], str]]
"""What people type (the stems of its words) → the Wegweiser's word, longest first."""


@dataclass
class Vocabulary:
    """Every indexed word with the number of records that hold it."""

    documents: dict[str, int] = field(default_factory=dict)
    ordered: list[str] = field(default_factory=list)
    synonyms: Synonyms = field(default_factory=list)

    def has(self, word: str) -> bool:
        return word in self.documents

    def starts(self, prefix: str) -> bool:
        """Whether some indexed word starts with `prefix`."""
        at = bisect.bisect_left(self.ordered, prefix)
        return at < len(self.ordered) and self.ordered[at].startswith(prefix)

    def starting(self, prefix: str) -> list[str]:
        """The indexed words that start with `prefix`, in order."""
        at = bisect.bisect_left(self.ordered, prefix)
        end = bisect.bisect_left(self.ordered, prefix + "\U0010ffff")
        return self.ordered[at:end]

    def holding(self, part: str) -> list[str]:
        """Indexed words that hold `part` after their first letter, most frequent first.

        A district's vocabulary has tens of thousands of words, and a search asks this
        for each word typed: the words are searched joined, by `str.find` in C, visiting
        only the words that hold `part` (0.2 ms instead of 1.2 ms for a typed word's
        stem). A part that very many words hold is quicker tested word by word."""
        text, starts = self._joined
        if not part or "\n" in part or text.count(part) > len(starts) // 10:
            found = [word for word in self.ordered if part and part in word[1:]]
        else:
            found = []
            at = text.find(part, 1)
            while at != -1:
                index = bisect.bisect_right(starts, at) - 1
                if at > starts[index]:
                    found.append(self.ordered[index])
                    # On to the next word: each word is named once.
                    following = starts[index + 1] if index + 1 < len(starts) else len(text)
                    at = text.find(part, following + 1)
                else:  # at the word's first letter: look further in the same word
                    at = text.find(part, at + 1)
        return sorted(found, key=lambda word: -self.documents[word])

    @cached_property
    def _joined(self) -> tuple[str, list[int]]:
        """All words in order, one per line, and where each begins."""
        starts, at = [], 0
        for word in self.ordered:
            starts.append(at)
            at += len(word) + 1
        return "\n".join(self.ordered), starts


_cache: dict[str, tuple[int, Vocabulary]] = {}
_lock = threading.Lock()


def vocabulary_of(connection: sqlite3.Connection) -> Vocabulary:
    """The vocabulary of this store's index, read again only when it changed."""
    path = connection.execute("PRAGMA database_list").fetchone()[2]
    generation = int(connection.execute("SELECT n FROM search_generation").fetchone()[0])
    with _lock:
        cached = _cache.get(path)
        if path and cached is not None and cached[0] == generation:
            return cached[1]
    documents = fulltext(connection).documents(connection)
    vocabulary = Vocabulary(documents, sorted(documents), _synonyms(connection))
    with _lock:
        _cache[path] = (generation, vocabulary)
    return vocabulary


def forget(path: str) -> None:
    """Drop what is kept of the database at `path` (the server's index of an older state)."""
    with _lock:
        _cache.pop(path, None)


def _synonyms(connection: sqlite3.Connection) -> Synonyms:
    found: Synonyms = []
    for term, words in connection.execute("SELECT term, words FROM synonym WHERE NOT deleted"):
        for typed in json.loads(words):
            stems = tuple(word.stem for word in analyse(str(typed)))
            if stems:
                found.append((stems, term))
    found.sort(key=lambda entry: -len(entry[0]))
    return found
