"""Enrolment, expiry, revocation, hashed tokens, and every role on every route."""

import hashlib
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlmodel import Session, select

from sync_server import enrolment
from sync_server.tables import Device, EnrolmentCode
from tests.sync_server.conftest import Server
from tests.sync_server.helpers import mutation, new_id
from wegweiser.protocol import Role


def test_code_works_once(server: Server) -> None:
    with Session(server.engine) as session:
        code = enrolment.create_code(session, Role.LOTSE, "Lotsin").code
    first = httpx.post(f"{server.url}/enrol", json={"code": code, "device_name": "Tablet"})
    assert first.status_code == 200
    token = first.json()["token"]
    me = httpx.get(f"{server.url}/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["account_name"] == "Lotsin" and me.json()["role"] == "lotse"
    # Typed in lower case without dashes it is the same code, and it is used up.
    typed = code.replace("-", "").lower()
    again = httpx.post(f"{server.url}/enrol", json={"code": typed, "device_name": "Zweites"})
    assert again.status_code == 401
    assert again.json()["type"].endswith("/code-ungueltig")


def test_expired_code_is_refused(server: Server) -> None:
    with Session(server.engine) as session:
        code = enrolment.create_code(session, Role.LOTSE, "Spät").code
        entry = session.exec(select(EnrolmentCode)).all()[-1]
        entry.expires_at = datetime.now(UTC) - timedelta(minutes=1)
        session.add(entry)
        session.commit()
    response = httpx.post(f"{server.url}/enrol", json={"code": code, "device_name": "T"})
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
    assert httpx.post(f"{server.url}/sync/pull", json={}).status_code == 401
    unknown = httpx.post(
        f"{server.url}/sync/pull", json={}, headers={"Authorization": "Bearer erfunden"}
    )
    assert unknown.status_code == 401
    assert unknown.headers["www-authenticate"] == "Bearer"
    assert httpx.get(f"{server.url}/health").status_code == 200  # the one open route


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


# (method, path, body, roles that may call it). Report and device ids are filled in.
ROUTES = [
    ("GET", "/me", None, {"lotse", "koordination", "admin"}),
    ("POST", "/sync/pull", {"kommunen": ["huy"], "limit": 1}, {"lotse", "koordination", "admin"}),
    ("POST", "/sync/push", "PUSH", {"lotse", "koordination", "admin"}),
    ("GET", "/reports", None, {"koordination", "admin"}),
    ("POST", "/reports/{report}/reject", {"reason": "Test der Rollen"}, {"koordination", "admin"}),
    ("POST", "/reports/{report}/accept", {}, {"koordination", "admin"}),
    (
        "POST",
        "/admin/enrolment-codes",
        {"account_name": "X", "role": "lotse"},
        {"koordination", "admin"},
    ),
    ("GET", "/admin/devices", None, {"koordination", "admin"}),
    ("POST", "/admin/devices/{victim}/revoke", {}, {"koordination", "admin"}),
]


@pytest.mark.parametrize("role", [None, "lotse", "koordination", "admin"])
def test_every_role_on_every_route(server: Server, role: str | None) -> None:
    devices = {r: server.enrol(Role(r), r) for r in ("lotse", "koordination", "admin")}
    reporter = server.enrol(Role.LOTSE, "Meldende")
    reporter.pull_all(["huy"])
    contact = next(r for k, r in reporter.records.items() if k[0] == "contact_point")
    for method, path, body, allowed in ROUTES:
        # Each call gets its own report and victim, so an allowed call never blocks the next.
        edit = mutation("contact_point", contact["id"], contact["version"], {"costs": new_id()})
        reporter.push(edit)
        victim = server.enrol(Role.LOTSE, "Opfer")
        url = path.format(report=edit["id"], victim=victim.device_id)
        payload = (
            {
                "mutations": [
                    mutation(
                        "favourite",
                        new_id(),
                        0,
                        {"target_entity": "contact_point", "target_id": contact["id"]},
                    )
                ]
            }
            if body == "PUSH"
            else body
        )
        headers = {"Authorization": f"Bearer {devices[role].token}"} if role else {}
        response = httpx.request(method, server.url + url, json=payload, headers=headers)
        if role is None:
            assert response.status_code == 401, (method, path)
        elif role in allowed:
            assert response.status_code in (200, 201, 204), (method, path, response.text)
        else:
            assert response.status_code == 403, (method, path)
            assert response.json()["type"].endswith("/keine-berechtigung")
