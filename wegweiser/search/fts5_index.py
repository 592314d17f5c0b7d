"""The full-text index in SQLite's FTS5: fast, ranked by FTS5's own bm25.

Used wherever the platform's SQLite has FTS5 (`available`); `wegweiser.search.word_index` is
the same index in plain tables for the others.
"""

import functools
import sqlite3

from wegweiser.search.terms import TITLE_WEIGHT, Match, Scope, SearchHit, Term, on_topic_sql

CREATE_TABLE = """
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 2'
)"""
CREATE_VOCABULARY = "CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'row')"

_ALSO = "search_fts.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH {})"
"""Whether a hit also matches another expression (a tier of the ranking)."""
_BM25 = f"bm25(search_fts, {TITLE_WEIGHT}, 1.0)"


@functools.cache
def available() -> bool:
    """Whether this platform's SQLite has FTS5 (some Android Python builds do not)."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()


def write(connection: sqlite3.Connection, texts: list[tuple[int, str, str]]) -> None:
    """Index (entry, folded title, folded body) of each new index entry."""
    connection.executemany("INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)", texts)


def remove(connection: sqlite3.Connection, entries: list[int]) -> None:
    connection.executemany(
        "DELETE FROM search_fts WHERE rowid = ?", [(entry,) for entry in entries]
    )


def clear(connection: sqlite3.Connection) -> None:
    connection.execute("DELETE FROM search_fts")


def documents(connection: sqlite3.Connection) -> dict[str, int]:
    """Every indexed word and the number of records that hold it."""
    return dict(connection.execute("SELECT term, doc FROM search_vocab"))


def expression(terms: list[Term]) -> str:
    """Alternative terms as an FTS5 expression. Every term is quoted, so operators and
    punctuation typed by a person never reach FTS5 syntax."""
    return "(" + " OR ".join(f'"{t.text}"' + ("*" if t.prefix else "") for t in terms) + ")"


def any_word(match: Match) -> str:
    """The expression a record must match to be a hit."""
    found = " OR ".join(expression(group) for group in match.groups)
    if match.required:
        needed = (expression(match.groups[i]) for i in sorted(match.required))
        found = " AND ".join([f"({found})", *needed])
    return f"title : ({found})" if match.titles_only else found


def every_word(match: Match) -> str:
    return " AND ".join(expression(group) for group in match.groups)


def ranked(
    connection: sqlite3.Connection, match: Match, scope: Scope, limit: int
) -> list[SearchHit]:
    """The hits of `match` in `scope`, best first (see `wegweiser.search.terms`)."""
    where, params = scope.sql()
    params["limit"] = limit
    # Records with every word in their title come first anyway. When there are enough of
    # them, ranking only those spares bm25 over thousands of body matches ("Kinder").
    params["title_every_word"] = f"title : ({every_word(match)})"
    rows = connection.execute(
        f"""
        SELECT e.kind, e.record_id, e.title, e.subtitle, e.language
        FROM search_fts JOIN search_entry AS e ON e.rowid = search_fts.rowid
        WHERE search_fts MATCH :title_every_word {where}
        ORDER BY {_BM25}, e.title
        LIMIT :limit
        """,
        params,
    ).fetchall()
    if len(rows) == limit:
        return [SearchHit(k, i, title, sub, language, True) for k, i, title, sub, language in rows]

    params["any_word"] = any_word(match)
    if len(match.groups) == 1:
        # One word: every hit has every word, and the two title tiers are one.
        covered, title_names_one = "1", _ALSO.format(":title_every_word")
    else:
        # How many of the words a record holds, so that the course holding most of
        # them ranks above a page whose title holds one ("kostet").
        covered = " + ".join(f"({_ALSO.format(f':word{i}')})" for i in range(len(match.groups)))
        params.update({f"word{i}": expression(g) for i, g in enumerate(match.groups)})
        title_names_one = _ALSO.format(":title_any_word")
        params["title_any_word"] = f"title : ({' OR '.join(map(expression, match.groups))})"
    on_topic = on_topic_sql(match.topics, params)
    ranking = connection.execute(
        f"""
        SELECT e.kind, e.record_id, e.title, e.subtitle, e.language,
               {covered} AS covered,
               {_own_words(match, params)} AS own_words,
               {_ALSO.format(":title_every_word")} AS in_title,
               {title_names_one} AS title_names_one,
               {on_topic} AS on_topic
        FROM search_fts JOIN search_entry AS e ON e.rowid = search_fts.rowid
        WHERE search_fts MATCH :any_word {where}
        ORDER BY covered DESC, in_title DESC, title_names_one DESC, own_words DESC, on_topic DESC,
                 {_BM25}, e.title
        LIMIT :limit
        """,
        params,
    )
    return [
        SearchHit(kind, record_id, title, subtitle, language, bool(in_title))
        for kind, record_id, title, subtitle, language, _, _, in_title, _, _ in ranking
    ]


def _own_words(match: Match, params: dict[str, object]) -> str:
    """How many words a record holds as themselves, not only inside a compound, as an
    SQL expression (its values added to `params`)."""
    counted = []
    for i, group in enumerate(match.groups):
        own = [term for term in group if not term.compound]
        if len(own) == len(group):
            counted.append("1" if len(match.groups) == 1 else f"({_ALSO.format(f':word{i}')})")
        elif own:
            params[f"own{i}"] = expression(own)
            counted.append(f"({_ALSO.format(f':own{i}')})")
    return " + ".join(counted) or "0"
