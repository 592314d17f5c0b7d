"""A new app version opens a file of an older one without losing anything."""

import json
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlmodel import SQLModel

from app.store import content, migrations
from app.store.database import Store, open_store
from wegweiser.kinds import CONTENT_TYPES, OWNED_TYPES
from wegweiser.model import ContactPoint, InfoSheet, NetworkPartner
from wegweiser.owned import ChangeReport
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


def test_a_partner_of_schema_13_names_its_kommune_in_a_list_and_waiting_edits_too(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v13.sqlite"
    connection = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(connection, target=13)
    connection.executescript(
        """
        INSERT INTO network_partner (id, version, deleted, name, kommune_key, description,
            topic_keys, contact_consent, languages)
        VALUES ('p1', 3, 0, 'Garten', 'thale', 'Gärtnern', '["freizeit"]', 1, '["de"]'),
               ('p2', 1, 0, 'Café', NULL, '', '[]', 0, '[]');
        INSERT INTO outbox (mutation_id, entity, record_id, op, base_version, fields, created_at)
        VALUES ('m1', 'network_partner', 'p1', 'update', 3,
                '{"kommune_key": "ilsenburg"}', '2026-12-01T10:00:00'),
               ('m2', 'change_report', 'r1', 'create', 0,
                '{"target_entity": "network_partner", "changes": {"kommune_key": null}}',
                '2026-12-01T10:00:00'),
               ('m3', 'offer', 'o1', 'update', 1, '{"kommune_key": "thale"}',
                '2026-12-01T10:00:00');
        INSERT INTO change_report (id, version, deleted, account_id, target_entity,
            target_id, target_title, base_version, changes, comment, status)
        VALUES ('r2', 1, 0, 'a', 'network_partner', 'p1', 'Garten', 3,
                '{"kommune_key": "thale"}', '', 'pending');
        """
    )
    connection.close()

    store = open_store(path)
    with store.session() as session:
        garden = content.get(session, NetworkPartner, "p1")
        cafe = content.get(session, NetworkPartner, "p2")
        assert garden is not None and cafe is not None
        assert (garden.kommune_keys, garden.topic_keys, garden.languages) == (
            ["thale"],
            ["freizeit"],
            ["de"],
        )
        assert garden.contact_consent and garden.version == 3
        assert cafe.kommune_keys == []
        report = content.get(session, ChangeReport, "r2")
        assert report is not None and report.changes == {"kommune_keys": ["thale"]}
        waiting = dict(Store.raw(session).execute("SELECT mutation_id, fields FROM outbox"))
    store.close()
    assert json.loads(waiting["m1"]) == {"kommune_keys": ["ilsenburg"]}
    assert json.loads(waiting["m2"]) == {
        "target_entity": "network_partner",
        "changes": {"kommune_keys": []},
    }
    assert json.loads(waiting["m3"]) == {"kommune_key": "thale"}  # an offer keeps its one


def _open_when_both_are_ready(path: Path, together: threading.Barrier) -> BaseException | None:
    together.wait()
    try:
        open_store(path).close()
    except BaseException as error:
        return error
    return None


def test_two_openings_of_a_new_store_at_once_both_succeed(tmp_path: Path) -> None:
    """Two sessions of the web app open the store in worker threads (`app.views.app`):
    each must find the steps the other took while it waited, not take them again (the
    second reported the new store as damaged: "table store_meta already exists")."""
    for attempt in range(8):
        path = tmp_path / f"neu-{attempt}" / "wegweiser.sqlite"
        together = threading.Barrier(2)
        with ThreadPoolExecutor(max_workers=2) as pool:
            opened = [pool.submit(_open_when_both_are_ready, path, together) for _ in range(2)]
            failures = [f.result(timeout=60) for f in opened]
        assert failures == [None, None], failures
