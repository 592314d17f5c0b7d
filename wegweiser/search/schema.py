"""The tables search needs, made at once in a new database: the public pages' index on
the server. (The tablet's store reached the same tables step by step, through its
migrations in `app/store/migrations.py`, which stay as they were written.)"""

import sqlite3

from wegweiser.search import fts5_index, index, word_index

TABLES = """
CREATE TABLE store_meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE search_entry (
    rowid INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL UNIQUE,
    kommunen TEXT NOT NULL,
    topics TEXT NOT NULL,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    subtitle TEXT NOT NULL
);
CREATE TABLE synonym (term TEXT NOT NULL, words TEXT NOT NULL, deleted BOOLEAN NOT NULL);
CREATE TABLE search_generation (n INTEGER NOT NULL);
INSERT INTO search_generation (n) VALUES (0);
"""


def create(connection: sqlite3.Connection) -> None:
    """Search's tables in the empty database of `connection`: FTS5 where this SQLite has
    it, plain tables where not (as on the tablet)."""
    connection.executescript(TABLES + word_index.CREATE_TABLES)
    if fts5_index.available():
        connection.execute(fts5_index.CREATE_TABLE)
        connection.execute(fts5_index.CREATE_VOCABULARY)
    index.record_kind(connection, "fts5" if fts5_index.available() else "plain")
