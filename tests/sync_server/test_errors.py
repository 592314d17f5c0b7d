"""Malformed, oversized and hostile input: a 4xx problem document, and nothing changed."""

import json

import httpx
import pytest
from sqlalchemy import text

from tests.sync_server.conftest import ON_BOTH_DATABASES, Device, Server
from tests.sync_server.helpers import mutation, new_id
from wegweiser.protocol import Role

TABLES = (
    "sync_item",
    "sync_state",
    "contact_point",
    "offer",
    "info_sheet",
    "change_report",
    "private_note",
    "applied_mutation",
    "account",
    "device",
    "enrolment_code",
)

HOSTILE = [
    "'; DROP TABLE contact_point; --",
    "<script>alert('x')</script>",
    "x" * 100_000,
    "\x00\x01\x1b[31m",
    "../../etc/passwd",
    "Robert'); DELETE FROM sync_item; --",
]


def snapshot(server: Server) -> dict[str, list]:
    with server.engine.connect() as connection:
        return {
            table: sorted(map(repr, connection.execute(text(f"SELECT * FROM {table}")).all()))
            for table in TABLES
        }


@pytest.fixture
def coordinator(server: Server) -> Device:
    device = server.enrol(Role.KOORDINATION, "K")
    device.pull_all(["thale"])
    return device


def assert_problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


@ON_BOTH_DATABASES
def test_malformed_requests_change_nothing(server: Server, coordinator: Device) -> None:
    before = snapshot(server)
    with coordinator.client() as client:
        body = assert_problem(
            client.post(
                "/sync/push",
                content=b'{"mutations": [',
                headers={"content-type": "application/json"},
            ),
            400,
        )
        assert "kein gültiges JSON" in body["detail"]
        # What FastAPI's parser gives up on itself is said in German too.
        for unreadable in (
            b"[" * 5000 + b"]" * 5000,
            b'{"cursor": "\xff"}',
            b'{"cursor": "", "limit": ' + b"9" * 5000 + b"}",
        ):
            answer = client.post(
                "/sync/pull", content=unreadable, headers={"content-type": "application/json"}
            )
            said = assert_problem(answer, 400)
            assert said["detail"].startswith("Der Inhalt der Anfrage ist nicht lesbar"), said
        wrong = assert_problem(client.post("/sync/push", json={"mutations": "alle"}), 422)
        assert wrong["errors"][0]["feld"] == "mutations"
        assert_problem(client.post("/sync/push", json={"mutations": []}), 422)
        assert_problem(client.post("/sync/push", json=[1, 2, 3]), 422)
        assert_problem(client.post("/sync/pull", json={"limit": "viele"}), 422)
        assert_problem(client.post("/sync/pull", json={"limit": 10**9}), 422)
        assert_problem(client.post("/sync/pull", json={"cursor": "kaputt"}), 400)
        assert_problem(client.post("/sync/pull", json={"cursor": "fremd.5"}), 410)
        assert_problem(client.post("/sync/pull", json={"unbekannt": 1}), 422)
        assert_problem(
            client.post(
                "/sync/push",
                json={"mutations": [{**mutation("offer", new_id(), 0), "id": "keine-uuid"}]},
            ),
            422,
        )
        assert_problem(
            client.post(
                "/sync/push",
                json={"mutations": [{**mutation("offer", new_id(), 0), "base_version": -1}]},
            ),
            422,
        )
        duplicate = mutation("offer", new_id(), 0)
        assert_problem(client.post("/sync/push", json={"mutations": [duplicate, duplicate]}), 422)
        assert_problem(client.get("/gibt-es-nicht"), 404)
        assert_problem(client.delete("/sync/pull"), 405)
    assert snapshot(server) == before


def test_unknown_ids_are_404(server: Server, coordinator: Device) -> None:
    before = snapshot(server)
    with coordinator.client() as client:
        assert_problem(client.post(f"/reports/{new_id()}/accept", json={}), 404)
        assert_problem(
            client.post(f"/reports/{new_id()}/reject", json={"reason": "gibt es nicht"}), 404
        )
        assert_problem(client.post(f"/admin/devices/{new_id()}/revoke", json={}), 404)
        assert_problem(client.post("/reports/keine-uuid/accept", json={}), 422)
    assert snapshot(server) == before


def test_oversized_bodies_and_batches(server: Server, coordinator: Device) -> None:
    before = snapshot(server)
    big = json.dumps({"mutations": [mutation("offer", new_id(), 0, {"title": "x" * 2_000_000})]})
    with coordinator.client() as client:
        body = assert_problem(
            client.post(
                "/sync/push", content=big.encode(), headers={"content-type": "application/json"}
            ),
            413,
        )
        assert "höchstens" in body["detail"]

        def chunks():  # no Content-Length: the limit is counted while reading
            for _ in range(40):
                yield b" " * 100_000

        assert_problem(
            client.post(
                "/sync/push", content=chunks(), headers={"content-type": "application/json"}
            ),
            413,
        )
        many = {"mutations": [mutation("favourite", new_id(), 0) for _ in range(201)]}
        assert_problem(client.post("/sync/push", json=many), 413)
    assert snapshot(server) == before


@ON_BOTH_DATABASES
@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_strings_are_refused_where_they_do_not_fit(
    server: Server, coordinator: Device, hostile: str
) -> None:
    before = snapshot(server)
    contact = next(r for k, r in coordinator.records.items() if k[0] == "contact_point")
    with coordinator.client() as client:
        for body in (
            {"kommunen": [hostile]},
            {"cursor": hostile},
            {"exclude_kommunen": [hostile]},
        ):
            assert client.post("/sync/pull", json=body).status_code in (400, 410, 413, 422)
        for bad in (
            {**mutation(hostile, contact["id"], 1)},
            {**mutation("contact_point", hostile, 1)},
            {**mutation("contact_point", contact["id"], 1, {hostile: 1})},
        ):
            response = client.post("/sync/push", json={"mutations": [bad]})
            assert response.status_code in (413, 422), response.text
        # In a place where any text fits, a hostile value is refused by its length limit
        # or stored as plain text, never interpreted.
        response = client.post(
            "/sync/push",
            json={
                "mutations": [
                    mutation(
                        "contact_point",
                        contact["id"],
                        contact["version"],
                        {"kommune_keys": [hostile]},
                    )
                ]
            },
        )
        if response.status_code != 422:  # control characters never get in at all
            [result] = response.json()["results"]
            assert result["status"] == "rejected"
            assert len(result["reason"]) < 200
    # Nothing changed, and no answer was kept (a retry is checked again).
    assert snapshot(server) == before


def test_an_unexpected_error_is_a_problem_document_too(server: Server) -> None:
    device = server.enrol(Role.LOTSE, "Anna")
    with server.engine.begin() as connection:
        # A fault below the server's code: a table it needs is gone.
        connection.execute(text("DROP TABLE sync_item_kommune"))
    response = device.post("/sync/pull", {"cursor": "", "kommunen": ["thale"]})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "Interner Fehler"
    assert "Fehler" in response.json()["detail"]
