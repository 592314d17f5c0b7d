"""The audit trail: publications, acceptances and rejections, with who, when and what;
and the export of entries due for a check."""

import csv
import io
from datetime import UTC, date, datetime

from tests.sync_server.conftest import ON_BOTH_DATABASES, Server
from tests.sync_server.helpers import mutation
from wegweiser.freshness import is_due
from wegweiser.protocol import Role


@ON_BOTH_DATABASES
def test_edits_acceptances_and_rejections_are_on_record(server: Server) -> None:
    coordinator = server.enrol(Role.KOORDINATION, "Koordinatorin Berg")
    guide = server.enrol(Role.LOTSE, "Lotsin Anna")
    coordinator.pull_all(["thale"])
    contact = next(r for k, r in coordinator.records.items() if k[0] == "contact_point")
    old_costs = contact["costs"]

    [edited] = coordinator.push(
        mutation("contact_point", contact["id"], contact["version"], {"costs": "2 Euro"})
    )
    assert edited["status"] == "applied"
    report = mutation("contact_point", contact["id"], edited["version"], {"costs": "3 Euro"})
    [reported] = guide.push(report)
    assert reported["status"] == "reported"
    accepted = coordinator.post(f"/reports/{report['id']}/accept", {})
    assert accepted.status_code == 200
    second = mutation("contact_point", contact["id"], edited["version"] + 1, {"costs": "4 Euro"})
    guide.push(second)
    reason = "Die Kosten haben sich nicht geändert."
    assert (
        coordinator.post(f"/reports/{second['id']}/reject", {"reason": reason}).status_code == 200
    )

    trail = coordinator.get(f"/audit?record_id={contact['id']}").json()
    assert [e["action"] for e in trail] == ["report_rejected", "report_accepted", "changed"]
    assert {e["account_name"] for e in trail} == {"Koordinatorin Berg"}
    rejected, accepted_event, changed = trail
    assert changed["details"]["fields"] == {"costs": [old_costs, "2 Euro"]}
    today = datetime.now(UTC).date().isoformat()
    assert accepted_event["details"]["fields"] == {  # published, and checked today
        "costs": ["2 Euro", "3 Euro"],
        "last_verified": [contact["last_verified"], today],
    }
    assert accepted_event["details"]["report"] == report["id"]
    assert accepted_event["details"]["reporter"] == guide.account_id
    assert rejected["details"]["reason"] == reason
    assert guide.get(f"/audit?record_id={contact['id']}").status_code == 403


def test_due_contact_points_export_as_german_excel_reads_it(server: Server) -> None:
    coordinator = server.enrol(Role.KOORDINATION, "K")
    guide = server.enrol(Role.LOTSE, "Anna")
    coordinator.pull_all(["thale"])
    contacts = [r for k, r in coordinator.records.items() if k[0] == "contact_point"]
    fresh = contacts[0]
    now = datetime.now(UTC).date()
    coordinator.push(
        mutation("contact_point", fresh["id"], fresh["version"], {"last_verified": now.isoformat()})
    )
    response = coordinator.get("/exports/due-contacts.csv?months=12")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())  # Excel's cue for UTF-8
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Name", "Organisation", "E-Mail", "Telefon", "Kommunen", "Zuletzt geprüft"]
    names = [row[0] for row in rows[1:]]
    assert fresh["name"] not in names
    due = next(
        c
        for c in contacts[1:]
        if c["email"] and is_due(c["last_verified"] and date.fromisoformat(c["last_verified"]), now)
    )
    assert [row[2] for row in rows[1:] if row[0] == due["name"]] == [due["email"]]
    assert guide.get("/exports/due-contacts.csv").status_code == 403
