"""Spreadsheets and region files in and out: a file with any bad row is refused whole
with every problem named (line, column, German), a clean one is imported through the
write path and on the audit trail (the region's own file: `test_region_file.py`)."""

import csv
import io
import threading
import time
from pathlib import Path

from sqlmodel import Session, select

from sync_server.tables import AuditEvent
from tests.support import local_http
from tests.support.server import Server, prepare_database, start_server
from tests.sync_server.helpers import count, mutation
from wegweiser.dataset import Dataset
from wegweiser.model import ContactPoint, Offer
from wegweiser.protocol import Role


def preview_csv(device, path: str, text: str | bytes) -> dict:
    """What the file would change (or why it is refused), as the office sees it first."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    with device.client() as client:
        response = client.post(
            f"{path}/preview", content=data, headers={"Content-Type": "text/csv"}
        )
    return {"status": response.status_code, **response.json()}


def post_csv(device, path: str, text: str | bytes, token: str | None = None) -> dict:
    """The file imported as its preview showed it (or the preview's refusal)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if token is None:
        shown = preview_csv(device, path, data)
        if shown["status"] != 200:
            return shown
        token = shown["token"]
    with device.client() as client:
        response = client.post(
            path, params={"token": token}, content=data, headers={"Content-Type": "text/csv"}
        )
    return {"status": response.status_code, **response.json()}


def test_the_export_reads_back_unchanged_and_keeps_the_week(server: Server) -> None:
    office = server.enrol(Role.KOORDINATION, "Koordination")
    for path, cls in (("contact-points.csv", ContactPoint), ("offers.csv", Offer)):
        exported = office.get(f"/exports/{path}")
        assert exported.status_code == 200
        assert exported.content.startswith("\ufeff".encode())  # Excel sees UTF-8
        rows = list(csv.reader(io.StringIO(exported.text.lstrip("\ufeff")), delimiter=";"))
        assert len(rows) == count(server, cls) + 1
        answer = post_csv(office, f"/imports/{path}", exported.content)
        assert answer == {"status": 200, "created": 0, "changed": 0, "unchanged": len(rows) - 1}
    header = rows[0]
    assert header[:3] == ["ID", "Titel", "Kommune"]
    contacts = office.get("/exports/contact-points.csv").text.lstrip("\ufeff")
    table = list(csv.DictReader(io.StringIO(contacts), delimiter=";"))
    assert {"Mo", "Di", "Mi", "Do", "Fr", "Sa", "So", "Feiertags geschlossen"} <= set(table[0])
    assert any(row["Mo"] and row["Feiertags geschlossen"] == "ja" for row in table)


def test_a_file_with_bad_rows_is_refused_whole_with_every_problem_named(server: Server) -> None:
    office = server.enrol(Role.KOORDINATION, "Koordination")
    before = count(server, ContactPoint), count(server, AuditEvent)
    text = (
        "ID;Name;Kommunen;Mo;Di;Mi;Do;Fr;Sa;So;Telefon;Nur mit Termin;Stand\n"
        ";Sprachcafé am Dom;Halberstadt;15-18;;;;;;;Büro: 03941 0000;nein;Veröffentlicht\n"
        ";Tafel Atlantis;Atlantis;;;;;;;;;;\n"
        ";Beratung;Thale;morgens;8-12, 11-13;;;;;;;;\n"
        ";;Thale;;;;;;;;;;\n"
        ";Treff;Wernigerode;;;;;;;;;vielleicht;Geheim\n"
    )
    answer = post_csv(office, "/imports/contact-points.csv", text)
    assert answer["status"] == 422
    assert answer["type"].endswith("/tabelle-abgelehnt")
    problems = {(e["row"], e["column"]): e["message"] for e in answer["errors"]}
    assert problems[(3, "Kommunen")] == "Die Kommune „Atlantis“ gibt es nicht."
    assert problems[(4, "Mo")].startswith("Montag: „morgens“ ist keine Zeitspanne")
    assert "Dienstag: 08:00-12:00 und 11:00-13:00 überschneiden sich" in problems[(4, "Di")]
    assert problems[(5, "Name")] == "darf nicht leer sein."
    assert "„vielleicht“ ist weder „ja“ noch „nein“" in problems[(6, "Nur mit Termin")]
    assert "Entwurf, Veröffentlicht, Archiviert" in problems[(6, "Stand")]
    assert len(problems) == 6  # row 2 is fine, and was not imported either
    assert (count(server, ContactPoint), count(server, AuditEvent)) == before

    unknown = post_csv(office, "/imports/offers.csv", "ID;Titel;Farbe\n;Kurs;blau\n")
    assert unknown["status"] == 422
    assert unknown["errors"] == [{"row": 1, "column": "Farbe", "message": "unbekannte Spalte."}]
    latin1 = "ID;Titel\n;Frühstückstreff\n".encode("cp1252")
    refused = post_csv(office, "/imports/offers.csv", latin1)
    assert refused["status"] == 422 and "CSV UTF-8" in refused["errors"][0]["message"]


def test_a_clean_file_adds_and_changes_entries_that_reach_the_guides(server: Server) -> None:
    office = server.enrol(Role.KOORDINATION, "Koordination")
    guide = server.enrol()
    guide.pull_all(["thale"])
    existing = next(r for k, r in guide.records.items() if k[0] == "contact_point")
    # Comma-separated, as another spreadsheet writes it, with a BOM; only some columns:
    # what the file does not name stays as it is.
    text = (
        f'\ufeffID,Name,Kosten\n{existing["id"]},{existing["name"]},"kostenlos, ohne Anmeldung"\n'
    )
    answer = post_csv(office, "/imports/contact-points.csv", text)
    assert answer == {"status": 200, "created": 0, "changed": 1, "unchanged": 0}
    week = (
        "ID;Name;Kommunen;Mo;Di;Mi;Do;Fr;Sa;So;Feiertags geschlossen;Hinweis Öffnungszeiten\n"
        ";Sprachcafé Thale;Thale;;;15-18 Uhr;9.30-11;;;;ja;nur in den Schulwochen\n"
    )
    answer = post_csv(office, "/imports/contact-points.csv", week)
    assert answer == {"status": 200, "created": 1, "changed": 0, "unchanged": 0}
    half_a_week = post_csv(office, "/imports/contact-points.csv", "ID;Name;Mo;Di\n;X;8-12;\n")
    assert half_a_week["status"] == 422 and "es fehlt: Mi, Do, Fr, Sa, So" in str(half_a_week)
    guide.pull_all(["thale"])
    changed = guide.records[("contact_point", existing["id"])]
    assert changed["costs"] == "kostenlos, ohne Anmeldung"
    assert changed["opening_hours"] == existing["opening_hours"]
    [new] = [r for r in guide.records.values() if r.get("name") == "Sprachcafé Thale"]
    assert new["opening_hours"] == (
        'We 15:00-18:00 "nur in den Schulwochen"; Th 09:30-11:00; PH off'
    )
    with Session(server.engine) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.account_name == "Koordination"))
        assert sorted((e.action, e.details["source"]) for e in events) == [
            ("changed", "csv"),
            ("created", "csv"),
        ]


def test_a_row_cut_short_is_named_and_wipes_nothing(server: Server) -> None:
    """A row with 6 of 28 cells emptied town, phones, hours, topics and description."""
    office = server.enrol(Role.KOORDINATION, "Koordination")
    exported = office.get("/exports/contact-points.csv").text.lstrip("\ufeff")
    header, first, *_ = exported.splitlines()
    cut = ";".join(first.split(";")[:6])
    before = count(server, AuditEvent)
    text = f"{header}\n{cut}\n;;Atlantis{';' * (header.count(';') - 2)}\n"
    answer = preview_csv(office, "/imports/contact-points.csv", text)
    assert answer["status"] == 422
    problems = {(e["row"], e["column"]): e["message"] for e in answer["errors"]}
    columns = header.count(";") + 1
    assert problems[(2, "")].startswith(f"nur 6 von {columns} Zellen: die Zeile ist unvollständig")
    assert (3, "Name") in problems  # the other row's problems are named too
    assert post_csv(office, "/imports/contact-points.csv", text)["status"] == 422
    assert count(server, AuditEvent) == before


def test_the_office_sees_each_change_old_to_new_and_confirms_exactly_that(
    server: Server,
) -> None:
    office = server.enrol(Role.KOORDINATION, "Koordination")
    office.pull_all(["thale"])
    contact = next(r for k, r in office.records.items() if k[0] == "contact_point" and r["phones"])
    phone = contact["phones"][0]["number"]
    text = f"ID;Name;Telefon;Kosten\n{contact['id']};{contact['name']};;kostenlos\n"
    shown = preview_csv(office, "/imports/contact-points.csv", text)
    assert shown["status"] == 200 and shown["unchanged"] == 0
    [entry] = shown["entries"]
    assert (entry["id"], entry["title"], entry["created"]) == (
        contact["id"],
        contact["name"],
        False,
    )
    cells = {c["column"]: (c["old"], c["new"]) for c in entry["cells"]}
    assert phone in cells["Telefon"][0] and cells["Telefon"][1] == ""  # emptied, and seen
    assert cells["Kosten"][1] == "kostenlos"
    assert count(server, AuditEvent) == 0  # a preview writes nothing

    missing = post_csv(office, "/imports/contact-points.csv", text, token="")
    assert missing["status"] == 428 and missing["type"].endswith("/vorschau-fehlt")
    # Someone changes the entry after the preview: the old confirmation writes nothing.
    [edited] = office.push(
        mutation("contact_point", contact["id"], contact["version"], {"costs": "2 Euro"})
    )
    assert edited["status"] == "applied"
    stale = post_csv(office, "/imports/contact-points.csv", text, token=shown["token"])
    assert stale["status"] == 409 and stale["type"].endswith("/vorschau-veraltet")
    done = post_csv(office, "/imports/contact-points.csv", text)
    assert done == {"status": 200, "created": 0, "changed": 1, "unchanged": 0}
    with Session(server.engine) as session:
        stored = session.get(ContactPoint, contact["id"])
        assert stored is not None and stored.phones == [] and stored.costs == "kostenlos"


def test_a_broken_file_is_a_422_naming_its_line_and_an_id_in_capitals_empties_nothing(
    server: Server,
) -> None:
    office = server.enrol(Role.KOORDINATION, "Koordination")
    for text in ('ID;Name\n;Treff\n;"offen\n', "ID;Name\n;Tr\x00eff\n"):
        answer = preview_csv(office, "/imports/contact-points.csv", text)
        assert answer["status"] == 422, answer
        assert answer["errors"][0]["row"] in (2, 3)
    with Session(server.engine) as session:
        contact = session.exec(select(ContactPoint).where(ContactPoint.street != None)).first()  # noqa: E711
    assert contact is not None
    text = f"ID;Name\n{contact.id.upper()};{contact.name} (neu)\n"
    assert post_csv(office, "/imports/contact-points.csv", text)["status"] == 200
    with Session(server.engine) as session:
        after = session.get(ContactPoint, contact.id)
    assert after is not None and after.name == f"{contact.name} (neu)"
    assert (after.street, after.phones, after.topic_keys) == (
        contact.street,
        contact.phones,
        contact.topic_keys,
    )


def test_an_id_of_a_deleted_entry_or_of_another_kind_is_named_not_created(
    server: Server,
) -> None:
    # A deleted entry's id counted as "created" while nothing appeared; an offer's id in
    # the contact points' sheet made a second record under it.
    office = server.enrol(Role.KOORDINATION, "Koordination")
    office.pull_all(["thale"])
    contact = next(r for k, r in office.records.items() if k[0] == "contact_point")
    offer = next(r for k, r in office.records.items() if k[0] == "offer")
    kommune = next(r for k, r in office.records.items() if k[0] == "kommune")
    [gone] = office.push(mutation("contact_point", contact["id"], contact["version"], op="delete"))
    assert gone["status"] == "applied"
    before = count(server, ContactPoint)
    text = (
        f"ID;Name\n{contact['id']};Wieder da\n{offer['id']};Treff\n{kommune['id']};Amt\n;Ganz neu\n"
    )
    refused = preview_csv(office, "/imports/contact-points.csv", text)
    assert refused["status"] == 422, refused
    said = {(e["row"], e["column"]): e["message"] for e in refused["errors"]}
    assert said.keys() == {(2, "ID"), (3, "ID"), (4, "ID")}
    assert said[(2, "ID")].startswith("dieser Eintrag wurde gelöscht")
    assert said[(3, "ID")].startswith("diese ID gehört zu einem Eintrag anderer Art")
    assert said[(4, "ID")] == said[(3, "ID")]
    assert count(server, ContactPoint) == before
    with Session(server.engine) as session:
        assert session.get(ContactPoint, offer["id"]) is None


def test_the_server_answers_others_while_a_large_spreadsheet_is_checked(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    """A 4,900-row import ran on the event loop: /health waited 41.9 s with it. (A
    server of its own process: in this one, the test's threads would share its
    interpreter lock.)"""
    url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    prepare_database(url, demo_dataset).dispose()
    server = start_server(url, tmp_path, process=True)
    try:
        _answers_while_checking(server)
    finally:
        server.stop()
        server.engine.dispose()


def _answers_while_checking(server: Server) -> None:
    office = server.enrol(Role.KOORDINATION, "Koordination")
    exported = office.get("/exports/contact-points.csv").text.lstrip("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(exported), delimiter=";"))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    n = 0
    while out.tell() < 900_000:  # new entries, copies without their IDs, up to ~1 MB
        row = list(rows[n % len(rows)])
        row[0], row[1] = "", f"{row[1]} ({n})"
        writer.writerow(row)
        n += 1
    checked: dict[str, object] = {}
    checking = threading.Thread(
        target=lambda: checked.update(
            preview_csv(office, "/imports/contact-points.csv", out.getvalue())
        )
    )
    waits: list[float] = []
    began = time.monotonic()
    checking.start()
    with local_http.client(base_url=server.url, timeout=120) as client:
        while checking.is_alive():
            asked = time.monotonic()
            assert client.get("/health").status_code == 200
            waits.append(time.monotonic() - asked)
            time.sleep(0.05)
    took = time.monotonic() - began
    checking.join()
    assert checked["status"] == 200 and len(checked["entries"]) == n  # type: ignore[arg-type]
    # On the event loop the check held every other request for all its time (one
    # /health waited 1.48 s of 1.5). Off it, a request shares the interpreter with the
    # check's thread and waits a fraction of it.
    assert max(waits) < took / 2, (waits, took)
