"""The permissions table (docs/permissions.md) is the server's: it names every route, every
route outside the API is a public page it lists, and every role gets on every route what
the table says."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import Session

from sync_server.self_service.tables import UpdateRequest
from tests.conftest import DEMO_DATASET, ROOT
from tests.support import local_http
from tests.sync_server.conftest import Server
from tests.sync_server.helpers import mutation, new_id
from wegweiser.protocol import Role

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
        answer = local_http.request(method, server.url + url)  # no token
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
    preview = local_http.post(url.rsplit("?", 1)[0] + "/preview", content=body, headers=headers)
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
            response = local_http.request(method, url, content=body, headers=headers)
        else:
            # Timeout: the office's archive of every Kommune's Wegweiser takes seconds.
            response = local_http.request(
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
