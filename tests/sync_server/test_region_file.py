"""The region's file (everything the server holds, in the dataset format): an export loads
into an empty server as it was, and a file whose last record is bad changes nothing."""

import json

from sqlmodel import Session, select

from sync_server.changes import content_of
from sync_server.tables import AuditEvent
from tests.support.server import Server, start_server
from tests.sync_server.conftest import ON_BOTH_DATABASES
from tests.sync_server.helpers import count
from wegweiser.kinds import CONTENT_TYPES
from wegweiser.model import ContactPoint
from wegweiser.protocol import Role


def test_a_regions_export_loads_into_an_empty_server_as_it_was(server: Server, tmp_path) -> None:
    office = server.enrol(Role.KOORDINATION, "Koordination")
    office.pull_all(["huy"])
    draft = next(r for k, r in office.records.items() if k[0] == "offer")
    office.push(
        {
            "id": "3f0b7a52-58f6-4a59-9c37-2d1d6a5c1e01",
            "entity": "offer",
            "record_id": draft["id"],
            "op": "upsert",
            "base_version": draft["version"],
            "fields": {"status": "archived"},
        }
    )
    exported = office.get("/exports/region.json")
    assert exported.status_code == 200

    empty = start_server(f"sqlite:///{tmp_path / 'empty.sqlite'}", tmp_path / "empty")
    try:
        admin = empty.enrol(Role.ADMIN, "Administration")
        coordination = empty.enrol(Role.KOORDINATION, "Koordination")
        with coordination.client() as client:
            assert client.post("/imports/region.json", content=exported.content).status_code == 403
        with admin.client() as client:
            loaded = client.post("/imports/region.json", content=exported.content)
            broken = client.post("/imports/region.json", content=b'{"format": "x"}')
        assert loaded.status_code == 200, loaded.text
        assert broken.status_code == 422 and broken.json()["errors"]
        with Session(server.engine) as before, Session(empty.engine) as after:
            for cls in CONTENT_TYPES:
                old = {r.id: content_of(r) for r in before.exec(select(cls)) if not r.deleted}
                new = {r.id: content_of(r) for r in after.exec(select(cls)) if not r.deleted}
                assert new == old, cls.entity
    finally:
        empty.stop()
        empty.engine.dispose()


@ON_BOTH_DATABASES
def test_a_region_file_with_a_bad_last_record_changes_nothing(server: Server) -> None:
    # On PostgreSQL a NUL in the last record left 200 records changed and no audit event.
    admin = server.enrol(Role.ADMIN, "Administration")
    document = json.loads(admin.get("/exports/region.json").content)
    for contact in document["contact_points"]:
        contact["description"] = "Neu beschrieben."
    document["contact_points"][-1]["description"] = "Neu\x00beschrieben."
    with Session(server.engine) as session:
        before = {c.id: content_of(c) for c in session.exec(select(ContactPoint))}
    with admin.client() as client:
        answer = client.post("/imports/region.json", content=json.dumps(document).encode())
    assert answer.status_code == 422, answer.text
    [problem] = answer.json()["errors"]
    assert "Feld „description“: enthält Steuerzeichen" in problem["message"]
    with Session(server.engine) as session:
        after = {c.id: content_of(c) for c in session.exec(select(ContactPoint))}
    assert after == before
    assert count(server, AuditEvent) == 0
