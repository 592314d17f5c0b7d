"""Enrolment, expiry, revocation, hashed tokens, and every role on every route."""

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlmodel import Session, select

from sync_server import enrolment
from sync_server.self_service.tables import UpdateRequest
from sync_server.tables import Device, EnrolmentCode
from tests.conftest import DEMO_DATASET, ROOT
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
    # The open routes: the health checks.
    assert httpx.get(f"{server.url}/health").status_code == 200
    assert httpx.get(f"{server.url}/ready").status_code == 200


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


PERMISSIONS = ROOT / "docs" / "permissions.md"
ROLES = ("lotse", "koordination", "admin")


def permission_table() -> list[tuple[str, str, set[str]]]:
    """(method, path, roles that may call it) from the table in docs/permissions.md."""
    rows = []
    for line in PERMISSIONS.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0] in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            method, path, *answers = cells
            rows.append(
                (method, path, {r for r, a in zip(ROLES, answers, strict=True) if a == "ja"})
            )
    return rows


def test_the_table_names_every_route_of_the_server(server: Server) -> None:
    assert server.in_thread is not None
    app: Any = server.in_thread.config.app
    routes = {
        (method.upper(), path)
        for path, methods in app.openapi()["paths"].items()
        for method in methods
    }
    assert routes == {(method, path) for method, path, _ in permission_table()}


def public_table() -> list[tuple[str, str]]:
    """(method, path) of the public pages, from their table in docs/permissions.md."""
    rows = []
    for line in PERMISSIONS.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] in ("GET", "POST"):
            rows.append((cells[0], cells[1]))
    return rows


def _routes(routes: list[Any]) -> Iterator[Any]:
    """Every route with a path, also those of included routers (FastAPI keeps those apart)."""
    for route in routes:
        if hasattr(route, "original_router"):
            yield from _routes(route.original_router.routes)
        elif hasattr(route, "methods") and route.methods:
            yield route


def test_every_route_outside_the_api_is_a_public_page_and_listed(server: Server) -> None:
    assert server.in_thread is not None
    app: Any = server.in_thread.config.app
    api = set(app.openapi()["paths"])
    documentation = {"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}
    outside = {
        (method, route.path)
        for route in _routes(app.routes)
        if route.path not in api | documentation
        for method in route.methods - {"HEAD"}
    }
    assert outside == set(public_table())
    for method, path in public_table():
        # "{rest:path}" reads to format() as a field with a format spec: named apart.
        url = (
            path.replace("{rest:path}", "x")
            .replace("{name:path}", "wegweiser.css")
            .format(
                language="de",
                key="halberstadt",
                topic_key="gesundheit",
                kind="anlaufstellen",
                sheet_id=new_id(),
                contact_id=new_id(),
                offer_id=new_id(),
                token="x" * 43,
            )
        )
        answer = httpx.request(method, server.url + url)  # no token
        # A form sent without the ticket of a page shown (the registration) is refused.
        spent = method == "POST" and answer.status_code == 403 and "schon gesendet" in answer.text
        assert answer.status_code in (200, 307, 404) or spent, (path, answer.status_code)
        # An unknown page names nothing; an unknown personal link says just that.
        unknown = ("Diese Seite gibt es nicht.", "Dieser Link ist abgelaufen")
        assert answer.status_code != 404 or any(text in answer.text for text in unknown)


CONTACTS_CSV = b"ID;Name\n;Testeintrag\n"
OFFERS_CSV = b"ID;Titel\n;Testangebot\n"


def _confirmed(url: str, body: Any, headers: dict[str, str]) -> str:
    """A spreadsheet's import confirms its preview: the preview's token, in the URL."""
    if not url.endswith(".csv") or "Authorization" not in headers:
        return url
    preview = httpx.post(url.rsplit("?", 1)[0] + "/preview", content=body, headers=headers)
    return f"{url}?token={preview.json().get('token', '')}" if preview.is_success else url


def _body(path: str, contact_id: str) -> Any:
    """A valid body for each route that takes one."""
    favourite = {"target_entity": "contact_point", "target_id": contact_id}
    return {
        "/enrol": {"code": "XXXX-XXXX-XXXX", "device_name": "Test"},
        "/sync/pull": {"kommunen": ["huy"], "limit": 1},
        "/sync/push": {"mutations": [mutation("favourite", new_id(), 0, favourite)]},
        "/reports/{report_id}/reject": {"reason": "Test der Rollen"},
        "/reports/{report_id}/accept": {},
        "/admin/enrolment-codes": {"account_name": "X", "role": "lotse"},
        "/admin/update-requests": {"ids": [contact_id]},
        "/imports/contact-points.csv": CONTACTS_CSV,
        "/imports/contact-points.csv/preview": CONTACTS_CSV,
        "/imports/offers.csv": OFFERS_CSV,
        "/imports/offers.csv/preview": OFFERS_CSV,
        "/imports/region.json": DEMO_DATASET.read_bytes(),
    }.get(path, {})


def _update_request(server: Server, contact_id: str) -> str:
    """A request to withdraw (as the office's route made it, without its mail)."""
    with Session(server.engine) as session:
        request = UpdateRequest(
            entity="contact_point",
            record_id=contact_id,
            recipient="info@example.org",
            created_at=datetime.now(UTC),
            expires_at=datetime.now(UTC) + timedelta(days=60),
        )
        session.add(request)
        session.commit()
        return request.id


@pytest.mark.parametrize("role", [None, *ROLES])
def test_every_role_on_every_route(server: Server, role: str | None) -> None:
    devices = {r: server.enrol(Role(r), r) for r in ROLES}
    reporter = server.enrol(Role.LOTSE, "Meldende")
    reporter.pull_all(["huy"])
    contact = next(r for k, r in reporter.records.items() if k[0] == "contact_point")
    sheet = next(r for k, r in reporter.records.items() if k[0] == "info_sheet")
    for method, path, allowed in permission_table():
        # Each call gets its own report and victim, so an allowed call never blocks the next.
        edit = mutation("contact_point", contact["id"], contact["version"], {"costs": new_id()})
        reporter.push(edit)
        victim = server.enrol(Role.LOTSE, "Opfer")
        url = path.format(
            report_id=edit["id"],
            device_id=victim.device_id,
            account_id=victim.account_id,
            sheet_id=sheet["id"],
            key="huy",
            request_id=_update_request(server, contact["id"]),
            record_id=contact["id"],
        )
        if path == "/audit":
            url += f"?record_id={contact['id']}"
        headers = {"Authorization": f"Bearer {devices[role].token}"} if role else {}
        body = _body(path, contact["id"]) if method == "POST" else None
        if isinstance(body, bytes):
            url = _confirmed(server.url + url, body, headers)
            response = httpx.request(method, url, content=body, headers=headers)
        else:
            # Timeout: the office's archive of every Kommune's Wegweiser takes seconds.
            response = httpx.request(
                method, server.url + url, json=body, headers=headers, timeout=120
            )
        if path in ("/health", "/ready", "/enrol"):
            # No token needed; the made-up code of /enrol is refused as a code.
            assert response.status_code in (200, 401), (method, path)
            assert path != "/enrol" or response.json()["type"].endswith("/code-ungueltig")
        elif role is None:
            assert response.status_code == 401, (method, path)
        elif role in allowed:
            assert response.status_code in (200, 201, 204), (method, path, response.text)
        else:
            assert response.status_code == 403, (method, path)
            assert response.json()["type"].endswith("/keine-berechtigung")


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
    late = httpx.post(f"{server.url}/enrol", json={"code": code, "device_name": "Neu"})
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
