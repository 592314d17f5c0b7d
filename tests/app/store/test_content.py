"""Writing content to the local store: checked rows of a pulled page land exactly as the
records they stand for."""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from app.store import content
from app.store.database import Store, open_store
from tests.support.pages import page_of
from wegweiser.columns import as_columns, checked
from wegweiser.dataset import Dataset
from wegweiser.kinds import ENTITY_BY_NAME
from wegweiser.search.engine import search


def _tables(store: Store) -> dict[str, list[tuple[object, ...]]]:
    with store.session() as session:
        connection = Store.raw(session)
        return {
            entity: connection.execute(
                f'SELECT * FROM "{cls.__tablename__}" ORDER BY id'
            ).fetchall()
            for entity, cls in ENTITY_BY_NAME.items()
        }


def _index(store: Store) -> list[tuple[object, ...]]:
    with store.session() as session:
        rows = Store.raw(session).execute(
            "SELECT kind, record_id, kommunen, topics, language, title, subtitle"
            " FROM search_entry ORDER BY record_id"
        )
        return rows.fetchall()


def test_rows_are_stored_and_indexed_as_the_records_are(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    changed = datetime(2026, 12, 6, 15, 4, 5, 123456, tzinfo=UTC)  # as the server sets it
    records = [r.model_copy(update={"updated_at": changed}) for r in demo_dataset.records()]
    as_records = open_store(tmp_path / "records.sqlite")
    with as_records.session() as session:
        content.write_records(session, records)

    page = as_columns(page_of(records))
    as_rows = open_store(tmp_path / "rows.sqlite")
    with as_rows.session() as session:
        for block in page.records:
            found = checked(block)
            assert found is not None
            assert content.write_rows(session, *found) == block.count

    stored = _tables(as_rows)
    assert sum(map(len, stored.values())) == len(records)
    # Byte for byte: JSON text, dates, enum values as SQLAlchemy writes them.
    assert stored == _tables(as_records)
    assert _index(as_rows) == _index(as_records) != []
    with as_rows.session() as session:
        hits = search(Store.raw(session), "Kleiderkammer", ["halberstadt"]).hits
    assert hits and "Kleiderkammer" in hits[0].title
    for opened in (as_rows, as_records):
        opened.close()


def test_rows_of_records_this_session_holds_update_those_objects(
    store: Store, demo_dataset: Dataset
) -> None:
    contact = demo_dataset.contact_points[0]
    with store.session() as session:
        content.write_records(session, [contact])
    renamed = contact.model_copy(update={"name": "Neuer Name", "version": contact.version + 1})
    block = as_columns(page_of([renamed], "e.2")).records[0]
    found = checked(block)
    assert found is not None
    with store.session() as session:
        held = session.get(type(contact), contact.id)
        assert held is not None
        content.write_rows(session, *found)
        assert held.name == "Neuer Name"  # the object this session holds says so, too
    with sqlite3.connect(store.path) as connection:
        row = connection.execute("SELECT name FROM contact_point WHERE id = ?", (contact.id,))
        assert row.fetchone() == ("Neuer Name",)
