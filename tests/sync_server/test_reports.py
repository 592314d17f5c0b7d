"""The review queue: a page at a time, by Kommune or by entry, with who reported."""

import base64
from datetime import UTC, datetime, timedelta

from tests.sync_server.conftest import ON_BOTH_DATABASES, Device, Server
from tests.sync_server.helpers import mutation, new_id
from wegweiser.protocol import Role


def contact_in(device: Device, kommune: str) -> dict:
    device.pull_all([kommune])
    return next(
        r
        for k, r in device.records.items()
        if k[0] == "contact_point" and r["kommune_keys"] == [kommune]
    )


@ON_BOTH_DATABASES
def test_the_queue_pages_and_filters(server: Server) -> None:
    coordinator = server.enrol(Role.KOORDINATION, "K")
    anna = server.enrol(Role.LOTSE, "Lotsin Anna")
    ben = server.enrol(Role.LOTSE, "Lotse Ben")
    thale, halberstadt = contact_in(anna, "thale"), contact_in(ben, "halberstadt")
    made = []
    for i in range(3):
        edit = mutation("contact_point", thale["id"], thale["version"], {"costs": f"{i} Euro"})
        anna.push(edit)
        made.append(edit["id"])
    for i in range(2):
        edit = mutation("contact_point", halberstadt["id"], halberstadt["version"])
        ben.push(edit | {"comment": f"Hinweis {i}"})
        made.append(edit["id"])

    seen, after, pages = [], "", 0
    while True:
        page = coordinator.get(f"/reports?status=pending&limit=2&after={after}").json()
        seen += [report["id"] for report in page["reports"]]
        pages += 1
        if page["next_after"] is None:
            break
        after = page["next_after"]
    assert seen == made and pages == 3  # oldest first, each once

    in_thale = coordinator.get("/reports?kommune=thale").json()["reports"]
    assert [r["id"] for r in in_thale] == made[:3]
    assert {r["reporter_name"] for r in in_thale} == {"Lotsin Anna"}
    on_entry = coordinator.get(f"/reports?target_id={halberstadt['id']}").json()["reports"]
    assert [r["comment"] for r in on_entry] == ["Hinweis 0", "Hinweis 1"]
    assert coordinator.get(f"/reports?target_id={new_id()}").json()["reports"] == []

    broken = coordinator.get("/reports?after=gestern|x")
    assert broken.status_code == 400
    assert broken.headers["content-type"] == "application/problem+json"
    # Cursors made by hand: a time without zone, one with another zone, bytes not UTF-8.
    for made_up in (b"2026-01-01T00:00:00|x", b"2026-01-01T00:00:00+05:00|x", b"\xff\xfe|x"):
        cursor = base64.urlsafe_b64encode(made_up).decode()
        answer = coordinator.get(f"/reports?after={cursor}")
        assert answer.status_code in (200, 400), (made_up, answer.status_code)
        if answer.status_code == 400:
            assert answer.headers["content-type"] == "application/problem+json"
    assert coordinator.get("/reports?limit=0").status_code == 422


@ON_BOTH_DATABASES
def test_a_decided_report_is_a_check_and_a_correction_is_shown_as_such(server: Server) -> None:
    """Accepting (or rejecting) left "älter als 12 Monate" on the entry; a corrected
    report read as if the published value had been the old one."""
    office = server.enrol(Role.KOORDINATION, "Koordination")
    guide = server.enrol(Role.LOTSE, "Anna")
    guide.pull_all(["thale"])
    contacts = [r for k, r in guide.records.items() if k[0] == "contact_point"]
    first, second = contacts[0], contacts[1]
    today = datetime.now(UTC).date().isoformat()
    assert first["last_verified"] != today and second["last_verified"] != today
    corrected = mutation("contact_point", first["id"], first["version"], {"costs": "5 Euro"})
    refused = mutation("contact_point", second["id"], second["version"], {"costs": "gratis"})
    guide.push(corrected, refused)

    answer = office.post(f"/reports/{corrected['id']}/accept", {"fields": {"costs": "4 Euro"}})
    assert answer.status_code == 200
    view = answer.json()
    assert (view["changes"], view["published"]) == ({"costs": "5 Euro"}, {"costs": "4 Euro"})
    reason = {"reason": "Telefonisch geklärt: weiter kostenlos."}
    assert office.post(f"/reports/{refused['id']}/reject", reason).status_code == 200

    guide.pull_all(["thale"])
    assert guide.records[("contact_point", first["id"])]["costs"] == "4 Euro"
    for contact in (first, second):
        assert guide.records[("contact_point", contact["id"])]["last_verified"] == today
    mine = guide.records[("change_report", corrected["id"])]
    assert (mine["status"], mine["published"]) == ("accepted", {"costs": "4 Euro"})
    assert guide.records[("change_report", refused["id"])]["published"] is None


def test_a_report_says_when_the_guide_made_it_not_when_it_was_sent(server: Server) -> None:
    """ "Gemeldet 14:17" was the time of the sync, hours after the visit."""
    guide = server.enrol(Role.LOTSE, "Anna")
    office = server.enrol(Role.KOORDINATION, "Koordination")
    contact = contact_in(guide, "thale")
    visit = datetime.now(UTC) - timedelta(hours=5)
    on_visit = mutation("contact_point", contact["id"], contact["version"], {"costs": "1 Euro"})
    ahead = mutation("contact_point", contact["id"], contact["version"], {"costs": "2 Euro"})
    guide.push(
        {**on_visit, "made_at": visit.isoformat()},
        {**ahead, "made_at": (datetime.now(UTC) + timedelta(days=400)).isoformat()},
    )
    shown = {r["id"]: r for r in office.get("/reports").json()["reports"]}
    made = datetime.fromisoformat(shown[on_visit["id"]]["created_at"])
    assert abs((made.replace(tzinfo=UTC) - visit).total_seconds()) < 1
    # A device clock far ahead is not believed: the server's time instead.
    sent = datetime.fromisoformat(shown[ahead["id"]]["created_at"]).replace(tzinfo=UTC)
    assert abs((sent - datetime.now(UTC)).total_seconds()) < 60


def test_a_page_of_long_reports_is_bounded_by_bytes_and_loses_none(server: Server) -> None:
    # 200 reports of whole sheets made one page of 20 MB.
    coordinator = server.enrol(Role.KOORDINATION, "K")
    anna = server.enrol(Role.LOTSE, "Lotsin Anna")
    anna.pull_all(["thale"])
    sheet = next(r for k, r in anna.records.items() if k[0] == "info_sheet")
    made = []
    for i in range(25):
        body = f"{i} " + "Lange Beschreibung. " * 4_900  # about 98 kB
        edit = mutation("info_sheet", sheet["id"], sheet["version"], {"body": body})
        [answer] = anna.push(edit)
        assert answer["status"] == "reported", answer
        made.append(edit["id"])
    seen, after, sizes = [], "", []
    while True:
        response = coordinator.get(f"/reports?status=pending&limit=200&after={after}")
        sizes.append(len(response.content))
        page = response.json()
        seen += [report["id"] for report in page["reports"]]
        if page["next_after"] is None:
            break
        after = page["next_after"]
    assert seen == made  # every one, once, in order
    assert len(sizes) >= 3 and max(sizes) <= 1_100_000, sizes
