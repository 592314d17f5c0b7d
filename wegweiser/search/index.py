"""The offline full-text index: what each record contributes, and keeping it current.

The index holds what search filters on (kind, Kommunen, topics, language) in
`search_entry` and the folded text (see `wegweiser.text.fold`) in one of two kinds of
full-text index: FTS5 (`wegweiser.search.fts5_index`) where the platform's SQLite has it, plain
tables (`wegweiser.search.word_index`) where it has not. The store records which one it holds
(`kind_of`); `prepare` switches when the platform changed. Records are indexed in the
same transaction that writes them, so the index never disagrees with the content.
"""

import json
import sqlite3
from dataclasses import dataclass
from typing import Literal, Protocol

from pydantic import ValidationError
from sqlalchemy import JSON

from wegweiser.kinds import ENTRY_KINDS, KINDS, title_of
from wegweiser.model import (
    ContactPoint,
    InfoSheet,
    NetworkPartner,
    Offer,
    SyncedRecord,
    address_lines,
    kommunen_of,
    staff_only,
    topics_of,
)
from wegweiser.search import fts5_index, word_index
from wegweiser.search.terms import Match, Scope, SearchHit
from wegweiser.text import fold

SEARCHABLE: tuple[type[SyncedRecord], ...] = tuple(kind.model for kind in ENTRY_KINDS)
"""The entities search finds; their `entity` name is the hit's kind."""

IndexKind = Literal["fts5", "plain"]


class FullText(Protocol):
    """What each kind of full-text index offers (the modules `fts5_index`, `word_index`)."""

    def write(self, connection: sqlite3.Connection, texts: list[tuple[int, str, str]]) -> None:
        """Index (entry, folded title, folded body) of each new index entry."""

    def remove(self, connection: sqlite3.Connection, entries: list[int]) -> None: ...

    def clear(self, connection: sqlite3.Connection) -> None: ...

    def documents(self, connection: sqlite3.Connection) -> dict[str, int]:
        """Every indexed word and the number of records that hold it."""

    def ranked(
        self, connection: sqlite3.Connection, match: Match, scope: Scope, limit: int
    ) -> list[SearchHit]:
        """The hits of `match` in `scope`, best first."""


_CHUNK = 500
"""Ids per IN (…): older SQLite builds allow 999 parameters to a statement."""
_KIND_KEY = "search_index"
"""The `store_meta` key that says which kind of full-text index the store holds."""
_FOLDING_KEY = "search_folding"
FOLDING = "2"
"""Which `text.fold` the index was written with; a store indexed with another is indexed
anew at its next start (2: "ue" is no longer folded to "u" in what is indexed)."""


@dataclass(frozen=True)
class IndexEntry:
    """What one record puts into the index."""

    kind: str
    record_id: str
    kommunen: list[str]
    topics: list[str]
    language: str
    title: str
    subtitle: str
    body: str


def entry_for(record: SyncedRecord) -> IndexEntry | None:
    """The index entry of a record, or None if search must not find it."""
    if record.deleted or staff_only(record) or not KINDS[record.entity].editable:
        return None  # drafts and archived entries are found in the editor's lists only
    language = record.language if isinstance(record, InfoSheet) else "de"
    subtitle, body = _subtitle_and_body(record)
    return IndexEntry(
        record.entity,
        record.id,
        kommunen_of(record),
        topics_of(record),
        language,
        title_of(record),
        subtitle,
        body,
    )


def _subtitle_and_body(record: SyncedRecord) -> tuple[str, str]:
    """What a hit shows under its title, and the rest of what search reads."""
    if isinstance(record, InfoSheet):
        return "", _strip_markdown(record.body)
    if isinstance(record, ContactPoint):
        subtitle = ", ".join(p for p in (record.organisation, record.city) if p)
        words = [record.organisation or "", record.description, " ".join(address_lines(record))]
        return subtitle, " ".join([*words, " ".join(record.target_groups)])
    if isinstance(record, Offer):
        return record.schedule or "", f"{record.description} {record.schedule or ''}"
    assert isinstance(record, NetworkPartner)
    # Personal contact data is never indexed, with or without consent.
    return "", record.description


def index_record(connection: sqlite3.Connection, record: SyncedRecord) -> None:
    """Bring the index in line with `record` (insert, replace or remove its entry)."""
    index_records(connection, [record])


def index_records(connection: sqlite3.Connection, records: list[SyncedRecord]) -> None:
    """Bring the index in line with many records at once: a handful of statements for
    a whole pulled page, not a few per record."""
    # The last of several versions of one record in the batch is the one that counts.
    latest = {record.id: record for record in records if isinstance(record, SEARCHABLE)}
    searchable = list(latest.values())
    remove_all(connection, [record.id for record in searchable])
    entries = [entry for record in searchable if (entry := entry_for(record)) is not None]
    if not entries:
        return
    # Rowids chosen here (inside the write transaction) tie each entry to its text.
    first = connection.execute("SELECT coalesce(max(rowid), 0) + 1 FROM search_entry").fetchone()
    rowids = range(first[0], first[0] + len(entries))
    connection.executemany(
        "INSERT INTO search_entry"
        " (rowid, kind, record_id, kommunen, topics, language, title, subtitle)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                rowid,
                entry.kind,
                entry.record_id,
                _keys(entry.kommunen),
                _keys(entry.topics),
                entry.language,
                entry.title,
                entry.subtitle,
            )
            for rowid, entry in zip(rowids, entries, strict=True)
        ],
    )
    # The Kommunen by name, so that "Jobcenter Thale" finds the Jobcenter in Thale
    # (keys are the folded names, words joined with hyphens).
    texts = [
        (
            rowid,
            fold(entry.title),
            f"{fold(entry.body)} {' '.join(key.replace('-', ' ') for key in entry.kommunen)}",
        )
        for rowid, entry in zip(rowids, entries, strict=True)
    ]
    fulltext(connection).write(connection, texts)


def remove(connection: sqlite3.Connection, record_id: str) -> None:
    """Drop a record from the index, if it is there."""
    remove_all(connection, [record_id])


def remove_all(connection: sqlite3.Connection, record_ids: list[str]) -> None:
    """Drop these records from the index, those that are there."""
    index = fulltext(connection)
    for at in range(0, len(record_ids), _CHUNK):
        chunk = record_ids[at : at + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        rowids = [
            row[0]
            for row in connection.execute(
                f"SELECT rowid FROM search_entry WHERE record_id IN ({marks})", chunk
            )
        ]
        if rowids:
            index.remove(connection, rowids)
            connection.executemany(
                "DELETE FROM search_entry WHERE rowid = ?", [(rowid,) for rowid in rowids]
            )


def rebuild(connection: sqlite3.Connection) -> int:
    """Index every searchable record from scratch; returns how many entries were written."""
    fulltext(connection).clear(connection)
    connection.execute("DELETE FROM search_entry")
    count = 0
    for cls in SEARCHABLE:
        records = read_all(connection, cls)
        index_records(connection, records)
        count += len(records)
    return count


def entry_topics(connection: sqlite3.Connection, record_ids: list[str]) -> tuple[str, ...]:
    """The topic keys of these indexed records, each once, in order."""
    placeholders = ", ".join("?" for _ in record_ids)
    rows = connection.execute(
        f"SELECT topics FROM search_entry WHERE record_id IN ({placeholders})", record_ids
    )
    return tuple(sorted({key for (topics,) in rows for key in topics.split()}))


def kind_of(connection: sqlite3.Connection) -> IndexKind:
    """Which kind of full-text index this store holds.

    A store from before the choice was recorded holds FTS5: it was the only kind.
    """
    return "plain" if _recorded(connection) == "plain" else "fts5"


def fulltext(connection: sqlite3.Connection) -> FullText:
    """The module that keeps and searches this store's kind of full-text index."""
    return word_index if kind_of(connection) == "plain" else fts5_index


def record_fts5(connection: sqlite3.Connection) -> None:
    """Note that the store holds an FTS5 index (a migration step that found one)."""
    _record(connection, "fts5")


def prepare(connection: sqlite3.Connection, use_fts5: bool) -> None:
    """Make the store hold the kind of index this platform can use, rebuilt from the
    content when it held the other kind or was written with another folding (the index
    is derived data: nothing is lost).

    An FTS5 index that this platform cannot read is left as it is: SQLite cannot even
    drop a table whose module it lacks. Called at every start, outside a transaction.
    """
    wanted: IndexKind = "fts5" if use_fts5 else "plain"
    if _prepared(connection, wanted):
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        if _prepared(connection, wanted):  # another connection did it while this one waited
            connection.execute("COMMIT")
            return
        if use_fts5 and not _has_table(connection, "search_fts"):
            connection.execute(fts5_index.CREATE_TABLE)
            connection.execute(fts5_index.CREATE_VOCABULARY)
        if use_fts5:
            word_index.clear(connection)
        elif fts5_index.available() and _has_table(connection, "search_fts"):
            fts5_index.clear(connection)
        _record(connection, wanted)
        _record(connection, FOLDING, _FOLDING_KEY)
        rebuild(connection)
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _prepared(connection: sqlite3.Connection, wanted: IndexKind) -> bool:
    return _recorded(connection) == wanted and _recorded(connection, _FOLDING_KEY) == FOLDING


def record_kind(connection: sqlite3.Connection, kind: IndexKind) -> None:
    """Note which kind of full-text index the database holds."""
    _record(connection, kind)


def _record(connection: sqlite3.Connection, value: str, key: str = _KIND_KEY) -> None:
    query = "INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)"
    connection.execute(query, (key, value))


def _recorded(connection: sqlite3.Connection, key: str = _KIND_KEY) -> str | None:
    row = connection.execute("SELECT value FROM store_meta WHERE key = ?", (key,))
    found = row.fetchone()
    return None if found is None else str(found[0])


def _has_table(connection: sqlite3.Connection, name: str) -> bool:
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return connection.execute(query, (name,)).fetchone() is not None


def read_all(connection: sqlite3.Connection, cls: type[SyncedRecord]) -> list[SyncedRecord]:
    """Every row of an entity's table as records (used outside the ORM): validated, or as
    stored where a row was written under older rules (an upgraded store is indexed anew
    at its first start, and must open whatever it holds)."""
    table = cls.__table__  # type: ignore[attr-defined]
    json_columns = {c.name for c in table.columns if isinstance(c.type, JSON)}
    cursor = connection.execute(f'SELECT * FROM "{table.name}"')
    names = [d[0] for d in cursor.description]
    records = []
    for row in cursor:
        values = dict(zip(names, row, strict=True))
        for name in json_columns:
            values[name] = json.loads(values[name]) if values[name] is not None else []
        try:
            records.append(cls.model_validate(values))
        except ValidationError:
            records.append(cls.model_construct(**values))
    return records


def _keys(keys: list[str]) -> str:
    # Space-delimited with a space at both ends, so `instr(' halberstadt ')` is exact.
    return f" {' '.join(keys)} " if keys else ""


def _strip_markdown(text: str) -> str:
    for mark in ("#", "*", "_", "|", ">", "`"):
        text = text.replace(mark, " ")
    return text
