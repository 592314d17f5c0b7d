"""Property: random schedules of offline edits, syncs, crashes and network cuts on three
devices always end with every device equal to the server and no acknowledged edit lost."""

import contextlib
import json
import shutil
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from app.store.database import Store, open_store
from app.sync import enrolment, outbox
from app.sync.client import SyncClient
from app.sync.engine import SyncEngine
from app.sync.errors import Offline
from sync_server.tables import AppliedMutation, SyncItem, SyncItemKommune
from tests.support.devices import enrolment_code
from tests.support.proxy import FaultProxy
from tests.support.server import Server
from wegweiser.kinds import ENTITY_BY_NAME
from wegweiser.model import ContactPoint
from wegweiser.protocol import Role

DEVICES = 3
FIELDS = ("costs", "email", "accessibility")

step = st.one_of(
    st.tuples(
        st.just("edit"),
        st.integers(0, DEVICES - 1),
        st.integers(0, 1),
        st.sampled_from(FIELDS),
        st.text("abcxyz", min_size=1, max_size=3),
    ),
    st.tuples(st.just("sync"), st.integers(0, DEVICES - 1)),
    st.tuples(st.just("cut_answer"), st.integers(0, DEVICES - 1)),
    st.tuples(st.just("offline"), st.integers(0, DEVICES - 1), st.booleans()),
    st.tuples(st.just("crash"), st.integers(0, DEVICES - 1)),
)


_prepared: dict[str, Path] = {}
"""Per server: a store that synced once before any edit. Later devices start as copies
of it and pull only what changed since (as a tablet set up from a prepared image would),
so that each example spends its time on the schedule, not on initial downloads."""


def prepare_template(server: Server, device: "Device") -> None:
    if server.url in _prepared:
        return
    template = Path(tempfile.mkdtemp()) / "template.sqlite"
    source = sqlite3.connect(device.path)
    target = sqlite3.connect(template)
    with target:
        source.backup(target)  # consistent, with what the WAL holds
    source.close()
    target.close()
    _prepared[server.url] = template


class Device:
    def __init__(self, server: Server, folder: Path, name: str) -> None:
        self.path = folder / name / "wegweiser.sqlite"
        self.proxy = FaultProxy(upstream_port=server.port)
        if server.url in _prepared:
            self.path.parent.mkdir(parents=True)
            shutil.copyfile(_prepared[server.url], self.path)
        self.store = open_store(self.path)
        self.engine = self._engine()
        enrolment.enrol(
            self.store,
            self.proxy.url,
            enrolment_code(server, Role.KOORDINATION, name),
            name,
            ["huy"],
        )
        self.cut_next = False
        self.offline = False
        self.edits: dict[str, tuple[str, dict]] = {}  # mutation id -> (record id, fields)

    def _engine(self) -> SyncEngine:
        return SyncEngine(self.store, lambda url, token: SyncClient(url, token, timeout=10))

    def apply_rules(self) -> None:
        cut = {"armed": self.cut_next}

        def rule(method: str, path: str, n: int) -> str:
            if self.offline:
                return "refuse"
            if path == "/sync/push" and cut["armed"]:
                cut["armed"] = False
                self.cut_next = False
                return "drop_response"
            return "pass"

        self.proxy.rule = rule

    def sync(self) -> None:
        self.apply_rules()
        with contextlib.suppress(Offline):  # a cut or refused connection is part of the plan
            self.engine.sync()

    def crash(self) -> None:
        self.store.close()
        self.store = open_store(self.path)
        self.engine = self._engine()

    def close(self) -> None:
        self.store.close()
        self.proxy.close()

    def local_records(self) -> dict[tuple[str, str], dict]:
        with self.store.session() as session:
            return {
                (cls.entity, r.id): r.model_dump(mode="json")
                for cls in ENTITY_BY_NAME.values()
                if cls.entity not in ("change_report", "private_note", "favourite")
                for r in session.exec(select(cls)).all()
            }

    def problems(self) -> set[str]:
        with self.store.session() as session:
            return {
                row[0] for row in Store.raw(session).execute("SELECT mutation_id FROM sync_problem")
            }


def server_records(server: Server) -> dict[tuple[str, str], dict]:
    with Session(server.engine) as session:
        result = {}
        for item in session.exec(select(SyncItem)).all():
            keys = {
                r.kommune_key
                for r in session.exec(
                    select(SyncItemKommune).where(SyncItemKommune.item_id == item.id)
                )
            }
            if item.deleted or item.owner_account_id or not (item.shared or "huy" in keys):
                continue
            record = session.get(ENTITY_BY_NAME[item.entity], item.record_id)
            result[(item.entity, item.record_id)] = record.model_dump(mode="json")
        return result


# How many schedules comes from the Hypothesis profile (tests/conftest.py): 15 in the
# suite, 10 in the inner loop, 400 in the nightly run (`scripts/dev.py nightly`).
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(schedule=st.lists(step, min_size=4, max_size=14))
def test_random_schedules_converge_without_losing_edits(sync_server: Server, schedule) -> None:
    folder = Path(tempfile.mkdtemp())
    devices = [Device(sync_server, folder, f"d{i}") for i in range(DEVICES)]
    try:
        for device in devices:
            device.sync()
        prepare_template(sync_server, devices[0])
        with devices[0].store.session() as session:
            targets = sorted(
                c.id for c in session.exec(select(ContactPoint)).all() if c.kommune_keys == ["huy"]
            )[:2]
        for action in schedule:
            device = devices[action[1]]
            if action[0] == "edit":
                _, _, record, field, value = action
                fields = {field: f"{value}@huy.example" if field == "email" else value}
                mutation_id = outbox.record_edit(
                    device.store, "contact_point", targets[record], fields, device.engine.clock
                )
                device.edits[mutation_id] = (targets[record], fields)
            elif action[0] == "sync":
                device.sync()
            elif action[0] == "cut_answer":
                device.cut_next = True
            elif action[0] == "offline":
                device.offline = action[2]
            elif action[0] == "crash":
                device.crash()

        for device in devices:
            device.offline, device.cut_next = False, False
        for _ in range(2):
            for device in devices:
                device.sync()
        for device in devices:
            assert device.engine.status().pending == 0

        # Every device equals the server.
        expected = server_records(sync_server)
        for device in devices:
            assert device.local_records() == expected

        # Every edit was answered; refused or conflicting ones are visible to their author,
        # and every acknowledged value is on the server unless a later one replaced it.
        latest: dict[tuple[str, str], tuple[int, object]] = {}
        with Session(sync_server.engine) as session:
            for device in devices:
                for mutation_id, (record_id, fields) in device.edits.items():
                    stored = session.get(AppliedMutation, mutation_id)
                    assert stored is not None, "an edit never reached the server"
                    result = json.loads(stored.result)
                    if result["status"] in ("conflict", "rejected"):
                        assert mutation_id in device.problems()
                        continue
                    for field, value in fields.items():
                        key = (record_id, field)
                        if key not in latest or latest[key][0] < result["version"]:
                            latest[key] = (result["version"], value)
        for (record_id, field), (_, value) in latest.items():
            assert expected[("contact_point", record_id)][field] == value
    finally:
        for device in devices:
            device.close()
