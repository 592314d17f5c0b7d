"""The sync client under real faults: cut connections, killed processes, restarted
servers, wrong clocks, concurrent edits (the tablet's own: `test_local_faults.py`)."""

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from app.store.database import open_store
from app.sync import outbox, problems
from app.sync.errors import Offline
from sync_server.tables import AppliedMutation, SyncItem
from tests.conftest import ROOT
from tests.support.devices import contact_in, enrolment_code, local_contact
from tests.support.proxy import FaultProxy
from tests.support.server import Server, start_server
from wegweiser.kinds import ENTITY_BY_NAME
from wegweiser.model import ContactPoint
from wegweiser.owned import PrivateNote
from wegweiser.protocol import FieldConflict, Role


def server_record(server: Server, record_id: str) -> ContactPoint:
    with Session(server.engine) as session:
        record = session.get(ContactPoint, record_id)
        assert record is not None
        return record


def test_cut_after_the_server_committed_then_retry(
    make_tablet, proxy: FaultProxy, sync_server: Server
) -> None:
    tablet = make_tablet("a")
    tablet.engine.sync()
    contact = contact_in(tablet, "thale")
    outbox_id = outbox.record_edit(
        tablet.store, "contact_point", contact.id, {"costs": "1 Euro"}, tablet.engine.clock
    )
    assert local_contact(tablet, contact.id).costs == "1 Euro"  # visible at once, offline

    proxy.rule = lambda method, path, n: "drop_response" if path == "/sync/push" else "pass"
    with pytest.raises(Offline):
        tablet.engine.sync()
    assert server_record(sync_server, contact.id).version == contact.version + 1  # committed
    assert tablet.engine.status().pending == 1  # but the device never heard the answer

    proxy.rule = lambda method, path, n: "pass"
    tablet.engine.sync()
    assert tablet.engine.status().pending == 0
    assert server_record(sync_server, contact.id).version == contact.version + 1  # once
    with Session(sync_server.engine) as session:
        assert session.get(AppliedMutation, outbox_id) is not None
    assert local_contact(tablet, contact.id).version == contact.version + 1


def _records(tmp_path: Path) -> int:
    """The records on the device of `test_killed_in_the_middle_of_a_multi_page_pull`."""
    store = open_store(tmp_path / "device" / "wegweiser.sqlite")
    with store.session() as session:
        count = sum(len(session.exec(select(cls)).all()) for cls in ENTITY_BY_NAME.values())
    store.close()
    return count


def test_killed_in_the_middle_of_a_multi_page_pull(
    tmp_path: Path, proxy: FaultProxy, sync_server: Server
) -> None:
    env = dict(os.environ, WEGWEISER_DATA_DIR=str(tmp_path / "device"), PYTHONPATH=str(ROOT))
    code = enrolment_code(sync_server, Role.LOTSE, "Lotsin")

    def app_sync(*args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-m", "app.sync", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    assert (
        app_sync("enrol", "--server", proxy.url, "--code", code, "--kommune", "halberstadt").wait(
            60
        )
        == 0
    )
    # The third page is held back; the process is killed while it waits for it.
    proxy.rule = lambda method, path, n: "delay:30" if n == 3 else "pass"
    process = app_sync("sync", "--page-size", "20")
    deadline = time.monotonic() + 60
    while proxy.count("/sync/pull") < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    # The app asks for a page while it writes the one before (app.sync.pull's
    # `_pages`): the third is asked while the second is still being stored.
    while _records(tmp_path) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(10)

    assert _records(tmp_path) == 40  # two pages of 20, each stored with its cursor

    proxy.rule = lambda method, path, n: "pass"
    assert app_sync("sync", "--page-size", "20").wait(120) == 0
    store = open_store(tmp_path / "device" / "wegweiser.sqlite")
    with store.session() as session:
        have = {
            (cls.entity, r.id)
            for cls in ENTITY_BY_NAME.values()
            for r in session.exec(select(cls)).all()
        }
    store.close()
    with Session(sync_server.engine) as session:
        everything = {(i.entity, i.record_id) for i in session.exec(select(SyncItem)).all()}
    expected = _scope(sync_server, {"halberstadt"})
    assert have == expected and expected <= everything


def _scope(server: Server, kommunen: set[str]) -> set[tuple[str, str]]:
    from sync_server.tables import SyncItemKommune

    with Session(server.engine) as session:
        wanted = set()
        for item in session.exec(select(SyncItem)).all():
            keys = {
                r.kommune_key
                for r in session.exec(
                    select(SyncItemKommune).where(SyncItemKommune.item_id == item.id)
                )
            }
            if item.deleted or item.staff_only or item.owner_account_id:
                continue
            if item.shared or keys & kommunen:
                wanted.add((item.entity, item.record_id))
    return wanted


@pytest.mark.server_process
def test_server_restarted_in_the_middle_of_a_push(
    make_tablet, proxy: FaultProxy, sync_server: Server, tmp_path: Path
) -> None:
    tablet = make_tablet("a", push_batch=10)
    tablet.engine.sync()
    contact = contact_in(tablet, "thale")
    ids = [str(uuid.uuid4()) for _ in range(30)]
    for n, note_id in enumerate(ids):
        outbox.record_edit(
            tablet.store,
            "private_note",
            note_id,
            {"target_entity": "contact_point", "target_id": contact.id, "text": f"Notiz {n}"},
            tablet.engine.clock,
        )
    proxy.rule = lambda method, path, n: "delay:5" if path == "/sync/push" and n == 2 else "pass"

    def kill_during_the_second_batch() -> None:
        # Batch 1 was answered; batch 2 is held back by the proxy while the server dies.
        deadline = time.monotonic() + 30
        while proxy.count("/sync/push") < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        sync_server.kill()

    killer = threading.Thread(target=kill_during_the_second_batch)
    killer.start()
    with pytest.raises(Offline):
        tablet.engine.sync()
    killer.join()
    assert 0 < tablet.engine.status().pending < 30

    restarted = start_server(str(sync_server.engine.url), tmp_path, port=sync_server.port)
    try:
        tablet.engine.sync()
    finally:
        restarted.stop()
    assert tablet.engine.status().pending == 0
    with Session(sync_server.engine) as session:
        notes = session.exec(select(PrivateNote)).all()
        assert sorted(n.id for n in notes) == sorted(ids)  # each exactly once
        assert all(n.version == 1 for n in notes)


@pytest.mark.parametrize("years", [-10, 10])
def test_device_clocks_far_off_change_nothing(make_tablet, sync_server: Server, years: int) -> None:
    def skewed() -> datetime:
        return datetime.now(UTC) + timedelta(days=365 * years)

    wrong = make_tablet("wrong", clock=skewed)
    right = make_tablet("right")
    wrong.engine.sync()
    right.engine.sync()
    contact = contact_in(right, "thale")
    outbox.record_edit(
        right.store, "contact_point", contact.id, {"costs": "rechts"}, right.engine.clock
    )
    right.engine.sync()
    # The skewed device edits the same field later in real time, on the old version.
    outbox.record_edit(
        wrong.store, "contact_point", contact.id, {"costs": "falsch"}, wrong.engine.clock
    )
    wrong.engine.sync()
    record = server_record(sync_server, contact.id)
    assert record.costs == "rechts"  # a future clock wins nothing: it is a conflict
    assert record.updated_at is not None
    assert abs(record.updated_at - datetime.now(UTC)) < timedelta(minutes=5)
    [problem] = problems.open_problems(wrong.store)
    assert problem.conflicts == {"costs": FieldConflict(server="rechts", yours="falsch")}


def test_offline_edits_of_two_devices_merge_or_conflict(make_tablet, sync_server: Server) -> None:
    first, second, third = make_tablet("eins"), make_tablet("zwei"), make_tablet("drei")
    for tablet in (first, second, third):
        tablet.engine.sync()
    contact = contact_in(first, "thale")
    # Different fields, both offline: both survive.
    outbox.record_edit(
        first.store,
        "contact_point",
        contact.id,
        {"email": "eins@thale.example"},
        first.engine.clock,
    )
    outbox.record_edit(
        second.store,
        "contact_point",
        contact.id,
        {"website": "https://zwei.thale.example"},
        second.engine.clock,
    )
    first.engine.sync()
    second.engine.sync()
    first.engine.sync()
    for tablet in (first, second):
        record = local_contact(tablet, contact.id)
        assert (record.email, record.website) == (
            "eins@thale.example",
            "https://zwei.thale.example",
        )
    assert problems.open_problems(second.store) == []

    # The same field: the second device gets a conflict, shown with both values.
    outbox.record_edit(
        first.store, "contact_point", contact.id, {"costs": "von eins"}, first.engine.clock
    )
    outbox.record_edit(
        second.store, "contact_point", contact.id, {"costs": "von zwei"}, second.engine.clock
    )
    first.engine.sync()
    second.engine.sync()
    [problem] = problems.open_problems(second.store)
    assert problem.kind == "conflict"
    assert problem.conflicts == {"costs": FieldConflict(server="von eins", yours="von zwei")}
    assert local_contact(second, contact.id).costs == "von eins"  # the server's value meanwhile

    problems.resolve(second.store, problem.mutation_id, "mine", second.engine.clock())
    second.engine.sync()
    for tablet in (first, second, third):
        tablet.engine.sync()
    assert {local_contact(t, contact.id).costs for t in (first, second, third)} == {"von zwei"}
    assert server_record(sync_server, contact.id).costs == "von zwei"
    assert problems.open_problems(second.store) == []
