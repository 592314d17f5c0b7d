"""Push, the editorial workflow: a guide's edit becomes a report the office accepts (also
edited) or rejects with a reason; a guide reports only what the kind lets guides report,
and may report what she found without changing a field."""

from datetime import UTC, datetime

from tests.sync_server.conftest import ON_BOTH_DATABASES, Server
from tests.sync_server.helpers import a_contact, current, mutation
from wegweiser.protocol import Role


@ON_BOTH_DATABASES
def test_lotse_edit_becomes_report_and_accept_publishes_it(server: Server) -> None:
    lotse = server.enrol(Role.LOTSE, "Lotsin")
    other = server.enrol(Role.LOTSE, "Anderer")
    coordinator = server.enrol(Role.KOORDINATION, "K")
    contact = a_contact(lotse)
    other.pull_all(["thale"])
    new_phones = [{"label": "Neu", "number": "+49 3947 0000-999"}]
    edit = mutation("contact_point", contact["id"], contact["version"], {"phones": new_phones})
    [result] = lotse.push(edit)
    assert result["status"] == "reported"
    assert result["report_id"] == edit["id"]
    assert current(server, contact["id"]).phones == contact["phones"]  # not published yet

    lotse.pull_all(["thale"])
    report = lotse.records[("change_report", edit["id"])]
    assert report["status"] == "pending" and report["changes"] == {"phones": new_phones}

    queue = coordinator.get("/reports?status=pending").json()["reports"]
    assert [r["id"] for r in queue] == [edit["id"]]
    response = coordinator.post(f"/reports/{edit['id']}/accept", {})
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "accepted"

    other.pull_all(["thale"])
    assert other.records[("contact_point", contact["id"])]["phones"] == new_phones
    assert ("change_report", edit["id"]) not in other.records  # reports stay private
    lotse.pull_all(["thale"])
    assert lotse.records[("change_report", edit["id"])]["status"] == "accepted"
    assert coordinator.get("/reports?status=pending").json()["reports"] == []


def test_rejected_report_tells_the_reporter_why(server: Server) -> None:
    lotse = server.enrol()
    coordinator = server.enrol(Role.KOORDINATION, "K")
    contact = a_contact(lotse)
    edit = mutation("contact_point", contact["id"], contact["version"], {"costs": "5 Euro"})
    lotse.push(edit)
    response = coordinator.post(
        f"/reports/{edit['id']}/reject", {"reason": "Kosten sind unverändert 2 Euro."}
    )
    assert response.status_code == 200
    lotse.pull_all(["thale"])
    report = lotse.records[("change_report", edit["id"])]
    assert (report["status"], report["reason"]) == ("rejected", "Kosten sind unverändert 2 Euro.")
    assert current(server, contact["id"]).costs == contact["costs"]
    again = coordinator.post(f"/reports/{edit['id']}/accept", {})
    assert again.status_code == 409


def test_coordinator_can_accept_an_edited_report(server: Server) -> None:
    lotse = server.enrol()
    coordinator = server.enrol(Role.KOORDINATION, "K")
    contact = a_contact(lotse)
    edit = mutation(
        "contact_point", contact["id"], contact["version"], {"opening_hours": "Tu 10:00-13:00"}
    )
    lotse.push(edit)
    response = coordinator.post(
        f"/reports/{edit['id']}/accept", {"fields": {"opening_hours": "Tu,Fr 10:00-12:30"}}
    )
    assert response.status_code == 200, response.text
    assert current(server, contact["id"]).opening_hours == "Tu,Fr 10:00-12:30"


def test_a_guide_reports_only_what_the_kind_lets_guides_report(server: Server) -> None:
    lotse = server.enrol(Role.LOTSE, "Lotsin")
    contact = a_contact(lotse)
    partner = next(r for k, r in lotse.records.items() if k[0] == "network_partner")
    refused, kept, offered = lotse.push(
        # Which Kommunen a place serves is the coordination office's to decide.
        mutation("contact_point", contact["id"], contact["version"], {"kommune_keys": []}),
        # A volunteer's personal contact data needs their consent: never from a report.
        mutation("network_partner", partner["id"], partner["version"], {"contact_phone": "1"}),
        mutation("network_partner", partner["id"], partner["version"], {"description": "Neu"}),
    )
    assert refused["status"] == kept["status"] == "rejected"
    assert "„kommune_keys“ pflegt die Koordinierungsstelle" in refused["reason"]
    assert "„contact_phone“ pflegt die Koordinierungsstelle" in kept["reason"]
    assert offered["status"] == "reported"
    lotse.pull_all(["thale"])
    report = lotse.records[("change_report", offered["report_id"])]
    assert report["target_title"] == partner["name"]
    assert report["changes"] == {"description": "Neu"}


@ON_BOTH_DATABASES
def test_a_guide_reports_what_she_found_without_changing_a_field(server: Server) -> None:
    guide = server.enrol(Role.LOTSE, "Anna")
    coordinator = server.enrol(Role.KOORDINATION, "K")
    contact = a_contact(guide)
    closed = mutation("contact_point", contact["id"], contact["version"])
    closed |= {"flag": "closed", "comment": "Seit März geschlossen, Schild an der Tür."}
    [result] = guide.push(closed)
    assert result["status"] == "reported"
    [empty] = guide.push(mutation("contact_point", contact["id"], contact["version"]))
    assert empty["status"] == "rejected" and "keine Änderung" in empty["reason"]

    [queued] = coordinator.get("/reports?status=pending").json()["reports"]
    assert queued["flag"] == "closed" and queued["changes"] == {}
    assert queued["comment"] == "Seit März geschlossen, Schild an der Tür."
    assert coordinator.post(f"/reports/{closed['id']}/accept", {}).status_code == 200
    coordinator.pull_all(["thale"])
    # No field changes, but the entry counts as checked today (a decided report is a check).
    seen = coordinator.records[("contact_point", contact["id"])]
    assert seen["version"] == contact["version"] + 1
    assert {k: v for k, v in seen.items() if v != contact[k]}.keys() <= {
        "version",
        "updated_at",
        "last_verified",
    }
    assert seen["last_verified"] == datetime.now(UTC).date().isoformat()
