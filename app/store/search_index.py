"""The offline full-text index: what each record contributes, and keeping it current.

The index holds folded text (see `wegweiser.text.fold`) in an FTS5 table and, beside it,
what search filters on: kind, Kommunen, topics, language. Records are indexed in the
same transaction that writes them, so the index never disagrees with the content.
"""

import json
import sqlite3
from dataclasses import dataclass

from sqlalchemy import JSON

from wegweiser.model import (
    ContactPoint,
    InfoSheet,
    NetworkPartner,
    Offer,
    SheetStatus,
    SyncedRecord,
    kommunen_of,
)
from wegweiser.text import fold

SEARCHABLE: tuple[type[SyncedRecord], ...] = (InfoSheet, ContactPoint, Offer, NetworkPartner)
"""The entities search finds; their `entity` name is the hit's kind."""


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
    if record.deleted:
        return None
    if isinstance(record, InfoSheet):
        if record.status != SheetStatus.PUBLISHED:
            return None
        return IndexEntry(
            InfoSheet.entity,
            record.id,
            kommunen_of(record),
            [record.topic_key],
            record.language,
            record.title,
            "",
            _strip_markdown(record.body),
        )
    if isinstance(record, ContactPoint):
        address = " ".join(p for p in (record.street, record.postal_code, record.city) if p)
        return IndexEntry(
            ContactPoint.entity,
            record.id,
            kommunen_of(record),
            list(record.topic_keys),
            "de",
            record.name,
            ", ".join(p for p in (record.organisation, record.city) if p),
            " ".join(
                [
                    record.organisation or "",
                    record.description,
                    address,
                    " ".join(record.target_groups),
                ]
            ),
        )
    if isinstance(record, Offer):
        return IndexEntry(
            Offer.entity,
            record.id,
            kommunen_of(record),
            list(record.topic_keys),
            "de",
            record.title,
            record.schedule or "",
            f"{record.description} {record.schedule or ''}",
        )
    if isinstance(record, NetworkPartner):
        # Personal contact data is never indexed, with or without consent.
        return IndexEntry(
            NetworkPartner.entity,
            record.id,
            kommunen_of(record),
            list(record.topic_keys),
            "de",
            record.name,
            "",
            record.description,
        )
    return None


def index_record(connection: sqlite3.Connection, record: SyncedRecord) -> None:
    """Bring the index in line with `record` (insert, replace or remove its entry)."""
    if not isinstance(record, SEARCHABLE):
        return
    remove(connection, record.id)
    entry = entry_for(record)
    if entry is None:
        return
    cursor = connection.execute(
        "INSERT INTO search_entry (kind, record_id, kommunen, topics, language, title, subtitle)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            entry.kind,
            entry.record_id,
            _keys(entry.kommunen),
            _keys(entry.topics),
            entry.language,
            entry.title,
            entry.subtitle,
        ),
    )
    # The Kommunen by name, so that "Jobcenter Thale" finds the Jobcenter in Thale
    # (keys are the folded names, words joined with hyphens).
    places = " ".join(key.replace("-", " ") for key in entry.kommunen)
    connection.execute(
        "INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)",
        (cursor.lastrowid, fold(entry.title), f"{fold(entry.body)} {places}"),
    )


def remove(connection: sqlite3.Connection, record_id: str) -> None:
    """Drop a record from the index, if it is there."""
    row = connection.execute(
        "SELECT rowid FROM search_entry WHERE record_id = ?", (record_id,)
    ).fetchone()
    if row is not None:
        connection.execute("DELETE FROM search_fts WHERE rowid = ?", (row[0],))
        connection.execute("DELETE FROM search_entry WHERE rowid = ?", (row[0],))


def rebuild(connection: sqlite3.Connection) -> int:
    """Index every searchable record from scratch; returns how many entries were written."""
    connection.execute("DELETE FROM search_fts")
    connection.execute("DELETE FROM search_entry")
    count = 0
    for cls in SEARCHABLE:
        for record in read_all(connection, cls):
            index_record(connection, record)
            count += 1
    return count


def read_all(connection: sqlite3.Connection, cls: type[SyncedRecord]) -> list[SyncedRecord]:
    """Every row of an entity's table as validated records (used outside the ORM)."""
    table = cls.__table__  # type: ignore[attr-defined]
    json_columns = {c.name for c in table.columns if isinstance(c.type, JSON)}
    cursor = connection.execute(f'SELECT * FROM "{table.name}"')
    names = [d[0] for d in cursor.description]
    records = []
    for row in cursor:
        values = dict(zip(names, row, strict=True))
        for name in json_columns:
            values[name] = json.loads(values[name]) if values[name] is not None else []
        records.append(cls.model_validate(values))
    return records


def _keys(keys: list[str]) -> str:
    # Space-delimited with a space at both ends, so `instr(' halberstadt ')` is exact.
    return f" {' '.join(keys)} " if keys else ""


def _strip_markdown(text: str) -> str:
    for mark in ("#", "*", "_", "|", ">", "`"):
        text = text.replace(mark, " ")
    return text
