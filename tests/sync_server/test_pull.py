"""Delta pull: paging and resume, nothing new, tombstones, scope change, retention."""

import gzip
import json
from dataclasses import replace

from sqlmodel import Session, select

from sync_server import changes, retention
from sync_server.tables import SyncItem, SyncItemKommune, SyncState
from tests.support import local_http
from tests.sync_server.conftest import ON_BOTH_DATABASES, Server
from tests.sync_server.helpers import mutation
from wegweiser.dataset import Dataset
from wegweiser.kinds import ENTITY_BY_NAME
from wegweiser.model import NetworkPartner
from wegweiser.protocol import Role

HALBERSTADT_CONTACT = "Jobcenter Landkreis Harz – Standort Halberstadt"


def expected_for(server: Server, kommunen: set[str]) -> set[tuple[str, str]]:
    """What a device with these Kommunen must end up with, read from the database."""
    with Session(server.engine) as session:
        items = session.exec(select(SyncItem)).all()
        wanted = set()
        for item in items:
            keys = {
                row.kommune_key
                for row in session.exec(
                    select(SyncItemKommune).where(SyncItemKommune.item_id == item.id)
                )
            }
            if item.deleted or item.staff_only:
                continue
            if (item.shared and item.owner_account_id is None) or keys & kommunen:
                wanted.add((item.entity, item.record_id))
    return wanted


@ON_BOTH_DATABASES
def test_initial_pull_pages_and_resumes(server: Server) -> None:
    device = server.enrol()
    # Pull two pages, then "crash": a new device object resumes from the saved cursor.
    first = device.post("/sync/pull", {"kommunen": ["halberstadt"], "limit": 25}).json()
    assert first["has_more"] and len(first["changes"]) == 25
    second = device.post(
        "/sync/pull", {"cursor": first["next_cursor"], "kommunen": ["halberstadt"], "limit": 25}
    ).json()
    seen = [(c["entity"], c["id"]) for c in first["changes"] + second["changes"]]
    resumed = server.enrol(account_id=device.account_id, name="Zweites")
    resumed.cursor = second["next_cursor"]
    trips = resumed.pull_all(["halberstadt"], limit=25)
    assert trips >= 2
    seen += list(resumed.records)
    assert len(seen) == len(set(seen)), "no record twice"
    assert set(seen) == expected_for(server, {"halberstadt"}), "no record missing"
    titles = {r.get("name") for r in resumed.records.values()} | {
        c["data"].get("name") for c in first["changes"] + second["changes"]
    }
    assert HALBERSTADT_CONTACT in titles
    assert "Tafel Thale" not in titles


@ON_BOTH_DATABASES
def test_a_pulled_record_is_what_the_model_makes_of_it(server: Server) -> None:
    office = server.enrol(Role.KOORDINATION, "Büro")  # drafts and every kind, too
    office.pull_all(["halberstadt", "thale"], limit=1000)
    assert {entity for entity, _ in office.records} >= {"contact_point", "network_partner"}
    with Session(server.engine) as session:
        for (entity, record_id), data in office.records.items():
            record = session.get(ENTITY_BY_NAME[entity], record_id)
            assert record is not None
            expected = record.model_dump(mode="json")
            if isinstance(record, NetworkPartner) and not record.contact_consent:
                expected |= {"contact_name": None, "contact_phone": None, "contact_email": None}
            assert data == expected
    assert all(data["updated_at"].endswith("Z") for data in office.records.values())


def test_nothing_new_is_one_small_round_trip(server: Server) -> None:
    device = server.enrol()
    device.pull_all(["halberstadt"], limit=1000)
    cursor = device.cursor
    with local_http.client(
        base_url=server.url, headers={"Authorization": f"Bearer {device.token}"}
    ) as c:
        response = c.post("/sync/pull", json={"cursor": cursor, "kommunen": ["halberstadt"]})
    assert response.status_code == 200
    assert response.json() == {
        "changes": [],
        "next_cursor": cursor,
        "has_more": False,
        "example_data": True,
    }
    assert response.num_bytes_downloaded < 200


def test_a_cursor_naming_the_epoch_whole_still_reads(server: Server) -> None:
    """Cursors name the epoch in 22 characters since December 2026; a tablet may still
    hold one that names it in 36."""
    device = server.enrol()
    device.pull_all(["halberstadt"], limit=1000)
    short, _, seq = device.cursor.rpartition(".")
    with Session(server.engine) as session:
        state = session.get(SyncState, 1)
        assert state is not None
    assert len(short) == 22 and len(state.epoch) == 36
    answer = device.post(
        "/sync/pull", {"cursor": f"{state.epoch}.{seq}", "kommunen": ["halberstadt"]}
    )
    assert answer.status_code == 200, answer.text
    assert (answer.json()["changes"], answer.json()["next_cursor"]) == ([], device.cursor)
    other = device.post("/sync/pull", {"cursor": f"{'A' * 22}.{seq}", "kommunen": ["halberstadt"]})
    assert other.status_code == 410


def test_every_pull_says_whether_the_content_is_example_data(
    server: Server, demo_dataset: Dataset
) -> None:
    device = server.enrol()
    device.pull_all(["halberstadt"], limit=1000)
    assert device.last_page["example_data"] is True
    real = replace(demo_dataset, meta=replace(demo_dataset.meta, example_data=False))
    with Session(server.engine) as session:
        assert changes.load_dataset(session, real)[0] == 0  # the same records
        session.commit()
    device.pull_all(["halberstadt"], limit=1000)
    assert device.last_page["example_data"] is False


def test_pages_are_gzip_compressed(server: Server) -> None:
    device = server.enrol()
    with (
        local_http.client(
            base_url=server.url, headers={"Authorization": f"Bearer {device.token}"}
        ) as c,
        c.stream(
            "POST",
            "/sync/pull",
            json={"kommunen": ["quedlinburg"], "limit": 100},
            headers={"Accept-Encoding": "gzip"},
        ) as response,
    ):
        raw = b"".join(response.iter_raw())
    assert response.headers["content-encoding"] == "gzip"
    plain = gzip.decompress(raw)
    assert len(raw) * 3 < len(plain)  # about 4:1 for this page, depending on the ids
    assert len(json.loads(plain)["changes"]) == 100


@ON_BOTH_DATABASES
def test_deletion_arrives_as_tombstone(server: Server) -> None:
    lotse = server.enrol()
    lotse.pull_all(["thale"])
    coordinator = server.enrol(Role.KOORDINATION, "Koordination")
    coordinator.pull_all(["thale"])
    (offer_key, offer) = next(
        (k, r)
        for k, r in coordinator.records.items()
        if k[0] == "offer" and r["kommune_key"] == "thale"
    )
    assert offer_key in lotse.records
    [result] = coordinator.push(mutation("offer", offer["id"], offer["version"], op="delete"))
    assert result["status"] == "applied"
    response = lotse.post("/sync/pull", {"cursor": lotse.cursor, "kommunen": ["thale"]}).json()
    assert response["changes"] == [
        {
            "entity": "offer",
            "id": offer["id"],
            "version": offer["version"] + 1,
            "deleted": True,
            "data": None,
        }
    ]


@ON_BOTH_DATABASES
def test_adding_a_kommune_fetches_only_what_is_new(server: Server) -> None:
    device = server.enrol()
    device.pull_all(["halberstadt"])
    before = set(device.records)
    added: set[tuple[str, str]] = set()
    cursor = ""
    while True:
        page = device.post(
            "/sync/pull",
            {
                "cursor": cursor,
                "kommunen": ["ditfurt"],
                "include_shared": False,
                "exclude_kommunen": ["halberstadt"],
                "until": device.cursor,
            },
        ).json()
        added |= {(c["entity"], c["id"]) for c in page["changes"]}
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert added, "Ditfurt has its own entries"
    assert not added & before, "nothing the device already had"
    assert added | before == expected_for(server, {"halberstadt", "ditfurt", "vorharz"})
    # Entries of the Verbandsgemeinde come with its member Ditfurt.
    vg_office = [k for k in added if k[0] == "contact_point"]
    assert vg_office
    # Afterwards the normal pull with both Kommunen has nothing new.
    page = device.post(
        "/sync/pull", {"cursor": device.cursor, "kommunen": ["halberstadt", "ditfurt"]}
    ).json()
    assert page["changes"] == []


@ON_BOTH_DATABASES
def test_old_cursor_after_retention_needs_full_resync(server: Server) -> None:
    coordinator = server.enrol(Role.KOORDINATION, "Koordination")
    stale = server.enrol()
    stale.pull_all(["osterwieck"])
    coordinator.pull_all(["osterwieck"])
    offer = next(r for k, r in coordinator.records.items() if k[0] == "offer")
    coordinator.push(mutation("offer", offer["id"], offer["version"], op="delete"))
    with Session(server.engine) as session:
        assert retention.purge_tombstones(session, older_than_days=0) == 1
    response = stale.post("/sync/pull", {"cursor": stale.cursor, "kommunen": ["osterwieck"]})
    assert response.status_code == 410
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/vollsynchronisierung-noetig")
    # Starting over works, and the purged record is simply absent.
    fresh = server.enrol()
    fresh.pull_all(["osterwieck"])
    assert ("offer", offer["id"]) not in fresh.records
    assert len(fresh.records) == len(stale.records) - 1
