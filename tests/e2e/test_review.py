"""The Koordinierungsstelle in the real app against the real server: a guide's report
made offline reaches the review queue as old → new, is accepted there, a second guide's
device has the new value after its next sync, and the audit trail shows it (in the app
too); a rejection reaches the reporter with its reason."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlmodel import Session, col, select

from app.services.personal import PersonalService
from app.store.database import open_store
from app.sync import enrolment
from app.sync.engine import SyncEngine
from sync_server.tables import AuditEvent
from tests.e2e.conftest import office_app, screenshot
from tests.e2e.person import navigate, tap, type_into
from tests.support.devices import enrolment_code
from tests.support.server import Server
from wegweiser.model import ContactPoint
from wegweiser.protocol import Role

JOBCENTER = "Jobcenter Landkreis Harz – Standort Halberstadt"


def guide_device(server: Server, folder: Path, name: str) -> SyncEngine:
    store = open_store(folder / name / "wegweiser.sqlite")
    code = enrolment_code(server, Role.LOTSE, name)
    enrolment.enrol(store, server.url, code, name, ["halberstadt"])
    engine = SyncEngine(store)
    engine.sync()
    return engine


def jobcenter(engine: SyncEngine) -> ContactPoint:
    with engine.store.session() as session:
        found = session.exec(select(ContactPoint).where(ContactPoint.name == JOBCENTER)).one()
        return found


@pytest.mark.parametrize("size", ["tablet"])
def test_a_report_is_accepted_in_the_queue_and_reaches_another_guide(
    browser: Browser, demo_server: Server, tmp_path: Path, size: str
) -> None:
    anna = guide_device(demo_server, tmp_path, "Lotsin Anna")
    ben = guide_device(demo_server, tmp_path, "Lotse Ben")
    contact = jobcenter(anna)
    # Anna reports offline; her next sync sends it.
    PersonalService(anna.store).report_change(
        "contact_point", contact.id, {"costs": "kostenlos, Termin nötig"}, "Aushang am Eingang."
    )
    anna.sync()

    with office_app(browser, demo_server, tmp_path, size) as page:
        expect(page.get_by_text("1 offene Meldung")).to_be_visible()
        for shown in ("Gemeldet von Lotsin Anna", "kostenlos, Termin nötig", "Aushang am Eingang"):
            expect(page.get_by_text(shown, exact=False)).to_be_visible()
        page.wait_for_timeout(1_000)  # the screen slides in after its semantics are there
        screenshot(page, f"{size}-review-queue")
        page.get_by_role("button", name="Übernehmen", exact=True).click()
        expect(page.get_by_text("Keine offenen Meldungen.")).to_be_visible()

        # The entry's trail in the app: who accepted what, old → new.
        navigate(page, "Suchen")
        type_into(page.get_by_role("textbox", name="Suchen"), "Jobcenter Halberstadt")
        page.get_by_text(JOBCENTER).first.click()
        tap(page.get_by_role("button", name="Verlauf"))
        trail = page.get_by_text("Meldung übernommen", exact=False)
        expect(trail).to_be_visible()
        shown = trail.inner_text()
        assert "Koordinatorin Berg" in shown and "kostenlos, Termin nötig" in shown

        # A second report is rejected with a reason, which reaches Anna's device.
        PersonalService(anna.store).report_change(
            "contact_point", contact.id, {"street": "Falsche Straße 1"}, ""
        )
        anna.sync()
        navigate(page, "Prüfen")
        tap(page.get_by_role("button", name="Neu laden"))
        expect(page.get_by_text("1 offene Meldung")).to_be_visible()
        type_into(
            page.get_by_role("textbox", name="Grund für eine Ablehnung"),
            "Die Adresse stimmt laut Aushang noch.",
        )
        tap(page.get_by_role("button", name="Ablehnen"))
        expect(page.get_by_text("Keine offenen Meldungen.")).to_be_visible()

    ben.sync()
    assert jobcenter(ben).costs == "kostenlos, Termin nötig"
    anna.sync()
    rejected = [r for r in PersonalService(anna.store).my_reports() if r.state == "rejected"]
    assert [(r.changes, r.reason) for r in rejected] == [
        ({"street": "Falsche Straße 1"}, "Die Adresse stimmt laut Aushang noch.")
    ]
    with Session(demo_server.engine) as session:
        event, rejection = session.exec(select(AuditEvent).order_by(col(AuditEvent.id))).all()
    assert (event.action, event.account_name) == ("report_accepted", "Koordinatorin Berg")
    assert rejection.details["reason"] == "Die Adresse stimmt laut Aushang noch."
    assert event.details["fields"]["costs"][1] == "kostenlos, Termin nötig"
    for engine in (anna, ben):
        engine.close()
        engine.store.close()
