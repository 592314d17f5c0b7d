"""Enrolment, expiry, revocation, hashed tokens, who makes codes for whom (every role on
every route: `test_permissions.py`)."""

import hashlib
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from sync_server import enrolment
from sync_server.tables import Device, EnrolmentCode
from tests.support import local_http
from tests.sync_server.conftest import Server
from wegweiser.protocol import Role


def test_code_works_once(server: Server) -> None:
    with Session(server.engine) as session:
        code = enrolment.create_code(session, Role.LOTSE, "Lotsin").code
    first = local_http.post(f"{server.url}/enrol", json={"code": code, "device_name": "Tablet"})
    assert first.status_code == 200
    token = first.json()["token"]
    me = local_http.get(f"{server.url}/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["account_name"] == "Lotsin" and me.json()["role"] == "lotse"
    # Typed in lower case without dashes it is the same code, and it is used up.
    typed = code.replace("-", "").lower()
    again = local_http.post(f"{server.url}/enrol", json={"code": typed, "device_name": "Zweites"})
    assert again.status_code == 401
    assert again.json()["type"].endswith("/code-ungueltig")


def test_expired_code_is_refused(server: Server) -> None:
    with Session(server.engine) as session:
        code = enrolment.create_code(session, Role.LOTSE, "Spät").code
        entry = session.exec(select(EnrolmentCode)).all()[-1]
        entry.expires_at = datetime.now(UTC) - timedelta(minutes=1)
        session.add(entry)
        session.commit()
    response = local_http.post(f"{server.url}/enrol", json={"code": code, "device_name": "T"})
    assert response.status_code == 401


def test_tokens_are_stored_hashed(server: Server) -> None:
    device = server.enrol()
    with Session(server.engine) as session:
        stored = session.get(Device, device.device_id)
    assert stored is not None
    assert stored.token_hash == hashlib.sha256(device.token.encode()).hexdigest()
    assert device.token not in stored.model_dump_json()


def test_revocation_takes_effect_at_once_and_says_wipe(server: Server) -> None:
    lotse = server.enrol()
    coordinator = server.enrol(Role.KOORDINATION, "K")
    assert lotse.get("/me").status_code == 200
    response = coordinator.post(f"/admin/devices/{lotse.device_id}/revoke", {})
    assert response.status_code == 204
    refused = lotse.post("/sync/pull", {"kommunen": ["thale"]})
    assert refused.status_code == 403
    body = refused.json()
    assert body["wipe"] is True and body["type"].endswith("/geraet-gesperrt")
    assert "gesperrt" in body["detail"]


def test_missing_and_unknown_tokens(server: Server) -> None:
    assert local_http.post(f"{server.url}/sync/pull", json={}).status_code == 401
    unknown = local_http.post(
        f"{server.url}/sync/pull", json={}, headers={"Authorization": "Bearer erfunden"}
    )
    assert unknown.status_code == 401
    assert unknown.headers["www-authenticate"] == "Bearer"
    # The open routes: the health checks.
    assert local_http.get(f"{server.url}/health").status_code == 200
    assert local_http.get(f"{server.url}/ready").status_code == 200


def test_coordination_manages_only_guides(server: Server) -> None:
    coordinator = server.enrol(Role.KOORDINATION, "K")
    admin = server.enrol(Role.ADMIN, "Admin")
    code = coordinator.post("/admin/enrolment-codes", {"account_name": "Neu", "role": "lotse"})
    assert code.status_code == 201
    assert (
        coordinator.post(
            "/admin/enrolment-codes", {"account_name": "Chefin", "role": "admin"}
        ).status_code
        == 403
    )
    assert coordinator.post(f"/admin/devices/{admin.device_id}/revoke", {}).status_code == 403
    assert (
        admin.post(
            "/admin/enrolment-codes", {"account_name": "Chefin", "role": "admin"}
        ).status_code
        == 201
    )
    devices = coordinator.get("/admin/devices").json()
    assert {d["role"] for d in devices} >= {"koordination", "admin"}
    assert all("token" not in str(d).lower() for d in devices)


def test_only_admins_make_codes_for_an_existing_account(server: Server) -> None:
    coordinator = server.enrol(Role.KOORDINATION, "K")
    admin = server.enrol(Role.ADMIN, "Admin")
    guide = server.enrol(Role.LOTSE, "Anna")
    body = {"account_id": guide.account_id, "role": "lotse"}
    refused = coordinator.post("/admin/enrolment-codes", body)
    assert refused.status_code == 403
    assert "Administration" in refused.json()["detail"]
    assert admin.post("/admin/enrolment-codes", body).status_code == 201


def test_a_revoked_account_loses_its_devices_and_unused_codes(server: Server) -> None:
    admin = server.enrol(Role.ADMIN, "Admin")
    guide = server.enrol(Role.LOTSE, "Anna")
    code = admin.post(
        "/admin/enrolment-codes", {"account_id": guide.account_id, "role": "lotse"}
    ).json()["code"]
    assert admin.post(f"/admin/accounts/{guide.account_id}/revoke", {}).status_code == 204
    assert guide.get("/me").status_code == 403
    late = local_http.post(f"{server.url}/enrol", json={"code": code, "device_name": "Neu"})
    assert late.status_code == 401
    trail = admin.get(f"/audit?record_id={guide.account_id}").json()
    assert [(e["action"], e["account_name"]) for e in trail] == [("account_revoked", "Admin")]
    assert trail[0]["details"] == {"name": "Anna", "devices": 1}


def test_nobody_locks_themselves_out(server: Server) -> None:
    admin = server.enrol(Role.ADMIN, "Admin")
    own_account = admin.post(f"/admin/accounts/{admin.account_id}/revoke", {})
    assert own_account.status_code == 409
    own_device = admin.post(f"/admin/devices/{admin.device_id}/revoke", {})
    assert own_device.status_code == 409
    assert own_device.json()["type"].endswith("/eigenes-letztes-geraet")
    assert admin.get("/me").status_code == 200
    # With a second device, the first may go.
    second = server.enrol(Role.ADMIN, account_id=admin.account_id)
    assert second.post(f"/admin/devices/{admin.device_id}/revoke", {}).status_code == 204
    assert admin.get("/me").status_code == 403


def test_a_periodic_pull_does_not_write_when_the_device_was_seen_this_hour(
    server: Server,
) -> None:
    """Last seen is kept to the hour: with a five-minute threshold nearly every periodic
    pull (every 5 min ±20 %) wrote to the devices table."""
    guide = server.enrol(Role.LOTSE, "Anna")
    seen = datetime.now(UTC) - timedelta(minutes=40)
    with Session(server.engine) as session:
        device = session.get_one(Device, guide.device_id)
        device.last_seen_at = seen
        session.add(device)
        session.commit()

    def last_seen() -> datetime | None:
        with Session(server.engine) as session:
            found = session.get_one(Device, guide.device_id).last_seen_at
        return found.replace(tzinfo=UTC) if found and found.tzinfo is None else found

    assert guide.post("/sync/pull", {"kommunen": ["thale"], "limit": 1}).status_code == 200
    assert last_seen() == seen
    with Session(server.engine) as session:
        device = session.get_one(Device, guide.device_id)
        device.last_seen_at = datetime.now(UTC) - timedelta(minutes=61)
        session.add(device)
        session.commit()
    assert guide.post("/sync/pull", {"kommunen": ["thale"], "limit": 1}).status_code == 200
    later = last_seen()
    assert later is not None and datetime.now(UTC) - later < timedelta(minutes=1)
