"""What a pull sends to whom: drafts to staff only, a partner's contact only with consent, an
archived contact point leaves the guides' devices and comes back."""

import json

from tests.sync_server.conftest import ON_BOTH_DATABASES, Server
from tests.sync_server.helpers import mutation, new_id
from wegweiser.protocol import Role


@ON_BOTH_DATABASES
def test_drafts_reach_staff_only(server: Server) -> None:
    coordinator = server.enrol(Role.KOORDINATION, "Koordination")
    lotse = server.enrol()
    coordinator.pull_all(["huy"])
    lotse.pull_all(["huy"])
    draft = new_id()
    [result] = coordinator.push(
        mutation(
            "info_sheet",
            draft,
            0,
            {
                "topic_key": "wohnen",
                "kommune_key": "huy",
                "title": "Entwurf Wohnen in Huy",
                "body": "noch in Arbeit",
                "status": "draft",
            },
        )
    )
    assert result["status"] == "applied"
    coordinator.pull_all(["huy"])
    cursor = lotse.cursor
    lotse.pull_all(["huy"])
    assert ("info_sheet", draft) in coordinator.records
    assert ("info_sheet", draft) not in lotse.records
    # Not even a tombstone names it to the guide.
    page = lotse.post("/sync/pull", {"cursor": cursor, "kommunen": ["huy"]}).json()
    assert draft not in json.dumps(page)
    # A report on it is refused as on any unknown entry, and tells nothing about it.
    [report] = lotse.push(mutation("info_sheet", draft, 1, {"body": "x"}))
    assert report["status"] == "rejected"
    assert "Wohnen in Huy" not in json.dumps(report)

    # Published, the guide gets it; a draft again, the guide is told to drop it.
    version = coordinator.records[("info_sheet", draft)]["version"]
    coordinator.push(mutation("info_sheet", draft, version, {"status": "published"}))
    lotse.pull_all(["huy"])
    assert ("info_sheet", draft) in lotse.records
    coordinator.push(mutation("info_sheet", draft, version + 1, {"status": "draft"}))
    lotse.pull_all(["huy"])
    assert ("info_sheet", draft) not in lotse.records


def test_partner_contact_without_consent_is_never_sent(server: Server) -> None:
    coordinator = server.enrol(Role.KOORDINATION, "Koordination")
    coordinator.pull_all(["halberstadt"])
    partner = next(
        r
        for k, r in coordinator.records.items()
        if k[0] == "network_partner" and not r["contact_consent"]
    )
    [result] = coordinator.push(
        mutation(
            "network_partner",
            partner["id"],
            partner["version"],
            {"contact_name": "Noch nicht freigegeben"},
        )
    )
    assert result["status"] == "applied"
    lotse = server.enrol()
    lotse.pull_all(["halberstadt"])
    assert lotse.records[("network_partner", partner["id"])]["contact_name"] is None


def test_an_archived_contact_point_leaves_the_guides_devices_and_comes_back(
    server: Server,
) -> None:
    coordinator = server.enrol(Role.KOORDINATION, "Koordination")
    lotse = server.enrol()
    coordinator.pull_all(["huy"])
    lotse.pull_all(["huy"])
    contact = next(r for k, r in coordinator.records.items() if k[0] == "contact_point")
    key = ("contact_point", contact["id"])
    assert key in lotse.records
    [archived] = coordinator.push(
        mutation("contact_point", contact["id"], contact["version"], {"status": "archived"})
    )
    assert archived["status"] == "applied"
    lotse.pull_all(["huy"])
    coordinator.pull_all(["huy"])
    assert key not in lotse.records  # a tombstone told the guide's device to drop it
    assert coordinator.records[key]["status"] == "archived"  # the office keeps it
    [report] = lotse.push(mutation("contact_point", contact["id"], 1, {"costs": "x"}))
    assert report["status"] == "rejected"
    coordinator.push(
        mutation("contact_point", contact["id"], archived["version"], {"status": "published"})
    )
    lotse.pull_all(["huy"])
    assert lotse.records[key]["name"] == contact["name"]
