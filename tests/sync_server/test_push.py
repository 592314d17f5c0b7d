"""Push: idempotent retries, field-level merge and conflicts, private records, refused
mutations, and device clocks that decide nothing (the editorial workflow:
`test_push_reports.py`)."""

from sqlmodel import Session, select

from sync_server.tables import AppliedMutation
from tests.sync_server.conftest import ON_BOTH_DATABASES, Server
from tests.sync_server.helpers import a_contact, current, mutation, new_id
from wegweiser.model import NetworkPartner
from wegweiser.protocol import Role


@ON_BOTH_DATABASES
def test_retried_batch_gives_the_same_answers_and_one_change(server: Server) -> None:
    coordinator = server.enrol(Role.KOORDINATION, "K")
    contact = a_contact(coordinator)
    batch = [
        mutation(
            "contact_point", contact["id"], contact["version"], {"email": "neu@thale.example"}
        ),
        mutation(
            "private_note",
            new_id(),
            0,
            {"target_entity": "contact_point", "target_id": contact["id"], "text": "Klingel links"},
        ),
    ]
    first = coordinator.push(*batch)
    again = coordinator.push(*batch)
    assert first == again
    assert [r["status"] for r in first] == ["applied", "applied"]
    record = current(server, contact["id"])
    assert record.version == contact["version"] + 1
    assert record.email == "neu@thale.example"
    with Session(server.engine) as session:
        stored = session.exec(
            select(AppliedMutation).where(AppliedMutation.account_id == coordinator.account_id)
        ).all()
    assert len(stored) == 2


@ON_BOTH_DATABASES
def test_different_fields_merge_same_field_conflicts(server: Server) -> None:
    first, second = server.enrol(Role.KOORDINATION, "A"), server.enrol(Role.KOORDINATION, "B")
    contact = a_contact(first)
    base = contact["version"]
    [a] = first.push(mutation("contact_point", contact["id"], base, {"email": "a@thale.example"}))
    [b] = second.push(
        mutation("contact_point", contact["id"], base, {"website": "https://b.thale.example"})
    )
    assert (a["status"], a["version"]) == ("applied", base + 1)
    assert (b["status"], b["version"]) == ("merged", base + 2)
    record = current(server, contact["id"])
    assert (record.email, record.website) == ("a@thale.example", "https://b.thale.example")

    [c] = second.push(mutation("contact_point", contact["id"], base, {"email": "c@thale.example"}))
    assert c["status"] == "conflict"
    assert c["conflicts"] == {"email": {"server": "a@thale.example", "yours": "c@thale.example"}}
    assert c["version"] == base + 2  # the version a resolution is based on
    assert current(server, contact["id"]).email == "a@thale.example"  # nothing applied

    # Resolving: "keep mine" is a new mutation based on the version the conflict showed.
    [d] = second.push(
        mutation("contact_point", contact["id"], base + 2, {"email": "c@thale.example"})
    )
    assert d["status"] == "applied"
    first.pull_all(["thale"])
    second.pull_all(["thale"])
    assert (
        first.records[("contact_point", contact["id"])]
        == second.records[("contact_point", contact["id"])]
    )
    assert first.records[("contact_point", contact["id"])]["email"] == "c@thale.example"


@ON_BOTH_DATABASES
def test_private_records_never_reach_another_account(server: Server) -> None:
    anna = server.enrol(Role.LOTSE, "Anna")
    anna_tablet = server.enrol(Role.LOTSE, account_id=anna.account_id)
    ben = server.enrol(Role.LOTSE, "Ben")
    coordinator = server.enrol(Role.KOORDINATION, "K")
    contact = a_contact(anna)
    note, favourite = new_id(), new_id()
    results = anna.push(
        mutation(
            "private_note",
            note,
            0,
            {"target_entity": "contact_point", "target_id": contact["id"], "text": "Aufzug defekt"},
        ),
        mutation(
            "favourite",
            favourite,
            0,
            {"target_entity": "contact_point", "target_id": contact["id"]},
        ),
    )
    assert [r["status"] for r in results] == ["applied", "applied"]
    anna_tablet.pull_all(["thale"])
    assert anna_tablet.records[("private_note", note)]["text"] == "Aufzug defekt"
    assert anna_tablet.records[("private_note", note)]["account_id"] == anna.account_id
    for outsider in (ben, coordinator):
        outsider.pull_all(["thale", "halberstadt"])
        assert not {k for k in outsider.records if k[0] in ("private_note", "favourite")}
    # Nor can another account overwrite it by guessing the id.
    [steal] = ben.push(mutation("private_note", note, 1, {"text": "überschrieben"}))
    assert steal["status"] == "rejected"
    anna_tablet.pull_all(["thale"])
    assert anna_tablet.records[("private_note", note)]["text"] == "Aufzug defekt"


def test_device_clocks_cannot_be_sent_and_order_is_the_servers(server: Server) -> None:
    coordinator = server.enrol(Role.KOORDINATION, "K")
    contact = a_contact(coordinator)
    [result] = coordinator.push(
        mutation(
            "contact_point",
            contact["id"],
            contact["version"],
            {"updated_at": "2036-01-01T00:00:00Z"},
        )
    )
    assert result["status"] == "rejected" and "vom Server verwaltet" in result["reason"]
    [ok] = coordinator.push(
        mutation("contact_point", contact["id"], contact["version"], {"costs": "frei"})
    )
    assert ok["status"] == "applied"
    assert current(server, contact["id"]).updated_at.year < 2036


def test_invalid_mutations_are_rejected_with_reasons(server: Server) -> None:
    coordinator = server.enrol(Role.KOORDINATION, "K")
    lotse = server.enrol()
    contact = a_contact(coordinator)
    cid, v = contact["id"], contact["version"]
    results = coordinator.push(
        mutation("raumschiff", cid, v, {"name": "x"}),
        mutation("contact_point", cid, v, {"farbe": "blau"}),
        mutation("contact_point", cid, v, {"opening_hours": "immer"}),
        mutation("contact_point", cid, v, {"kommune_keys": ["atlantis"]}),
        mutation("contact_point", cid, v + 5, {"costs": "x"}),
        mutation("contact_point", new_id(), 3, {"name": "gibt es nicht"}),
        mutation("contact_point", cid, v, {"latitude": "nördlich"}),
    )
    reasons = [r["reason"] for r in results]
    assert all(r["status"] == "rejected" for r in results), results
    assert "Unbekannter Datentyp" in reasons[0]
    assert "Unbekanntes Feld „farbe“" in reasons[1]
    assert "opening_hours" in reasons[2]
    assert "Die Kommune „atlantis“ gibt es nicht." in reasons[3]
    assert "gibt es nicht" in reasons[4]
    assert "gibt es auf dem Server nicht" in reasons[5]
    assert "latitude" in reasons[6]
    [topic_edit] = lotse.push(
        mutation("topic", new_id(), 0, {"key": "x", "title": "x", "icon": "x"})
    )
    assert topic_edit["status"] == "rejected"
    assert current(server, cid).version == v


def test_a_sheet_links_only_to_https_mail_and_phone_and_shows_no_images(server: Server) -> None:
    coordinator = server.enrol(Role.KOORDINATION, "K")
    coordinator.pull_all(["huy"])
    sheet = next(r for k, r in coordinator.records.items() if k[0] == "info_sheet")
    sid, v = sheet["id"], sheet["version"]
    refused = coordinator.push(
        mutation("info_sheet", sid, v, {"body": "Plan: ![Karte](https://tracker.example/x.png)"}),
        mutation("info_sheet", sid, v, {"body": "Mehr unter [hier](http://kreis-hz.de)"}),
        mutation("info_sheet", sid, v, {"body": "[Mail](mailto:a@b.de?bcc=spy@example.org)"}),
    )
    assert [r["status"] for r in refused] == ["rejected"] * 3
    assert "Bilder sind in Informationsblättern nicht erlaubt" in refused[0]["reason"]
    assert "http://kreis-hz.de" in refused[1]["reason"]
    assert "mailto" in refused[2]["reason"]
    [accepted] = coordinator.push(
        mutation(
            "info_sheet",
            sid,
            v,
            {"body": "[Kreis](https://www.kreis-hz.de), [Mail](mailto:a@b.de), [Ruf](tel:112)"},
        )
    )
    assert accepted["status"] == "applied"


@ON_BOTH_DATABASES
def test_a_devices_own_offline_edits_never_conflict_with_each_other(server: Server) -> None:
    coordinator = server.enrol(Role.KOORDINATION, "K")
    other = server.enrol(Role.KOORDINATION, "Andere")
    contact = a_contact(coordinator)
    base = contact["version"]
    # Two edits of the same field made offline, both based on the version the device had.
    results = coordinator.push(
        mutation("contact_point", contact["id"], base, {"costs": "3 Euro"}),
        mutation("contact_point", contact["id"], base, {"costs": "4 Euro"}),
    )
    assert results[0]["status"] == "applied"
    assert results[1]["status"] == "merged"  # on top of its own first edit, no conflict
    assert current(server, contact["id"]).costs == "4 Euro"
    # Another device based on the old version still conflicts.
    [late] = other.push(mutation("contact_point", contact["id"], base, {"costs": "9 Euro"}))
    assert late["status"] == "conflict"


@ON_BOTH_DATABASES
def test_a_refused_mutation_in_a_batch_leaves_the_others_applied(server: Server) -> None:
    anna = server.enrol(Role.LOTSE, "Anna")
    contact = a_contact(anna)
    note, favourite = new_id(), new_id()
    target = {"target_entity": "contact_point", "target_id": contact["id"]}
    batch = [
        mutation("private_note", note, 0, {**target, "text": "Eingang hinten"}),
        mutation("contact_point", contact["id"], contact["version"], {"erfunden": 1}),
        mutation("favourite", favourite, 0, target),
    ]
    results = anna.push(*batch)
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert "erfunden" in results[1]["reason"]
    assert anna.push(*batch) == results  # a retry: the same answers, nothing twice
    anna.pull_all(["thale"])
    assert anna.records[("private_note", note)]["text"] == "Eingang hinten"
    assert ("favourite", favourite) in anna.records
    with Session(server.engine) as session:
        # The refused one left nothing: a retry was checked again, with the same answer.
        assert len(session.exec(select(AppliedMutation)).all()) == 2


def test_an_app_from_before_partners_had_several_kommunen_still_moves_one(
    server: Server,
) -> None:
    coordinator = server.enrol(Role.KOORDINATION, "K")
    coordinator.pull_all(["thale"])
    partner = next(
        r
        for k, r in coordinator.records.items()
        if k[0] == "network_partner" and r["kommune_keys"] == ["thale"]
    )
    [moved] = coordinator.push(
        mutation("network_partner", partner["id"], partner["version"], {"kommune_key": "ilsenburg"})
    )
    assert moved["status"] == "applied", moved
    with Session(server.engine) as session:
        stored = session.get(NetworkPartner, partner["id"])
        assert stored is not None and stored.kommune_keys == ["ilsenburg"]


def test_refused_mutations_leave_nothing_stored_and_a_retry_is_checked_again(
    server: Server,
) -> None:
    """Every refused mutation's answer was stored for ever: a device sending refused
    edits grew the database without bound."""
    coordinator = server.enrol(Role.KOORDINATION, "K")
    contact = a_contact(coordinator)
    with Session(server.engine) as session:
        before = len(session.exec(select(AppliedMutation)).all())
    refused = [
        mutation("contact_point", contact["id"], contact["version"], {"email": f"kaputt {n}"})
        for n in range(200)
    ]
    answers = coordinator.push(*refused[:100]) + coordinator.push(*refused[100:])
    assert {a["status"] for a in answers} == {"rejected"}
    again = coordinator.push(refused[0])  # the answer was lost: the same one comes
    assert again == answers[:1]
    with Session(server.engine) as session:
        assert len(session.exec(select(AppliedMutation)).all()) == before
    assert current(server, contact["id"]).version == contact["version"]
