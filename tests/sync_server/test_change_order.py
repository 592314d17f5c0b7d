"""The change order: on PostgreSQL pushes of different accounts write side by side, and
still no cursor passes a change that commits later; two pushes of one shared record
lose nothing; numbers stay above every number a migrated database held."""

import threading
from typing import Any

import pytest
from sqlalchemy import select as sa_select
from sqlalchemy import text
from sqlmodel import Session

from sync_server import change_order, changes
from sync_server.db import make_engine
from sync_server.tables import SyncState
from tests.support import local_http
from tests.support.server import Device, Server, prepare_database
from tests.sync_server.conftest import ON_BOTH_DATABASES
from tests.sync_server.helpers import mutation
from wegweiser.dataset import Dataset
from wegweiser.model import ContactPoint
from wegweiser.protocol import Role

ON_POSTGRES = pytest.mark.parametrize(
    "database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)


def _thale_contacts(device: Device) -> list[dict[str, Any]]:
    device.pull_all(["thale"])
    return [
        r
        for (entity, _), r in sorted(device.records.items())
        if entity == "contact_point" and r["kommune_keys"] == ["thale"]
    ]


def _renamed(session: Session, record_id: str, name: str) -> None:
    """Writes a new name as the server does, in `session`'s transaction."""
    current = session.get(ContactPoint, record_id)
    assert current is not None
    changed = ContactPoint.model_validate({**current.model_dump(), "name": name})
    session.expunge(current)
    changes.save(session, changed, current)
    session.flush()


@ON_POSTGRES
def test_no_cursor_passes_a_change_that_commits_later(server: Server) -> None:
    guide = server.enrol(Role.LOTSE, "Anna")
    first, second = _thale_contacts(guide)[:2]
    office = server.enrol(Role.KOORDINATION, "Koordinierungsstelle")
    held = Session(server.engine)
    try:
        # Another server process in the middle of a push: its change has its number,
        # and it has not committed.
        change_order.write_beside_others(held, "ein-anderes-konto")
        _renamed(held, first["id"], "Zuerst nummeriert")
        # A push of another account goes on beside it and commits a later number.
        with local_http.client(
            base_url=server.url, headers={"Authorization": f"Bearer {office.token}"}, timeout=10
        ) as client:
            body = {"mutations": [mutation("contact_point", second["id"], second["version"])]}
            body["mutations"][0]["fields"] = {"name": "Später nummeriert"}
            answer = client.post("/sync/push", json=body)
        assert answer.status_code == 200 and answer.json()["results"][0]["status"] == "applied"
        guide.pull_all(["thale"])
        names = {r["name"] for r in guide.records.values() if "name" in r}
        # Neither yet: handing out the later one would move the cursor past the first.
        assert "Später nummeriert" not in names and "Zuerst nummeriert" not in names
        held.commit()
    finally:
        held.close()
    guide.pull_all(["thale"])
    names = {r["name"] for r in guide.records.values() if "name" in r}
    assert {"Zuerst nummeriert", "Später nummeriert"} <= names


@ON_BOTH_DATABASES
def test_two_offices_pushing_the_same_records_at_once_lose_nothing(server: Server) -> None:
    """Each pushes both records, in the other order (PostgreSQL may stop one of two
    pushes waiting for each other: it is tried again), one field each."""
    one, other = server.enrol(Role.KOORDINATION, "A"), server.enrol(Role.KOORDINATION, "B")
    records = _thale_contacts(one)[:2]
    rounds = 8
    start = threading.Barrier(2)
    answers: list[str] = []

    def pushes(device: Device, field: str, order: list[dict[str, Any]]) -> None:
        start.wait()
        for n in range(rounds):
            edits = [
                mutation("contact_point", r["id"], r["version"], {field: f"{n}"}) for r in order
            ]
            answers.extend(result["status"] for result in device.push(*edits))

    threads = [
        threading.Thread(target=pushes, args=(one, "costs", records)),
        threading.Thread(target=pushes, args=(other, "accessibility", records[::-1])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(set(answers)) <= ["applied", "merged"] and len(answers) == 4 * rounds
    with Session(server.engine) as session:
        for record in records:
            stored = session.get(ContactPoint, record["id"])
            assert stored is not None
            # Every push made a version of its own, none overwrote another's.
            assert stored.version == record["version"] + 2 * rounds
            assert (stored.costs, stored.accessibility) == (f"{rounds - 1}", f"{rounds - 1}")


@ON_POSTGRES
def test_numbers_stay_above_those_of_a_migrated_or_restored_database(
    database_url: str, demo_dataset: Dataset
) -> None:
    """A database whose numbers came from SQLite's counter, or from another server's
    transaction ids, may hold numbers above this server's transaction ids."""
    prepare_database(database_url, demo_dataset).dispose()
    engine = make_engine(database_url)
    high = 1 << 52
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE sync_state SET last_seq = :n"), {"n": high})
            connection.execute(text("UPDATE sync_item SET seq = seq + :n"), {"n": high})
            change_order.settle(connection)
        with Session(engine) as session:
            state = SyncState.__table__  # type: ignore[attr-defined]
            horizon = session.execute(
                sa_select(change_order.horizon("postgresql")).select_from(state)
            ).scalar_one()
            assert horizon >= high  # every cursor given before is still good
            record_id = session.execute(
                text("SELECT record_id FROM sync_item WHERE entity = 'contact_point' LIMIT 1")
            ).scalar_one()
            _renamed(session, record_id, "Nach der Wiederherstellung")
            session.commit()
            seq = session.execute(
                text("SELECT seq FROM sync_item WHERE record_id = :id"), {"id": record_id}
            ).scalar_one()
        assert seq > horizon
    finally:
        engine.dispose()
