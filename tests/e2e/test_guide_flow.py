"""The whole first visit of a guide, against the real server with the example data:
connect, choose Halberstadt, look up the Jobcenter, report a change while the server is
down, and see the report become "Eingereicht" once the server is back."""

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlmodel import Session, select

from tests.e2e.apps import start_guide_app
from tests.e2e.conftest import FULL_MOTION, open_app, screenshot
from tests.e2e.person import choose, connect, navigate, tap, type_into
from tests.support.server import Server, start_server
from wegweiser.owned import ChangeReport

STATUS_CHIP = re.compile("Offline|wartet|warten|Synchronisiere|Zuletzt synchronisiert")


@pytest.mark.parametrize("size", ["phone"])
def test_first_start_lookup_and_offline_report(
    browser: Browser, demo_server: Server, tmp_path: Path, size: str
) -> None:
    app, url = start_guide_app(demo_server, tmp_path)
    try:
        page = open_app(browser, url, size, example_data=False, motion=FULL_MOTION)
        connect_button = page.get_by_role("button", name="Verbinden")
        connect_button.wait_for()
        # The first frame's pixels come about a second after its semantics: without the
        # pause the picture showed Flet's "Working..." of the app still loading.
        time.sleep(1.5)
        screenshot(page, f"{size}-first-start")
        connect(page)
        page.get_by_role("checkbox", name="Halberstadt").click()
        screenshot(page, f"{size}-kommunen")
        page.get_by_role("button", name="Weiter").click()

        type_into(page.get_by_role("textbox", name="Suchen"), "Jobcenter")
        try:
            tap(page.get_by_text("Jobcenter Landkreis Harz – Standort Halberstadt").first)
        except Exception:
            screenshot(page, f"{size}-search-failed")
            raise
        expect(page.get_by_text("Öffnungszeiten", exact=True)).to_be_visible()
        expect(page.get_by_text("Donnerstag")).to_be_visible()

        demo_server.stop()  # from here on the tablet is offline
        page.get_by_role("button", name="Änderung melden").click()
        expect(page.get_by_text("Was hat sich geändert?", exact=False)).to_be_visible()
        # An exclusive choice, announced as one: radios in a group named for the question.
        found = page.get_by_role("group", name="Vor Ort festgestellt")
        expect(found.get_by_role("radio", name="Nichts davon")).to_be_checked()
        choose(page, "radio", "Umgezogen")
        expect(found.get_by_role("radio", name="Nichts davon")).not_to_be_checked()
        time.sleep(0.5)  # let the radio finish its 200 ms animation before the picture
        screenshot(page, f"{size}-report-found")
        type_into(page.get_by_role("textbox", name="Kosten"), "kostenlos, Termin nötig")
        screenshot(page, f"{size}-report-form")
        page.get_by_role("button", name="Änderung melden").click()
        expect(page.get_by_text("Meldung gespeichert")).to_be_visible()
        screenshot(page, f"{size}-report-saved")
        navigate(page, "Meldungen")
        expect(page.get_by_text("Wartet auf Sync")).to_be_visible()
        screenshot(page, f"{size}-report-waiting")

        restarted = start_server(str(demo_server.engine.url), tmp_path, port=demo_server.port)
        try:
            # The chip may still say "Offline – 1 Änderung wartet", or the background
            # retry may already have reached the restarted server.
            page.get_by_role("button", name=STATUS_CHIP).click()
            page.get_by_role("button", name="Jetzt synchronisieren").click()
            navigate(page, "Meldungen")
            expect(page.get_by_text("Eingereicht")).to_be_visible(timeout=20_000)
            screenshot(page, f"{size}-report-submitted")
            with Session(restarted.engine) as session:
                reports = session.exec(select(ChangeReport)).all()
            assert [r.changes for r in reports] == [{"costs": "kostenlos, Termin nötig"}]
            assert [r.flag for r in reports] == ["moved"]
        finally:
            restarted.stop()
            restarted.engine.dispose()
    finally:
        app.terminate()
        app.wait(timeout=10)
