"""`restore`: a backup goes back in place of a database a killed server left behind (its
`-wal` file beside it), every device resyncs to exactly the server's records and sends
its own records the server lost, and whoever was locked out since the backup stays out."""

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from app.services.personal import PersonalService
from app.services.sync import SyncService
from app.store.database import Store, open_store
from app.sync import enrolment as device_enrolment
from app.sync import outbox
from app.sync import state as sync_state
from app.sync.engine import SyncEngine
from app.sync.errors import SyncError, Unauthorised
from sync_server import enrolment, restore
from tests.support import local_http
from tests.support.devices import enrolment_code
from tests.support.postgres import PostgresServer
from tests.support.server import Server, cli_in_process, prepare_database, run_cli, start_server
from tests.sync_server.conftest import ON_BOTH_DATABASES
from wegweiser.dataset import Dataset
from wegweiser.kinds import CONTENT_TYPES
from wegweiser.model import ContactPoint, SyncedRecord
from wegweiser.owned import PrivateNote
from wegweiser.protocol import Role


class Tablet:
    """A device with its own store file, syncing with the server at `url`."""

    def __init__(self, folder: Path, server: Server, role: Role, name: str) -> None:
        self.store: Store = open_store(folder / name / "wegweiser.sqlite")
        code = enrolment_code(server, role, name)
        device_enrolment.enrol(self.store, server.url, code, name, ["thale"])
        self.engine = SyncEngine(self.store)
        self.engine.sync()

    def content(self) -> dict[tuple[str, str], int]:
        """(entity, id) → version of every content record on the device."""
        with self.store.session() as session:
            return {
                (cls.entity, r.id): r.version
                for cls in CONTENT_TYPES
                for r in session.exec(select(cls))
            }

    def close(self) -> None:
        self.engine.close()
        self.store.close()


def _server_content(server: Server, ids: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    with Session(server.engine) as session:
        found: dict[tuple[str, str], int] = {}
        for cls in CONTENT_TYPES:
            record: SyncedRecord
            for record in session.exec(select(cls)):
                if (cls.entity, record.id) in ids:
                    found[(cls.entity, record.id)] = record.version
        return found


def test_restore_round_trip(tmp_path: Path, demo_dataset: Dataset) -> None:
    folder = tmp_path
    url = f"sqlite:///{folder / 'server.sqlite'}"
    prepare_database(url, demo_dataset).dispose()
    server = start_server(url, folder, process=True)
    port = server.port
    tablets: list[Tablet] = []
    try:
        guide = Tablet(folder, server, Role.LOTSE, "Anna")
        office = Tablet(folder, server, Role.KOORDINATION, "Koordination")
        tablets += [guide, office]
        later = server.enrol(Role.LOTSE, "Ben")  # to be revoked after the backup
        with Session(server.engine) as session:
            unused = enrolment.create_code(session, Role.LOTSE, "Carla", None).code

        backup = folder / "sicherung.sqlite"
        taken = run_cli(folder, "backup", "--to", str(backup), database_url=url)
        assert taken.returncode == 0, taken.stderr

        # After the backup: 13 contact points change, the guide syncs them and writes a
        # note the server acknowledges, Ben's device is revoked, Carla's code is used.
        with office.store.session() as session:
            changed = list(session.exec(select(ContactPoint).limit(13)))
        for contact in changed:
            outbox.record_edit(
                office.store,
                "contact_point",
                contact.id,
                {"costs": "nach der Sicherung geändert"},
                office.engine.clock,
            )
        office.engine.sync()
        PersonalService(guide.store).save_note("contact_point", changed[0].id, "Nur hier")
        guide.engine.sync()
        with guide.store.session() as session:
            assert outbox.count(session) == 0
            [note] = session.exec(select(PrivateNote)).all()
        assert (
            cli_in_process(
                folder, "revoke", "--device", later.device_id, database_url=url
            ).returncode
            == 0
        )
        assert later.post("/sync/pull", {"kommunen": ["thale"]}).status_code == 403
        carla = local_http.post(
            f"{server.url}/enrol", json={"code": unused, "device_name": "Carla"}
        )
        assert carla.status_code == 200

        # While the server runs, a restore is refused and changes nothing.
        refused = run_cli(folder, "restore", "--from", str(backup), database_url=url)
        assert refused.returncode == 2
        assert "läuft noch" in refused.stderr
        assert local_http.get(f"{server.url}/health").status_code == 200

        server.kill()  # as after a crash: the -wal file stays beside the database
        assert Path(f"{folder / 'server.sqlite'}-wal").exists()
        restored = run_cli(folder, "restore", "--from", str(backup), database_url=url)
        assert restored.returncode == 0, restored.stderr
        assert "Sperren erneut angewendet: 1 Geräte, 1 Anmeldecodes" in restored.stdout
        with sqlite3.connect(folder / "server.sqlite") as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)

        server = start_server(url, folder, port=port, process=True)
        # The guide's device was ahead of the restored server in 13 records. Its next
        # sync learns that it must pull everything, at a moment of its own within the
        # window the restore announced (30 minutes); then it holds exactly the server's
        # versions.
        guide.engine.sync()
        with guide.store.session() as session:
            assert sync_state.load(session).resync_at is not None
        guide.engine.clock = lambda: datetime.now(UTC) + timedelta(minutes=31)
        guide.engine.sync()
        on_device = guide.content()
        assert _server_content(server, set(on_device)) == on_device
        assert {(c.entity, c.id) for c in changed} <= set(on_device)
        # Its note, acknowledged before and lost by the restore, was sent again.
        with Session(server.engine) as session:
            assert [n.text for n in session.exec(select(PrivateNote))] == [note.text]
        with guide.store.session() as session:
            assert [n.text for n in session.exec(select(PrivateNote))] == [note.text]
            assert outbox.count(session) == 0
        # Revoked after the backup: still revoked. Used after the backup: still used.
        assert later.post("/sync/pull", {"kommunen": ["thale"]}).status_code == 403
        again = local_http.post(f"{server.url}/enrol", json={"code": unused, "device_name": "Dieb"})
        assert again.status_code == 401
    finally:
        for tablet in tablets:
            tablet.close()
        if server.running:
            server.stop()
        server.engine.dispose()


def test_a_restore_refuses_a_file_that_is_no_backup(tmp_path: Path, demo_dataset: Dataset) -> None:
    folder = tmp_path
    url = f"sqlite:///{folder / 'server.sqlite'}"
    prepare_database(url, demo_dataset).dispose()
    before = (folder / "server.sqlite").read_bytes()
    junk = folder / "kein-backup.sqlite"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    result = cli_in_process(folder, "restore", "--from", str(junk), database_url=url)
    assert result.returncode == 2
    assert "keine" in result.stderr and "Sicherung" in result.stderr
    missing = cli_in_process(folder, "restore", "--from", str(folder / "fehlt"), database_url=url)
    assert missing.returncode == 2
    assert (folder / "server.sqlite").read_bytes() == before


@pytest.mark.postgres
def test_restore_on_postgresql(
    tmp_path: Path, demo_dataset: Dataset, postgres_server: PostgresServer
) -> None:
    url = postgres_server.new_database()
    prepare_database(url, demo_dataset).dispose()
    server = start_server(url, tmp_path, process=True)
    port = server.port
    try:
        guide = server.enrol(Role.LOTSE, "Anna")
        pulled = guide.post("/sync/pull", {"kommunen": ["thale"], "limit": 1000}).json()
        backup = tmp_path / "sicherung.dump"
        taken = run_cli(tmp_path, "backup", "--to", str(backup), database_url=url)
        assert taken.returncode == 0, taken.stderr
        revoked = run_cli(tmp_path, "revoke", "--device", guide.device_id, database_url=url)
        assert revoked.returncode == 0, revoked.stderr

        refused = run_cli(tmp_path, "restore", "--from", str(backup), database_url=url)
        assert refused.returncode == 2
        assert "läuft noch" in refused.stderr
        server.stop()
        server.engine.dispose()  # the test's own connections count as a server's too

        restored = run_cli(tmp_path, "restore", "--from", str(backup), database_url=url)
        assert restored.returncode == 0, restored.stderr
        assert "1 Geräte" in restored.stdout
        server = start_server(url, tmp_path, port=port, process=True)
        assert guide.post("/sync/pull", {"kommunen": ["thale"]}).status_code == 403
        ben = server.enrol(Role.LOTSE, "Ben")
        stale = ben.post("/sync/pull", {"cursor": pulled["next_cursor"], "kommunen": ["thale"]})
        assert stale.status_code == 410  # a new epoch: every old cursor means "pull all"
        assert 1700 < stale.json()["resync_within"] <= 1800  # spread over 30 minutes
        assert stale.headers["connection"] == "close"  # not kept open for the wait
    finally:
        if server.running:
            server.stop()
        server.engine.dispose()


@ON_BOTH_DATABASES
def test_while_a_restore_runs_no_server_or_command_opens_the_database(
    tmp_path: Path, demo_dataset: Dataset, database_url: str
) -> None:
    """A server started during a restore opened the old file, which the restore then
    replaced: it answered "applied" to pushes the database on disk never saw."""
    prepare_database(database_url, demo_dataset).dispose()
    with restore.held_alone(database_url):  # as `restore` holds it, from check to end
        serving = run_cli(tmp_path, "serve", database_url=database_url)
        assert serving.returncode == 2, serving.stderr
        assert "Wiederherstellung" in serving.stderr
        enrolling = run_cli(
            tmp_path, "enrol", "--name", "Anna", "--role", "lotse", database_url=database_url
        )
        assert enrolling.returncode == 2 and "Wiederherstellung" in enrolling.stderr
        # A second restore does not start beside the first.
        with pytest.raises(restore.RestoreRefused), restore.held_alone(database_url):
            pass
    # Done: the server starts, and while it serves a restore is refused.
    server = start_server(database_url, tmp_path, process=True)
    try:
        with (
            pytest.raises(restore.RestoreRefused, match="läuft noch"),
            restore.held_alone(database_url),
        ):
            pass
    finally:
        server.stop()
        server.engine.dispose()


def test_a_device_enrolled_after_the_backup_signs_in_again_and_keeps_its_notes(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    """The restored server does not know a device enrolled after the backup: it got 401
    for ever, its acknowledged note lived only on the device, and signing out (the only
    way on) deleted it. A new code signs it in again, and the note is sent again."""
    url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    prepare_database(url, demo_dataset).dispose()
    server = start_server(url, tmp_path, process=True)
    port, tablet = server.port, None
    try:
        backup = tmp_path / "sicherung.sqlite"
        assert run_cli(tmp_path, "backup", "--to", str(backup), database_url=url).returncode == 0
        tablet = Tablet(tmp_path, server, Role.LOTSE, "Dora")  # after the backup
        with tablet.store.session() as session:
            contact = session.exec(select(ContactPoint)).first()
            assert contact is not None
        PersonalService(tablet.store).save_note("contact_point", contact.id, "Klingel links")
        tablet.engine.sync()
        server.kill()
        assert run_cli(tmp_path, "restore", "--from", str(backup), database_url=url).returncode == 0
        server = start_server(url, tmp_path, port=port, process=True)

        with pytest.raises(Unauthorised):
            tablet.engine.sync()
        sync = SyncService(tablet.store, tablet.engine)
        assert sync.status().token_refused
        with pytest.raises(SyncError, match="nicht angenommen"):
            sync.sign_in_again("AAAA-BBBB-CCCC")
        sync.sign_in_again(enrolment_code(server, Role.LOTSE, "Dora"))
        tablet.engine.sync()

        assert not sync.status().token_refused and sync.status().last_error is None
        with Session(server.engine) as session:
            assert [n.text for n in session.exec(select(PrivateNote))] == ["Klingel links"]
        with tablet.store.session() as session:
            assert [n.text for n in session.exec(select(PrivateNote))] == ["Klingel links"]
            assert outbox.count(session) == 0
    finally:
        if tablet is not None:
            tablet.close()
        if server.running:
            server.stop()
        server.engine.dispose()
