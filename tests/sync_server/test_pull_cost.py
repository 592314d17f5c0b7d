"""What a pull costs the database: statements per page do not grow with the page, nothing
new is two statements, and only the device's own scope spoils its nothing new."""

from typing import Any

from tests.sync_server.conftest import ON_BOTH_DATABASES, Server
from tests.sync_server.helpers import Statements, mutation, new_id, not_behind
from wegweiser.protocol import Role


@ON_BOTH_DATABASES
def test_statements_per_page_do_not_grow_with_the_page(server: Server) -> None:
    device = server.enrol(Role.LOTSE, "Anna")
    # The account's own note makes each page its own: made, not kept from another
    # device's first sync (tests/sync_server/test_first_syncs.py).
    fields = {"target_entity": "topic", "target_id": new_id(), "text": "Notiz"}
    device.push(mutation("private_note", new_id(), 0, fields))
    counts = {}
    for limit in (10, 100):
        body = {"cursor": "", "kommunen": ["thale", "halberstadt"], "limit": limit}
        device.post("/sync/pull", body)  # the device's first call notes when it was seen
        with Statements(server) as statements:
            page = device.post("/sync/pull", body).json()
        kinds = {change["entity"] for change in page["changes"]}
        assert len(page["changes"]) == limit
        # The caller, the state, the page of items, one query per kind on the page.
        assert statements.count <= 3 + len(kinds), statements.count
        counts[limit] = statements.count - len(kinds)
    assert counts[10] == counts[100]


@ON_BOTH_DATABASES
def test_nothing_new_costs_two_statements(server: Server) -> None:
    device = server.enrol(Role.LOTSE, "Anna")
    device.pull_all(["thale"])
    with Statements(server) as statements:
        page = device.post("/sync/pull", {"cursor": device.cursor, "kommunen": ["thale"]}).json()
    assert page["changes"] == [] and page["has_more"] is False
    assert not_behind(page["next_cursor"], device.cursor)
    assert statements.count <= 2, statements.count


@ON_BOTH_DATABASES
def test_only_the_devices_own_scope_spoils_its_nothing_new(server: Server) -> None:
    """Every guide's notes and favourites moved the one district-wide number, so at
    scale most periodic pulls read the change log. Now another account's note or another
    Kommune's change leaves "nothing new" at its one statement (and moves the cursor);
    the account's own note and its Kommune's changes still arrive."""
    anna = server.enrol(Role.LOTSE, "Anna")
    annas_phone = server.enrol(Role.LOTSE, account_id=anna.account_id)
    berta = server.enrol(Role.LOTSE, "Berta")
    office = server.enrol(Role.KOORDINATION, "Büro")
    anna.pull_all(["thale"])
    office.pull_all(["thale", "halberstadt"])

    def contact_in(kommune: str) -> dict[str, Any]:
        return next(
            r
            for (entity, _), r in office.records.items()
            if entity == "contact_point" and r["kommune_keys"] == [kommune]
        )

    def note() -> dict[str, Any]:
        fields = {"target_entity": "topic", "target_id": new_id(), "text": "Notiz"}
        return mutation("private_note", new_id(), 0, fields)

    def annas_pull() -> tuple[dict[str, Any], int]:
        with Statements(server) as statements:
            page = anna.post("/sync/pull", {"cursor": anna.cursor, "kommunen": ["thale"]})
        anna.cursor = page.json()["next_cursor"]
        return page.json(), statements.count

    berta.push(note())
    elsewhere = contact_in("halberstadt")
    office.push(mutation("contact_point", elsewhere["id"], elsewhere["version"], {"costs": "1"}))
    before = anna.cursor
    page, statements = annas_pull()
    assert page["changes"] == [] and statements <= 2, statements
    assert page["next_cursor"] != before  # moved past what was not hers to read

    annas_phone.push(own := note())
    here = contact_in("thale")
    office.push(mutation("contact_point", here["id"], here["version"], {"costs": "2"}))
    page, _ = annas_pull()
    assert {change["id"] for change in page["changes"]} == {own["record_id"], here["id"]}
    page, statements = annas_pull()
    assert page["changes"] == [] and statements <= 2
