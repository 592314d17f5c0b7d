"""Versioned server schema: new databases, databases from before versions, later steps."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, inspect, text
from sqlmodel import Session, SQLModel, select

from sync_server import migration_steps, migrations
from sync_server.db import init_db, make_engine
from sync_server.self_service.tables import Registration
from sync_server.tables import Account, SyncItem
from tests.sync_server.conftest import ON_BOTH_DATABASES, prepare_database, start_server
from tests.sync_server.helpers import not_behind
from wegweiser.dataset import Dataset
from wegweiser.model import NetworkPartner, Offer, Publication
from wegweiser.owned import ChangeReport
from wegweiser.protocol import Role


def versions(url: str) -> list[int]:
    engine = make_engine(url)
    with engine.connect() as connection:
        found = [row[0] for row in connection.execute(text("SELECT version FROM schema_version"))]
    engine.dispose()
    return sorted(found)


@ON_BOTH_DATABASES
def test_a_new_database_gets_every_table_and_the_latest_version(database_url: str) -> None:
    engine = make_engine(database_url)
    init_db(engine)
    init_db(engine)  # repeatable
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    expected = {table.name for table in migrations.model_tables()}
    assert expected <= tables
    assert versions(database_url) == [migrations.LATEST]


@ON_BOTH_DATABASES
def test_a_database_from_before_versions_is_version_one_and_keeps_its_data(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    # As before versions: the tables of then, without those later steps add.
    later = ("synonym", "audit_event")
    then = [table for table in migrations.model_tables() if table.name not in later]
    SQLModel.metadata.create_all(engine, tables=then)
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE sync_item DROP COLUMN public_once"))
        connection.execute(text("ALTER TABLE change_report DROP COLUMN flag"))
        connection.execute(text("ALTER TABLE offer DROP COLUMN status"))
        connection.execute(text("ALTER TABLE network_partner DROP COLUMN languages"))
        connection.execute(text("ALTER TABLE network_partner DROP COLUMN contact_public"))
        connection.execute(text("ALTER TABLE network_partner DROP COLUMN kommune_keys"))
        connection.execute(text("ALTER TABLE network_partner ADD COLUMN kommune_key VARCHAR(64)"))
        connection.execute(
            text("CREATE INDEX ix_network_partner_kommune_key ON network_partner (kommune_key)")
        )
        connection.execute(
            text(
                "INSERT INTO network_partner (id, version, deleted, name, kommune_key,"
                " description, topic_keys, contact_consent, status) VALUES"
                " ('p1', 1, FALSE, 'Garten', 'thale', '', '[]', TRUE, 'published'),"
                " ('p2', 1, FALSE, 'Café', NULL, '', '[]', FALSE, 'published')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO offer (id, version, deleted, title, description, topic_keys,"
                " languages, registration_required) VALUES"
                " ('o', 1, FALSE, 'Sprachcafé', '', '[]', '[]', FALSE)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO sync_item (entity, record_id, seq, shared, staff_only, deleted,"
                " changed_at) VALUES ('info_sheet', 'x', 1, TRUE, TRUE, FALSE, '2026-01-01')"
            )
        )
    with Session(engine) as session:
        session.add(
            Account(id="a" * 36, name="Anna", role=Role.LOTSE, created_at=datetime.now(UTC))
        )
        session.commit()
    init_db(engine)
    with Session(engine) as session:
        assert session.get(Account, "a" * 36) is not None
        # A draft from before may have reached guides once: they still get its tombstone.
        assert session.exec(select(SyncItem)).one().public_once is True
        # Entries from before step 4 are published.
        assert session.exec(select(Offer)).one().status == Publication.PUBLISHED
    assert {"synonym", "audit_event"} <= set(inspect(engine).get_table_names())  # 2 and 3 ran
    # Step 5: a translation records the version of its original.
    assert "source_version" in {c["name"] for c in inspect(engine).get_columns("info_sheet")}
    # Step 9: one consent showed a contact everywhere; what was public stays public.
    # Step 10: a partner's one Kommune (or none: district-wide) is a list.
    with Session(engine) as session:
        partners = {
            p.id: (p.contact_public, p.languages, p.kommune_keys)
            for p in session.exec(select(NetworkPartner))
        }
    assert partners == {"p1": (True, [], ["thale"]), "p2": (False, [], [])}
    assert "kommune_key" not in {c["name"] for c in inspect(engine).get_columns("network_partner")}
    engine.dispose()
    assert versions(database_url) == list(range(1, migrations.LATEST + 1))


def _add_column(connection: Connection) -> None:
    connection.execute(text("ALTER TABLE account ADD COLUMN phone VARCHAR(50)"))


@ON_BOTH_DATABASES
def test_a_later_step_runs_once_on_an_older_database(database_url: str) -> None:
    engine = make_engine(database_url)
    init_db(engine)
    step = migrations.LATEST + 1
    later = (*migration_steps.STEPS, migration_steps.Step(step, "Telefon am Konto", _add_column))
    assert migrations.migrate(engine, later) == 1
    assert migrations.migrate(engine, later) == 0
    columns = {c["name"] for c in inspect(engine).get_columns("account")}
    engine.dispose()
    assert "phone" in columns
    assert versions(database_url) == [migrations.LATEST, step]


def test_a_database_from_a_newer_server_is_refused_untouched(database_url: str) -> None:
    engine = make_engine(database_url)
    newer = migrations.LATEST + 1
    later = (*migration_steps.STEPS, migration_steps.Step(newer, "neu", _add_column))
    migrations.migrate(engine, later)
    with pytest.raises(migrations.SchemaTooNew) as refused:
        init_db(engine)
    engine.dispose()
    assert f"Schema-Version {newer}" in str(refused.value)
    assert versions(database_url) == [newer]


@ON_BOTH_DATABASES
def test_reports_and_registrations_waiting_name_a_partners_kommunen_after_step_ten(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    init_db(engine)
    # Back to version 9: a partner had one Kommune, and what waits for the office says so.
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE network_partner DROP COLUMN kommune_keys"))
        connection.execute(text("ALTER TABLE network_partner ADD COLUMN kommune_key VARCHAR(64)"))
        connection.execute(text("UPDATE schema_version SET version = 9"))
    with Session(engine) as session:
        old_names = {"name": "Garten", "kommune_key": "thale"}
        session.add(
            ChangeReport(
                id="r1",
                version=1,
                account_id="a",
                target_entity="network_partner",
                target_id="p1",
                changes=old_names,
                published=old_names,
            )
        )
        session.add(
            ChangeReport(
                id="r2",
                version=1,
                account_id="a",
                target_entity="info_sheet",
                target_id="s1",
                changes={"kommune_key": "thale"},
            )
        )
        session.add(
            Registration(
                id="g1",
                created_at=datetime.now(UTC),
                email="a@example.org",
                details={"name": "Café", "kommune_key": None},
            )
        )
        session.commit()
    assert migrations.migrate(engine) == migrations.LATEST - 9
    with Session(engine) as session:
        partner_report = session.get(ChangeReport, "r1")
        sheet_report = session.get(ChangeReport, "r2")
        registration = session.get(Registration, "g1")
        assert partner_report is not None and sheet_report is not None
        assert registration is not None
        assert partner_report.changes == {"name": "Garten", "kommune_keys": ["thale"]}
        assert partner_report.published == {"name": "Garten", "kommune_keys": ["thale"]}
        assert sheet_report.changes == {"kommune_key": "thale"}  # a sheet keeps its one
        assert registration.details == {"name": "Café", "kommune_keys": []}
    engine.dispose()


@ON_BOTH_DATABASES
def test_devices_behind_the_marks_read_the_change_log_after_step_eleven(
    database_url: str, tmp_path: Path, demo_dataset: Dataset
) -> None:
    """A database from before the scope marks has changes no mark stands for: without
    the floor a device's first pull would be "nothing new" and stay empty."""
    prepare_database(database_url, demo_dataset).dispose()
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE scope_mark"))
        # A server of version 10 counted every change in last_seq (PostgreSQL too).
        connection.execute(
            text("UPDATE sync_state SET last_seq = (SELECT MAX(seq) FROM sync_item)")
        )
        connection.execute(text("DELETE FROM schema_version"))
        connection.execute(
            text("INSERT INTO schema_version VALUES (10, 'vorher', '2026-12-01T00:00:00')")
        )
    assert migrations.migrate(engine) == migrations.LATEST - 10
    engine.dispose()
    server = start_server(database_url, tmp_path)
    try:
        guide = server.enrol(Role.LOTSE, "Anna")
        guide.pull_all(["thale"])
        assert any(entity == "contact_point" for entity, _ in guide.records)
        cursor = guide.cursor
        guide.pull_all(["thale"])
        assert guide.last_page["changes"] == [] and not_behind(guide.cursor, cursor)
    finally:
        server.stop()
        server.engine.dispose()
