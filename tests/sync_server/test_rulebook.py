"""The server enforces the rules the app shows, in the same words (`wegweiser/`): whose
codes a role may make, what a rejection needs, what an empty report is."""

import pytest
from pydantic import ValidationError

from tests.sync_server.conftest import Server
from tests.sync_server.helpers import mutation
from wegweiser.edits import NOTHING_REPORTED
from wegweiser.messages import validation_message
from wegweiser.protocol import RejectRequest, Role
from wegweiser.roles import STAFF, is_staff, roles_managed_by


def test_every_role_makes_exactly_the_codes_the_app_offers_it(server: Server) -> None:
    for creator in Role:
        device = server.enrol(creator, f"Konto {creator.value}")
        for role in Role:
            answer = device.post(
                "/admin/enrolment-codes", {"account_name": "Neu", "role": role.value}
            )
            offered = role in roles_managed_by(creator)
            assert (answer.status_code == 201) == offered, (creator, role, answer.text)
            assert answer.status_code in (201, 403)
        # The review queue is the staff's: what the app's navigation shows, the server allows.
        assert (device.get("/reports").status_code == 200) == is_staff(creator)
    assert set(STAFF) == {role for role in Role if roles_managed_by(role)}


def test_a_rejection_without_a_reason_is_refused_in_the_words_the_app_shows(
    server: Server,
) -> None:
    coordinator = server.enrol(Role.KOORDINATION, "K")
    guide = server.enrol(Role.LOTSE, "L")
    coordinator.pull_all(["thale"])
    contact = next(r for k, r in coordinator.records.items() if k[0] == "contact_point")
    report = mutation("contact_point", contact["id"], contact["version"], {"costs": "3 Euro"})
    assert guide.push(report)[0]["status"] == "reported"
    with pytest.raises(ValidationError) as in_app:
        RejectRequest(reason="  x ")  # what the app checks before it sends
    said = validation_message(in_app.value.errors()[0])

    answer = coordinator.post(f"/reports/{report['id']}/reject", {"reason": "  x "})
    assert answer.status_code == 422
    assert said in answer.text
    assert (
        coordinator.post(f"/reports/{report['id']}/reject", {"reason": " Doch. "}).json()["reason"]
        == "Doch."
    )


def test_an_empty_report_is_refused_in_the_words_the_app_shows(server: Server) -> None:
    guide = server.enrol(Role.LOTSE, "L")
    guide.pull_all(["thale"])
    contact = next(r for k, r in guide.records.items() if k[0] == "contact_point")
    [result] = guide.push(mutation("contact_point", contact["id"], contact["version"], {}))
    assert result["status"] == "rejected"
    assert NOTHING_REPORTED in result["reason"]
