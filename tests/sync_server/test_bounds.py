"""Input that once reached the database or a traceback: numbers out of range, odd cursors,
lax types, links that hide something. Each is refused in German and changes nothing."""

import json

import pytest
from sqlalchemy import text

from tests.sync_server.conftest import ON_BOTH_DATABASES, Device, Server
from tests.sync_server.helpers import mutation, new_id
from tests.sync_server.test_errors import assert_problem, snapshot
from wegweiser.protocol import Role


@pytest.fixture
def coordinator(server: Server) -> Device:
    device = server.enrol(Role.KOORDINATION, "K")
    device.pull_all(["thale"])
    return device


def _first(device: Device, entity: str) -> dict:
    return next(r for k, r in device.records.items() if k[0] == entity)


def _raw_push(device: Device, *mutations: dict) -> tuple[int, dict]:
    """Push with Python's JSON, which writes Infinity and NaN as JavaScript does."""
    with device.client() as client:
        response = client.post(
            "/sync/push",
            content=json.dumps({"mutations": list(mutations)}).encode(),
            headers={"content-type": "application/json"},
        )
    return response.status_code, response.json()


def test_a_cursor_with_a_superscript_digit_is_unreadable_not_a_server_error(
    server: Server, coordinator: Device
) -> None:
    with coordinator.client() as client:
        pulled = client.post("/sync/pull", json={"kommunen": ["thale"], "limit": 1}).json()
        epoch = pulled["next_cursor"].rpartition(".")[0]
        for cursor in (f"{epoch}.5²", f"{epoch}.٣", f"{epoch}.+5", f"{epoch}. 5"):
            assert_problem(client.post("/sync/pull", json={"cursor": cursor}), 400)
        assert_problem(client.get("/reports", params={"after": "²"}), 400)


@ON_BOTH_DATABASES
def test_numbers_out_of_range_are_rejected_in_german(server: Server, coordinator: Device) -> None:
    before = snapshot(server)
    topic = _first(coordinator, "topic")
    contact = _first(coordinator, "contact_point")
    results = coordinator.push(
        mutation("topic", topic["id"], topic["version"], {"sort_order": 10**30}),
        mutation("topic", topic["id"], topic["version"], {"sort_order": -(10**12)}),
        mutation("contact_point", contact["id"], contact["version"], {"latitude": 1e308}),
    )
    assert [r["status"] for r in results] == ["rejected"] * 3
    assert "sort_order" in results[0]["reason"] and "höchstens" in results[0]["reason"]
    assert snapshot(server) == before  # no answer kept either: a retry is checked again


@pytest.mark.parametrize("number", [float("inf"), float("-inf"), float("nan")])
def test_infinity_and_nan_are_not_numbers_here(
    server: Server, coordinator: Device, number: float
) -> None:
    before = snapshot(server)
    contact = _first(coordinator, "contact_point")
    status, body = _raw_push(
        coordinator,
        mutation("contact_point", contact["id"], contact["version"], {"latitude": number}),
    )
    assert status == 422, body
    assert "endliche Zahl" in json.dumps(body, ensure_ascii=False)
    assert snapshot(server) == before


def test_types_are_not_guessed(server: Server, coordinator: Device) -> None:
    """`false` is no version and "5" is no number: a device that sends them is broken."""
    before = snapshot(server)
    contact = _first(coordinator, "contact_point")
    with coordinator.client() as client:
        for base_version in (False, "5", 1.5):
            wrong = {**mutation("contact_point", contact["id"], 0), "base_version": base_version}
            body = assert_problem(client.post("/sync/push", json={"mutations": [wrong]}), 422)
            assert body["errors"][0]["feld"].endswith("base_version")
            assert "Zahl" in body["errors"][0]["meldung"]
        # A time is text: 2.5 read as seconds after 1970 (found by the nightly fuzz).
        for made_at in (2.5, 0, 1_733_390_000):
            wrong = {**mutation("contact_point", contact["id"], 0), "made_at": made_at}
            body = assert_problem(client.post("/sync/push", json={"mutations": [wrong]}), 422)
            assert body["errors"][0]["feld"].endswith("made_at")
            assert "Datum und Uhrzeit" in body["errors"][0]["meldung"]
        assert_problem(client.post("/sync/pull", json={"limit": True}), 422)
        assert_problem(client.post("/sync/pull", json={"include_shared": 1}), 422)
    assert snapshot(server) == before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "a@b?bcc=x@y"),
        ("email", "keine-adresse"),
        ("email", "a@b.de, c@d.de"),
        ("website", "javascript:alert(1)"),
        ("website", "http://tracker.example/"),
        ("website", "https://"),
        ("website", "https://a b.de"),
    ],
)
def test_e_mail_and_website_are_checked(
    server: Server, coordinator: Device, field: str, value: str
) -> None:
    before = snapshot(server)
    contact = _first(coordinator, "contact_point")
    [result] = coordinator.push(
        mutation("contact_point", contact["id"], contact["version"], {field: value})
    )
    assert result["status"] == "rejected"
    assert field in result["reason"]
    assert snapshot(server) == before


def test_good_e_mail_and_website_pass(server: Server, coordinator: Device) -> None:
    contact = _first(coordinator, "contact_point")
    [result] = coordinator.push(
        mutation(
            "contact_point",
            contact["id"],
            contact["version"],
            {"email": "beratung@halberstadt.de", "website": "https://www.halberstadt.de/de/"},
        )
    )
    assert result["status"] == "applied", result


@ON_BOTH_DATABASES
def test_json_columns_hold_umlauts_as_text(server: Server) -> None:
    """Sizes are counted on the text as stored: "Ä" is one character, not six."""
    guide = server.enrol(Role.LOTSE, "Anna")
    guide.pull_all(["thale"])
    contact = _first(guide, "contact_point")
    [result] = guide.push(
        mutation("contact_point", contact["id"], contact["version"], {"costs": "Äußerst günstig"})
    )
    assert result["status"] == "reported"
    with server.engine.connect() as connection:
        stored = connection.execute(
            text("SELECT CAST(changes AS TEXT) FROM change_report WHERE id = :id"),
            {"id": result["report_id"]},
        ).scalar_one()
    assert "Äußerst günstig" in stored and "\\u" not in stored


def test_a_body_nested_deeper_than_any_request_is_refused(
    server: Server, coordinator: Device
) -> None:
    before = snapshot(server)
    with coordinator.client() as client:
        for path in ("/sync/push", "/sync/pull", "/reports/" + new_id() + "/accept"):
            response = client.post(
                path,
                content=b"[" * 200_000 + b"]" * 200_000,
                headers={"content-type": "application/json"},
            )
            assert response.status_code in (400, 413), (path, response.text)
            assert response.headers["content-type"] == "application/problem+json"
    assert snapshot(server) == before
