"""A new app version opens a file of an older one without losing anything."""

import sqlite3
from pathlib import Path

from sqlmodel import SQLModel

from app.store import content, migrations
from app.store.database import Store, open_store
from wegweiser.kinds import CONTENT_TYPES, OWNED_TYPES
from wegweiser.model import ContactPoint, InfoSheet
from wegweiser.search import engine as search

FIXTURE = Path(__file__).parent / "fixtures" / "store_v1.sql"


def make_v1_file(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.executescript(FIXTURE.read_text(encoding="utf-8"))
    connection.close()


def test_schema_1_file_keeps_its_data_and_becomes_searchable(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    make_v1_file(path)

    store = open_store(path)
    with store.session() as session:
        sheet = content.get(session, InfoSheet, "7d1d4c1e-7a57-4d4e-9a55-0c1f7e1a0003")
        contact = content.get(session, ContactPoint, "7d1d4c1e-7a57-4d4e-9a55-0c1f7e1a0004")
        assert sheet is not None and sheet.body == "Gut erhaltene **Kleidung** für Familien."
        assert contact is not None and contact.phones == [
            {"label": "Telefon", "number": "+49 3947 0000-120"}
        ]
        assert content.get_meta(session, "device_note") == "written by schema 1"
        hits = search.search(Store.raw(session), "kleid", kommunen=["thale"])
        assert [h.record_id for h in hits.hits] == [sheet.id]
    store.close()

    connection = sqlite3.connect(path)
    assert migrations.current_version(connection) == migrations.LATEST_VERSION
    connection.close()


def test_migrated_schema_matches_the_entity_definitions(tmp_path: Path) -> None:
    store = open_store(tmp_path / "new.sqlite")
    store.close()
    connection = sqlite3.connect(tmp_path / "new.sqlite")
    for cls in (*CONTENT_TYPES, *OWNED_TYPES):
        table = cls.__table__  # type: ignore[attr-defined]
        columns = {
            row[1]: (row[2], bool(row[3]))
            for row in connection.execute(f'PRAGMA table_info("{table.name}")')
        }
        expected = {
            column.name: (
                str(column.type.compile(dialect=_sqlite_dialect())),
                not column.nullable,
            )
            for column in table.columns
        }
        assert columns == expected, table.name
    connection.close()
    assert SQLModel.metadata.tables  # the definitions were really compared


def test_reopening_is_a_no_op(tmp_path: Path, demo_dataset) -> None:
    path = tmp_path / "w.sqlite"
    store = open_store(path)
    content.import_dataset(store, demo_dataset)
    store.close()
    store = open_store(path)
    with store.session() as session:
        assert len(content.kommunen(session)) == 20
    store.close()


def test_store_uses_wal(store) -> None:
    connection = sqlite3.connect(store.path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()


def _sqlite_dialect():
    from sqlalchemy.dialects import sqlite

    return sqlite.dialect()
