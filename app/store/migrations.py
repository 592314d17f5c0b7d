"""Versioned schema migrations of the local store (PRAGMA user_version).

Each step is frozen once released: a new app version appends a step and never edits
an old one, so that a file written by any earlier version opens without losing data.
`tests/app/store/test_migrations.py` checks that the migrated schema matches the
entity definitions in `wegweiser.model` and that a file of schema 1 keeps its data.
"""

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from app.store import migration_steps
from wegweiser.search import fts5_index, word_index
from wegweiser.search import index as search_index


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    def apply(connection: sqlite3.Connection) -> None:
        for statement in sql.split(";\n"):
            if statement.strip():
                connection.execute(statement)

    return apply


_V1_CONTENT_TABLES = """
CREATE TABLE store_meta (
    key TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE region (
    id VARCHAR(36) NOT NULL, version INTEGER NOT NULL, deleted BOOLEAN NOT NULL,
    updated_at DATETIME, "key" VARCHAR(64) NOT NULL, name VARCHAR(200) NOT NULL,
    state VARCHAR(2) NOT NULL, coordination_name VARCHAR(300) NOT NULL,
    coordination_email VARCHAR(200) NOT NULL, coordination_phone VARCHAR(50),
    coordination_address VARCHAR(500) NOT NULL, website VARCHAR(500),
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_region_key ON region ("key");
CREATE TABLE kommune (
    id VARCHAR(36) NOT NULL, version INTEGER NOT NULL, deleted BOOLEAN NOT NULL,
    updated_at DATETIME, "key" VARCHAR(64) NOT NULL, ags VARCHAR(8),
    name VARCHAR(200) NOT NULL, kind VARCHAR(16) NOT NULL, parent_key VARCHAR(64),
    latitude FLOAT, longitude FLOAT,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_kommune_key ON kommune ("key");
CREATE TABLE topic (
    id VARCHAR(36) NOT NULL, version INTEGER NOT NULL, deleted BOOLEAN NOT NULL,
    updated_at DATETIME, "key" VARCHAR(64) NOT NULL, title VARCHAR(200) NOT NULL,
    icon VARCHAR(64) NOT NULL, sort_order INTEGER NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_topic_key ON topic ("key");
CREATE TABLE info_sheet (
    id VARCHAR(36) NOT NULL, version INTEGER NOT NULL, deleted BOOLEAN NOT NULL,
    updated_at DATETIME, topic_key VARCHAR(64) NOT NULL, kommune_key VARCHAR(64),
    title VARCHAR(300) NOT NULL, body VARCHAR(100000) NOT NULL, language VARCHAR(8) NOT NULL,
    translation_of VARCHAR(36), status VARCHAR(9) NOT NULL, last_verified DATE,
    PRIMARY KEY (id)
);
CREATE INDEX ix_info_sheet_topic_key ON info_sheet (topic_key);
CREATE INDEX ix_info_sheet_kommune_key ON info_sheet (kommune_key);
CREATE TABLE contact_point (
    id VARCHAR(36) NOT NULL, version INTEGER NOT NULL, deleted BOOLEAN NOT NULL,
    updated_at DATETIME, name VARCHAR(300) NOT NULL, organisation VARCHAR(300),
    description VARCHAR(20000) NOT NULL, kommune_keys JSON NOT NULL, street VARCHAR(200),
    postal_code VARCHAR(10), city VARCHAR(100), latitude FLOAT, longitude FLOAT,
    phones JSON NOT NULL, email VARCHAR(200), website VARCHAR(500),
    opening_hours VARCHAR(1000), languages JSON NOT NULL, topic_keys JSON NOT NULL,
    target_groups JSON NOT NULL, appointment_required BOOLEAN NOT NULL,
    accessibility VARCHAR(1000), costs VARCHAR(1000), last_verified DATE,
    PRIMARY KEY (id)
);
CREATE TABLE offer (
    id VARCHAR(36) NOT NULL, version INTEGER NOT NULL, deleted BOOLEAN NOT NULL,
    updated_at DATETIME, title VARCHAR(300) NOT NULL, description VARCHAR(20000) NOT NULL,
    contact_point_id VARCHAR(36), kommune_key VARCHAR(64), topic_keys JSON NOT NULL,
    schedule VARCHAR(1000), languages JSON NOT NULL, costs VARCHAR(1000),
    registration_required BOOLEAN NOT NULL, last_verified DATE,
    PRIMARY KEY (id)
);
CREATE INDEX ix_offer_contact_point_id ON offer (contact_point_id);
CREATE INDEX ix_offer_kommune_key ON offer (kommune_key);
CREATE TABLE network_partner (
    id VARCHAR(36) NOT NULL, version INTEGER NOT NULL, deleted BOOLEAN NOT NULL,
    updated_at DATETIME, name VARCHAR(300) NOT NULL, kommune_key VARCHAR(64),
    description VARCHAR(20000) NOT NULL, topic_keys JSON NOT NULL,
    contact_name VARCHAR(200), contact_phone VARCHAR(50), contact_email VARCHAR(200),
    contact_consent BOOLEAN NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_network_partner_kommune_key ON network_partner (kommune_key)
"""

_V2_SEARCH_INDEX = """
CREATE TABLE search_entry (
    rowid INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL UNIQUE,
    kommunen TEXT NOT NULL,
    topics TEXT NOT NULL,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    subtitle TEXT NOT NULL
)
"""


_V3_SYNC = """
CREATE TABLE change_report (
    id VARCHAR(36) NOT NULL, version INTEGER NOT NULL, deleted BOOLEAN NOT NULL,
    updated_at DATETIME, account_id VARCHAR(36) NOT NULL, target_entity VARCHAR(40) NOT NULL,
    target_id VARCHAR(36) NOT NULL, target_title VARCHAR(300) NOT NULL,
    base_version INTEGER NOT NULL, changes JSON NOT NULL, comment VARCHAR(2000) NOT NULL,
    status VARCHAR(8) NOT NULL, reason VARCHAR(2000), created_at DATETIME, decided_at DATETIME,
    PRIMARY KEY (id)
);
CREATE INDEX ix_change_report_target_id ON change_report (target_id);
CREATE INDEX ix_change_report_account_id ON change_report (account_id);
CREATE TABLE private_note (
    id VARCHAR(36) NOT NULL, version INTEGER NOT NULL, deleted BOOLEAN NOT NULL,
    updated_at DATETIME, account_id VARCHAR(36) NOT NULL, target_entity VARCHAR(40) NOT NULL,
    target_id VARCHAR(36) NOT NULL, text VARCHAR(5000) NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_private_note_account_id ON private_note (account_id);
CREATE TABLE favourite (
    id VARCHAR(36) NOT NULL, version INTEGER NOT NULL, deleted BOOLEAN NOT NULL,
    updated_at DATETIME, account_id VARCHAR(36) NOT NULL, target_entity VARCHAR(40) NOT NULL,
    target_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_favourite_account_id ON favourite (account_id);
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    mutation_id TEXT NOT NULL UNIQUE,
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    op TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    fields TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sync_problem (
    mutation_id TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    fields TEXT NOT NULL,
    conflicts TEXT,
    reason TEXT,
    server_version INTEGER,
    created_at TEXT NOT NULL,
    resolved INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE resync_seen (
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    PRIMARY KEY (entity, record_id)
)
"""


# Steps 2 and 4 create FTS5 tables only where SQLite has FTS5; elsewhere step 7 adds the
# plain index and `search_index.prepare` fills it (before step 7 existed, these steps
# failed there, so no file took another path through them).


def _v2(connection: sqlite3.Connection) -> None:
    _script(_V2_SEARCH_INDEX)(connection)
    if fts5_index.available():
        connection.execute(fts5_index.CREATE_TABLE)
        # Files from schema 1 already hold content: make it findable at once.
        search_index.rebuild(connection)


def _v4(connection: sqlite3.Connection) -> None:
    if fts5_index.available():
        # The index's vocabulary, for compounds and typo corrections; the index is built
        # again because entries now name their Kommunen.
        connection.execute(fts5_index.CREATE_VOCABULARY)
        search_index.rebuild(connection)


_V5_SYNONYMS = """
CREATE TABLE synonym (
    id VARCHAR(36) NOT NULL, version INTEGER NOT NULL, deleted BOOLEAN NOT NULL,
    updated_at DATETIME, term VARCHAR(100) NOT NULL, words JSON NOT NULL,
    PRIMARY KEY (id)
)
"""


# Search keeps the index's vocabulary and the synonyms in memory; this counter tells it
# when to read them again (counting rows would cost a scan of the index per keystroke).
_V6_SEARCH_GENERATION = """
CREATE TABLE search_generation (n INTEGER NOT NULL);
INSERT INTO search_generation (n) VALUES (0);
CREATE TRIGGER search_entry_added AFTER INSERT ON search_entry
BEGIN UPDATE search_generation SET n = n + 1; END;
CREATE TRIGGER search_entry_removed AFTER DELETE ON search_entry
BEGIN UPDATE search_generation SET n = n + 1; END;
CREATE TRIGGER synonym_added AFTER INSERT ON synonym
BEGIN UPDATE search_generation SET n = n + 1; END;
CREATE TRIGGER synonym_changed AFTER UPDATE ON synonym
BEGIN UPDATE search_generation SET n = n + 1; END;
CREATE TRIGGER synonym_removed AFTER DELETE ON synonym
BEGIN UPDATE search_generation SET n = n + 1; END
"""


_V9_PUBLICATION = """
ALTER TABLE contact_point ADD COLUMN status VARCHAR(9) NOT NULL DEFAULT 'published';
ALTER TABLE offer ADD COLUMN status VARCHAR(9) NOT NULL DEFAULT 'published';
ALTER TABLE network_partner ADD COLUMN status VARCHAR(9) NOT NULL DEFAULT 'published'
"""


_V13_PARTNERS = """
ALTER TABLE network_partner ADD COLUMN languages JSON NOT NULL DEFAULT '[]';
ALTER TABLE network_partner ADD COLUMN contact_public BOOLEAN NOT NULL DEFAULT 0
"""


def _v7(connection: sqlite3.Connection) -> None:
    _script(word_index.CREATE_TABLES)(connection)
    if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'").fetchone():
        search_index.record_fts5(connection)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "content tables and store metadata", _script(_V1_CONTENT_TABLES)),
    Migration(2, "offline full-text search index (FTS5)", _v2),
    Migration(3, "private records, outbox, sync problems", _script(_V3_SYNC)),
    Migration(4, "search vocabulary; Kommune names in the index", _v4),
    Migration(5, "search synonyms of the region", _script(_V5_SYNONYMS)),
    Migration(6, "a counter of changes to what search reads", _script(_V6_SEARCH_GENERATION)),
    Migration(7, "a search index in plain tables, for SQLite without FTS5", _v7),
    Migration(
        8,
        "what a guide found at a place (closed, moved, unreachable)",
        _script("ALTER TABLE change_report ADD COLUMN flag VARCHAR(16)"),
    ),
    Migration(9, "drafts and archived entries of every kind", _script(_V9_PUBLICATION)),
    Migration(
        10,
        "translations record the version of their original",
        _script("ALTER TABLE info_sheet ADD COLUMN source_version INTEGER"),
    ),
    Migration(
        11,
        "a report accepted with corrections keeps what was published",
        _script("ALTER TABLE change_report ADD COLUMN published JSON"),
    ),
    Migration(
        12,
        "topics carry their titles in other languages",
        _script("ALTER TABLE topic ADD COLUMN translations JSON NOT NULL DEFAULT '{}'"),
    ),
    Migration(
        13, "partners' languages and their consent to public contact", _script(_V13_PARTNERS)
    ),
    Migration(14, "partners in several Kommunen", migration_steps.partners_in_several_kommunen),
)
LATEST_VERSION = MIGRATIONS[-1].version


def current_version(connection: sqlite3.Connection) -> int:
    """The schema version written in the file (0 for a new, empty file)."""
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection, target: int = LATEST_VERSION) -> int:
    """Apply every step above the file's version up to `target`, each in its own transaction."""
    version = current_version(connection)
    for migration in MIGRATIONS:
        if version < migration.version <= target:
            connection.execute("BEGIN IMMEDIATE")
            try:
                # Another connection (a second session of the web app) may have taken
                # this step while this one waited for the lock.
                if current_version(connection) < migration.version:
                    migration.apply(connection)
                    connection.execute(f"PRAGMA user_version = {migration.version:d}")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
            version = migration.version
    return version
