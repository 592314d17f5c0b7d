"""The Koordinierungsstelle edits in the real app: a new contact point with its opening
hours typed as a week, published, reaches a guide's device; a sheet's editor shows its
preview and refuses a remote image."""

import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlmodel import Session, select

from tests.e2e.conftest import office_app, screenshot
from tests.e2e.person import choose, tap, type_into
from tests.e2e.test_review import guide_device
from tests.support.server import Server
from wegweiser.model import ContactPoint, Publication

NAME = "Sprachcafé am Dom"


def wait_for_server_copy(server: Server, timeout: float = 60) -> ContactPoint:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with Session(server.engine) as session:
            found = session.exec(select(ContactPoint).where(ContactPoint.name == NAME)).first()
        if found is not None:
            return found
        time.sleep(0.5)
    raise AssertionError("the new contact point never reached the server")


@pytest.mark.parametrize("size", ["tablet"])
def test_a_new_contact_point_is_published_and_reaches_a_guide(
    browser: Browser, demo_server: Server, tmp_path: Path, size: str
) -> None:
    anna = guide_device(demo_server, tmp_path, "Lotsin Anna")
    try:
        with office_app(browser, demo_server, tmp_path, size) as page:
            page.get_by_role("button", name="Einträge bearbeiten").click()
            page.get_by_role("button", name="Anlaufstellen").click()
            page.get_by_role("button", name="Neuer Eintrag").click()
            expect(page.get_by_text("Neue Anlaufstelle")).to_be_visible()
            type_into(page.get_by_role("textbox", name="Name *"), NAME)
            type_into(page.get_by_role("textbox", name="Mittwoch"), "15-18 Uhr")
            type_into(page.get_by_role("textbox", name="Donnerstag"), "morgens")
            # Checked as it is typed, in German, naming the day.
            expect(
                page.get_by_text("Donnerstag: „morgens“ ist keine Zeitspanne", exact=False)
            ).to_be_visible()
            type_into(page.get_by_role("textbox", name="Donnerstag"), "9-11")
            expect(page.get_by_text("ist keine Zeitspanne", exact=False)).to_have_count(0)
            choose(page, "checkbox", "Halberstadt")
            choose(page, "checkbox", "Sprache und Integrationskurse")
            tap(page.get_by_role("button", name="Veröffentlicht"))
            tap(page.get_by_role("button", name="Speichern"))
            expect(page.get_by_text("Gespeichert.", exact=False)).to_be_visible()

            stored = wait_for_server_copy(demo_server)
            assert stored.opening_hours == "We 15:00-18:00; Th 09:00-11:00; PH off"
            assert stored.status == Publication.PUBLISHED and stored.kommune_keys == ["halberstadt"]
            anna.sync()
            with anna.store.session() as session:
                on_tablet = session.get(ContactPoint, stored.id)
            assert on_tablet is not None and on_tablet.topic_keys == ["sprache"]

            # A sheet: its Markdown beside the preview; a remote image is refused at once.
            page.get_by_role("button", name="Informationsblätter").click()
            page.get_by_role("button", name="Ankommen in Halberstadt", exact=False).click()
            expect(page.get_by_text("Vorschau")).to_be_visible()
            page.wait_for_timeout(1_000)  # the screen slides in after its semantics are there
            screenshot(page, f"{size}-editor")
            body = page.get_by_role("textbox", name="Text *")
            body.click()
            page.keyboard.press("Control+End")
            page.keyboard.type("\n![Karte](https://tracker.example/karte.png)", delay=20)
            expect(
                page.get_by_text("Bilder sind in Informationsblättern nicht erlaubt", exact=False)
            ).to_be_visible()
            expect(page.get_by_text("Die Vorschau erscheint, sobald", exact=False)).to_be_visible()
    finally:
        anna.close()
        anna.store.close()
