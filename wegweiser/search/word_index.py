"""The full-text index in plain tables, for a platform whose SQLite has no FTS5.

Some Android Python builds ship SQLite without FTS5; search must work there too, the
same hits in the same order, if slower. This is a small inverted index: `search_word`
holds, per folded word and index entry, how often the word stands in the title and in
the body (and the entry's length, for bm25); `search_text` holds the folded text with
single spaces, for phrases. bm25 is computed here as FTS5 computes it: the rarity of a
term counted in the whole index (not the Kommune searched), a title-only search
counting titles only, and the same short cut when the titles holding every word fill
the page (`tests/app/store/test_search_order.py` holds both to the same order).
"""

import math
import re
import sqlite3
from dataclasses import dataclass

from wegweiser.search.terms import TITLE_WEIGHT, Match, Scope, SearchHit, Term, on_topic_sql

CREATE_TABLES = """
CREATE TABLE search_word (
    term TEXT NOT NULL,
    entry INTEGER NOT NULL,
    in_title INTEGER NOT NULL,
    in_body INTEGER NOT NULL,
    length INTEGER NOT NULL,
    PRIMARY KEY (term, entry)
) WITHOUT ROWID;
CREATE INDEX search_word_entry ON search_word (entry);
CREATE TABLE search_text (
    entry INTEGER NOT NULL PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    length INTEGER NOT NULL
)"""

_WORD = re.compile(r"[^\W_]+")
"""A word as FTS5's unicode61 tokenizer sees it: letters and digits."""
_K1 = 1.2
_B = 0.75
"""bm25's constants, as FTS5 sets them."""
_LAST = "\U0010ffff"


def write(connection: sqlite3.Connection, texts: list[tuple[int, str, str]]) -> None:
    """Index (entry, folded title, folded body) of each new index entry."""
    postings: list[tuple[str, int, int, int, int]] = []
    spaced: list[tuple[int, str, str, int]] = []
    for entry, title, body in texts:
        title_words, body_words = _WORD.findall(title), _WORD.findall(body)
        counts: dict[str, list[int]] = {}
        for column, words in enumerate((title_words, body_words)):
            for word in words:
                counts.setdefault(word, [0, 0])[column] += 1
        length = len(title_words) + len(body_words)
        postings.extend((word, entry, t, b, length) for word, (t, b) in counts.items())
        spaced.append((entry, _spaced(title_words), _spaced(body_words), length))
    connection.executemany(
        "INSERT INTO search_word (term, entry, in_title, in_body, length) VALUES (?, ?, ?, ?, ?)",
        postings,
    )
    connection.executemany(
        "INSERT INTO search_text (entry, title, body, length) VALUES (?, ?, ?, ?)", spaced
    )


def remove(connection: sqlite3.Connection, entries: list[int]) -> None:
    rows = [(entry,) for entry in entries]
    connection.executemany("DELETE FROM search_word WHERE entry = ?", rows)
    connection.executemany("DELETE FROM search_text WHERE entry = ?", rows)


def clear(connection: sqlite3.Connection) -> None:
    connection.execute("DELETE FROM search_word")
    connection.execute("DELETE FROM search_text")


def documents(connection: sqlite3.Connection) -> dict[str, int]:
    """Every indexed word and the number of records that hold it."""
    return dict(connection.execute("SELECT term, count(*) FROM search_word GROUP BY term"))


@dataclass
class _Found:
    """What one group of terms found in one entry."""

    in_title: bool = False
    own: bool = False
    """Found as the word itself, not only inside a compound."""
    score: float = 0.0


def ranked(
    connection: sqlite3.Connection, match: Match, scope: Scope, limit: int
) -> list[SearchHit]:
    """The hits of `match` in `scope`, best first (see `wegweiser.search.terms`)."""
    where, params = scope.sql()
    entries, average = connection.execute(
        "SELECT count(*), avg(length) FROM search_text"
    ).fetchone()
    if not entries:
        return []
    average = average or 1.0  # every entry empty
    bm25 = _Bm25(connection, where, params, entries, average)
    groups = bm25.scored(match.groups, match.titles_only)
    titled = [entry for entry in groups[0] if all(_in_title(group, entry) for group in groups)]
    if len(titled) >= limit:
        # As FTS5 does: when the titles holding every word fill the page, only those are
        # ranked, by bm25 of their titles.
        by_title = bm25.scored(match.groups, titles_only=True)
        every = len(groups)
        ranks = {entry: (every, True, True, 0, False, _sum(by_title, entry)) for entry in titled}
        return _page(connection, ranks, limit)

    candidates = {
        entry
        for group in groups
        for entry in group
        if all(entry in groups[i] for i in match.required)
    }
    on_topic = _on_topic(connection, match.topics, candidates)

    def rank(entry: int) -> _Rank:
        per_group = [group.get(entry) for group in groups]
        return (
            sum(hit is not None for hit in per_group),
            all(hit is not None and hit.in_title for hit in per_group),
            any(hit is not None and hit.in_title for hit in per_group),
            sum(hit is not None and hit.own for hit in per_group),
            entry in on_topic,
            _sum(groups, entry),
        )

    return _page(connection, {entry: rank(entry) for entry in candidates}, limit)


def _page(connection: sqlite3.Connection, ranks: dict[int, "_Rank"], limit: int) -> list[SearchHit]:
    """The best `limit` of the ranked entries, as hits."""
    best = sorted(ranks, key=lambda entry: ranks[entry], reverse=True)
    # Equal ranks go by title, as FTS5's ORDER BY has it: read titles for the page only.
    cut = best[:limit]
    while len(cut) < len(best) and ranks[best[len(cut)]] == ranks[cut[-1]]:
        cut.append(best[len(cut)])
    rows = {
        row[0]: row[1:]
        for row in connection.execute(
            "SELECT rowid, kind, record_id, title, subtitle, language FROM search_entry"
            f" WHERE rowid IN ({', '.join(str(entry) for entry in cut)})"
        )
    }
    ordered = sorted(cut, key=lambda entry: (_descending(ranks[entry]), rows[entry][2]))
    return [
        SearchHit(kind, record_id, title, subtitle, language, ranks[entry][1])
        for entry in ordered[:limit]
        for kind, record_id, title, subtitle, language in [rows[entry]]
    ]


class _Bm25:
    """bm25 of index entries as FTS5 computes it, per group of alternative terms."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        where: str,
        params: dict[str, object],
        entries: int,
        average: float,
    ) -> None:
        self.connection, self.where, self.params = connection, where, params
        self.entries, self.average = entries, average

    def scored(self, groups: list[list[Term]], titles_only: bool) -> list[dict[int, _Found]]:
        """Per group, what each entry in scope holding one of its terms scores."""
        return [self._group(group, titles_only) for group in groups]

    def _group(self, group: list[Term], titles_only: bool) -> dict[int, _Found]:
        found: dict[int, _Found] = {}
        for term in group:
            postings = _postings(self.connection, term, self.where, self.params, titles_only)
            # As FTS5's: the entries holding the term in the whole index, not the scope.
            held = _held(self.connection, term, titles_only) if self.where else len(postings)
            idf = max(math.log((self.entries - held + 0.5) / (held + 0.5)), 1e-6)
            for entry, in_title, in_body, length in postings:
                weighted = TITLE_WEIGHT * in_title + (0 if titles_only else in_body)
                norm = _K1 * (1 - _B + _B * length / self.average)
                hit = found.setdefault(entry, _Found())
                hit.in_title |= in_title > 0
                hit.own |= not term.compound
                hit.score += idf * weighted * (_K1 + 1) / (weighted + norm)
        return found


def _in_title(group: dict[int, _Found], entry: int) -> bool:
    hit = group.get(entry)
    return hit is not None and hit.in_title


def _sum(groups: list[dict[int, _Found]], entry: int) -> float:
    return sum(group[entry].score for group in groups if entry in group)


def _postings(
    connection: sqlite3.Connection,
    term: Term,
    where: str,
    params: dict[str, object],
    titles_only: bool,
) -> list[tuple[int, int, int, int]]:
    """(entry, times in title, times in body, entry length) of each entry holding `term`."""
    titles = " AND w.in_title > 0" if titles_only else ""
    if " " not in term.text:
        condition = "w.term >= :low AND w.term < :high" if term.prefix else "w.term = :low"
        # A prefix may match several words of one entry ("kurs", "kurse"): FTS5 counts
        # them all as hits of the one term.
        return connection.execute(
            "SELECT w.entry, sum(w.in_title), sum(w.in_body), max(w.length)"
            " FROM search_word AS w JOIN search_entry AS e ON e.rowid = w.entry"
            f" WHERE {condition}{titles}{where} GROUP BY w.entry",
            {**params, "low": term.text, "high": term.text + _LAST},
        ).fetchall()
    # A phrase: its words in this order, found in the spaced text.
    phrase = f" {term.text} "
    rows = connection.execute(
        "SELECT t.entry, t.title, t.body, t.length FROM search_text AS t"
        " JOIN search_entry AS e ON e.rowid = t.entry"
        f" WHERE (instr(t.title, :phrase) > 0 OR instr(t.body, :phrase) > 0){where}",
        {**params, "phrase": phrase},
    ).fetchall()
    return [
        (entry, title.count(phrase), body.count(phrase), length)
        for entry, title, body, length in rows
        if not titles_only or phrase in title
    ]


def _held(connection: sqlite3.Connection, term: Term, titles_only: bool) -> int:
    """How many index entries hold `term` (in their title, `titles_only`)."""
    if " " not in term.text:
        condition = "term >= :low AND term < :high" if term.prefix else "term = :low"
        titles = " AND in_title > 0" if titles_only else ""
        query = f"SELECT count(DISTINCT entry) FROM search_word WHERE {condition}{titles}"
        bounds = {"low": term.text, "high": term.text + _LAST}
        return int(connection.execute(query, bounds).fetchone()[0])
    body = "" if titles_only else " OR instr(body, :phrase) > 0"
    query = f"SELECT count(*) FROM search_text WHERE instr(title, :phrase) > 0{body}"
    return int(connection.execute(query, {"phrase": f" {term.text} "}).fetchone()[0])


_Rank = tuple[int, bool, bool, int, bool, float]
"""How many of the words, title holds every word, title holds one, how many words as
themselves (not only in a compound), on topic, bm25."""


def _descending(rank: _Rank) -> _Rank:
    covered, in_title, names_one, own, on_topic, score = rank
    return (-covered, not in_title, not names_one, -own, not on_topic, -score)


def _on_topic(
    connection: sqlite3.Connection, topics: tuple[str, ...], entries: set[int]
) -> set[int]:
    """Those of `entries` that are of one of `topics`."""
    if not topics or not entries:
        return set()
    params: dict[str, object] = {}
    condition = on_topic_sql(topics, params)
    listed = ", ".join(str(entry) for entry in entries)
    return {
        row[0]
        for row in connection.execute(
            f"SELECT rowid FROM search_entry AS e WHERE rowid IN ({listed}) AND {condition}",
            params,
        )
    }


def _spaced(words: list[str]) -> str:
    # A space at both ends, so that " word " finds whole words only.
    return f" {' '.join(words)} "
