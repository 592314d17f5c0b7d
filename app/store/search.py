"""Offline search across sheets, contact points, offers and network partners.

Every typed word matches as a prefix ("Job" finds "Jobcenter"), all words must match,
and spelling of umlauts does not matter (see `wegweiser.text.fold`). Hits whose title
contains all words rank above hits found only in the body; within each tier FTS5's
bm25 ranks, with the title weighted ten times the body. District-wide entries belong
to every Kommune, and entries of a Verbandsgemeinde to each of its members.
"""

import sqlite3
from dataclasses import dataclass

from wegweiser.text import search_terms

_MAX_TERMS = 12


@dataclass(frozen=True)
class SearchHit:
    """One search result, enough to list it and to open the record."""

    kind: str
    record_id: str
    title: str
    subtitle: str
    language: str
    in_title: bool


def build_match(query: str) -> str | None:
    """The FTS5 expression for a typed query, or None if nothing searchable was typed.

    Each word is quoted, so operators and punctuation in user input never reach FTS5
    syntax; quoting plus `*` makes each word a prefix.
    """
    terms = search_terms(query)[:_MAX_TERMS]
    if not terms:
        return None
    return " ".join(f'"{term}"*' for term in terms)


def search(
    connection: sqlite3.Connection,
    query: str,
    kommunen: list[str] | None = None,
    topic: str | None = None,
    kinds: list[str] | None = None,
    limit: int = 50,
) -> list[SearchHit]:
    """Find records matching `query`.

    `kommunen`: the Kommune keys to show (a Kommune and its Verbandsgemeinde); entries
    without a Kommune (district-wide) are always included. None means no filter.
    """
    match = build_match(query)
    if match is None:
        return []
    filters = ["search_fts MATCH :match"]
    params: dict[str, object] = {"match": match, "title_match": f"title : ({match})"}
    if kommunen is not None:
        alternatives = ["e.kommunen = ''"]
        for i, key in enumerate(kommunen):
            alternatives.append(f"instr(e.kommunen, :kommune{i}) > 0")
            params[f"kommune{i}"] = f" {key} "
        filters.append("(" + " OR ".join(alternatives) + ")")
    if topic is not None:
        filters.append("instr(e.topics, :topic) > 0")
        params["topic"] = f" {topic} "
    if kinds is not None:
        placeholders = ", ".join(f":kind{i}" for i in range(len(kinds)))
        filters.append(f"e.kind IN ({placeholders})")
        params.update({f"kind{i}": kind for i, kind in enumerate(kinds)})
    params["limit"] = limit
    sql = f"""
        SELECT e.kind, e.record_id, e.title, e.subtitle, e.language,
               search_fts.rowid IN (
                   SELECT rowid FROM search_fts WHERE search_fts MATCH :title_match
               ) AS in_title
        FROM search_fts JOIN search_entry AS e ON e.rowid = search_fts.rowid
        WHERE {" AND ".join(filters)}
        ORDER BY in_title DESC, bm25(search_fts, 10.0, 1.0), e.title
        LIMIT :limit
    """
    return [
        SearchHit(kind, record_id, title, subtitle, language, bool(in_title))
        for kind, record_id, title, subtitle, language, in_title in connection.execute(sql, params)
    ]
