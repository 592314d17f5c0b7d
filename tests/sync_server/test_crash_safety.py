"""Killed mid-write: under steady pushes from several devices the server process gets
SIGKILL again and again and is started again. Afterwards every acknowledged change is
there exactly once, with the version its device was told, and a device that followed
the change feed through it all holds exactly what a fresh full pull gives."""

import random
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from tests.support import local_http
from tests.support.server import Server, prepare_database, start_server
from tests.sync_server.conftest import ON_BOTH_DATABASES
from tests.sync_server.helpers import mutation
from wegweiser.dataset import Dataset
from wegweiser.protocol import Role

KILLS = 5


@dataclass
class Pusher:
    """One device: its own contact points to edit, its notes, what it was told."""

    token: str
    contacts: dict[str, int]
    """contact point id → the version the server last acknowledged"""
    acknowledged: set[str] = field(default_factory=set)
    notes: set[str] = field(default_factory=set)
    costs: dict[str, str] = field(default_factory=dict)
    retries: int = 0

    def batch(self, round_: int) -> list[dict]:
        notes = [
            mutation(
                "private_note",
                str(uuid.uuid4()),
                0,
                {
                    "target_entity": "contact_point",
                    "target_id": next(iter(self.contacts)),
                    "text": f"Notiz {round_}",
                },
            )
            for _ in range(2)
        ]
        edits = [
            mutation("contact_point", contact, version, {"costs": f"Runde {round_}"})
            for contact, version in self.contacts.items()
        ]
        return notes + edits

    def run(self, url: str, stop: threading.Event) -> None:
        """Push until told to stop; a batch is sent again, unchanged, until answered."""
        round_ = 0
        with local_http.client(
            base_url=url, headers={"Authorization": f"Bearer {self.token}"}, timeout=10
        ) as client:
            while not stop.is_set():
                round_ += 1
                batch = self.batch(round_)
                while True:
                    try:
                        response = client.post("/sync/push", json={"mutations": batch})
                    except httpx.TransportError:
                        response = None
                    if response is not None and response.status_code == 200:
                        break
                    self.retries += 1
                    time.sleep(0.05)
                for sent, result in zip(batch, response.json()["results"], strict=True):
                    assert result["status"] == "applied", result
                    self.acknowledged.add(sent["id"])
                    if sent["entity"] == "private_note":
                        self.notes.add(sent["record_id"])
                    else:
                        self.contacts[sent["record_id"]] = result["version"]
                        self.costs[sent["record_id"]] = sent["fields"]["costs"]


@dataclass
class Follower:
    """A device that pulls the change feed with its cursor throughout."""

    token: str
    cursor: str = ""
    seen: dict[str, int] = field(default_factory=dict)

    def pull_once(self, client: httpx.Client) -> None:
        while True:
            page = client.post(
                "/sync/pull", json={"cursor": self.cursor, "kommunen": ["thale"], "limit": 100}
            )
            page.raise_for_status()
            body = page.json()
            for change in body["changes"]:
                if change["entity"] == "contact_point":
                    self.seen[change["id"]] = change["version"]
            self.cursor = body["next_cursor"]
            if not body["has_more"]:
                return

    def run(self, url: str, stop: threading.Event) -> None:
        with local_http.client(
            base_url=url, headers={"Authorization": f"Bearer {self.token}"}, timeout=10
        ) as client:
            while not stop.is_set():
                try:
                    self.pull_once(client)
                except (httpx.TransportError, httpx.HTTPStatusError):
                    time.sleep(0.05)
                time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.server_process
@ON_BOTH_DATABASES
def test_no_acknowledged_change_is_lost_when_the_server_is_killed(
    database_url: str, tmp_path: Path, demo_dataset: Dataset
) -> None:
    prepare_database(database_url, demo_dataset).dispose()
    server: Server = start_server(database_url, tmp_path, process=True)
    port = server.port
    pushers: list[Pusher] = []
    follower_device = server.enrol(Role.KOORDINATION, "Beobachterin")
    follower = Follower(follower_device.token)
    follower_device.pull_all(["thale"])
    contacts = sorted(
        (r["id"], r["version"])
        for (entity, _), r in follower_device.records.items()
        if entity == "contact_point"
    )
    for i in range(3):
        device = server.enrol(Role.KOORDINATION, f"Gerät {i}")
        pushers.append(Pusher(device.token, dict(contacts[i * 2 : i * 2 + 2])))
    stop = threading.Event()
    threads = [threading.Thread(target=p.run, args=(server.url, stop)) for p in pushers]
    threads.append(threading.Thread(target=follower.run, args=(server.url, stop)))
    for thread in threads:
        thread.start()
    rng = random.Random(7)
    try:
        for _ in range(KILLS):
            time.sleep(rng.uniform(0.8, 1.6))
            server.kill()
            server.engine.dispose()
            server = start_server(database_url, tmp_path, port=port, process=True)
        time.sleep(1.0)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    try:
        acknowledged = set().union(*(p.acknowledged for p in pushers))
        assert len(acknowledged) > 50 * len(pushers), "too little load to mean anything"
        assert sum(p.retries for p in pushers) > 0, "no push was ever cut off"
        with server.engine.connect() as connection:
            stored = set(connection.execute(text("SELECT id FROM applied_mutation")).scalars())
            notes = list(connection.execute(text("SELECT id FROM private_note")).scalars())
            rows = connection.execute(text("SELECT id, costs, version FROM contact_point")).all()
        contact_rows = {row[0]: row[1] for row in rows}
        versions = {row[0]: row[2] for row in rows}
        # Every acknowledged mutation was stored, and none twice (notes are new ids).
        assert acknowledged <= stored
        assert len(notes) == len(set(notes))
        assert set().union(*(p.notes for p in pushers)) <= set(notes)
        for pusher in pushers:
            for contact, version in pusher.contacts.items():
                assert versions[contact] == version
                assert contact_rows[contact] == pusher.costs[contact]
        # The follower's incremental view equals a fresh full pull: no change fell
        # between two cursors.
        with local_http.client(
            base_url=server.url, headers={"Authorization": f"Bearer {follower.token}"}
        ) as client:
            follower.pull_once(client)
            fresh = Follower(follower.token)
            fresh.pull_once(client)
        assert follower.seen == fresh.seen
        print(
            f"\n{KILLS} Abbrüche, {len(acknowledged)} bestätigte Änderungen, "
            f"{sum(p.retries for p in pushers)} Wiederholungen, nichts verloren"
        )
    finally:
        server.stop()
        server.engine.dispose()
