"""A guide's own things in the real app against the real server: a favourite, a private
note that a second device of the same account changes at the same time (a conflict the
person decides on the conflicts screen), settings, and signing out."""

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError
from sqlmodel import Session, select

from app.services.personal import PersonalService
from app.services.sync import SyncService
from app.store.database import open_store
from app.sync import enrolment
from app.sync.engine import SyncEngine
from sync_server.tables import Account
from tests.e2e.apps import start_app
from tests.e2e.conftest import open_app, reopen, screenshot
from tests.e2e.person import choose, connect, navigate, type_into
from tests.support.browser import Watchdog
from tests.support.devices import enrolment_code
from tests.support.server import Server
from wegweiser.owned import PrivateNote
from wegweiser.protocol import Role

JOBCENTER = "Jobcenter Landkreis Harz – Standort Halberstadt"


def wait_for(condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.3)


def server_note(server: Server) -> str | None:
    with Session(server.engine) as session:
        note = session.exec(select(PrivateNote)).first()
        return note.text if note is not None else None


def write_note(page: Page, text: str) -> None:
    type_into(page.get_by_role("textbox", name="Notiz"), text)
    page.get_by_role("button", name="Notiz speichern").click()
    expect(page.get_by_text("Notiz gespeichert.")).to_be_visible()


@pytest.mark.parametrize("size", ["tablet"])
def test_favourite_note_conflict_settings_and_sign_out(
    browser: Browser, demo_server: Server, tmp_path: Path, size: str
) -> None:
    code = enrolment_code(demo_server, Role.LOTSE, "Lotsin Anna")
    app, url = start_app(
        tmp_path / "app", WEGWEISER_DEFAULT_SERVER=demo_server.url, WEGWEISER_DEMO_CODE=code
    )
    phone_store = open_store(tmp_path / "phone" / "wegweiser.sqlite")
    try:
        page = open_app(browser, url, size, example_data=False)
        connect(page)
        page.get_by_role("checkbox", name="Halberstadt").click()
        page.get_by_role("button", name="Weiter").click()
        type_into(page.get_by_role("textbox", name="Suchen"), "Jobcenter")
        page.get_by_text(JOBCENTER).first.click()

        page.get_by_role("button", name="Als Favorit merken").click()
        expect(page.get_by_role("button", name="Favorit entfernen")).to_be_visible()
        expect(page.get_by_text("Bitte keine Namen, Adressen", exact=False)).to_be_visible()
        write_note(page, "Mittwochs geschlossen")
        wait_for(lambda: server_note(demo_server) == "Mittwochs geschlossen")

        # The same person's phone changes the note while the tablet still has the old one.
        with Session(demo_server.engine) as session:
            account = session.exec(select(Account).where(Account.name == "Lotsin Anna")).one()
        phone_sync = SyncService(phone_store, SyncEngine(phone_store))
        phone = PersonalService(phone_store)
        enrolment.enrol(
            phone_store,
            demo_server.url,
            enrolment_code(demo_server, Role.LOTSE, account_id=account.id),
            "Telefon",
            ["halberstadt"],
        )
        phone_sync.sync_now()
        [saved] = phone.favourites()
        assert saved.title == JOBCENTER
        phone.save_note("contact_point", saved.record_id, "Mittwochs nur mit Termin")
        phone_sync.sync_now()
        assert server_note(demo_server) == "Mittwochs nur mit Termin"

        write_note(page, "Mittwochs ab 10 Uhr")
        # The tablet's save syncs at once: the phone's newer text makes it a conflict.
        page.get_by_role("button", name="1 Konflikt – bitte ansehen").click()
        page.get_by_role("button", name="Konflikte ansehen (1)").click()
        # The card reads as one group: mine first, then the server's, for the same field.
        side_by_side = re.compile(
            "Notiz Meine Fassung Mittwochs ab 10 Uhr "
            "Fassung auf dem Server Mittwochs nur mit Termin"
        )
        expect(page.get_by_role("group", name=side_by_side)).to_be_visible()
        assert server_note(demo_server) == "Mittwochs nur mit Termin"  # nothing decided yet
        screenshot(page, f"{size}-conflict")
        page.get_by_role("button", name="Meine Fassung behalten").click()
        expect(page.get_by_text("Keine offenen Konflikte.")).to_be_visible()
        wait_for(lambda: server_note(demo_server) == "Mittwochs ab 10 Uhr")
        phone_sync.sync_now()
        assert phone.note("contact_point", saved.record_id) == "Mittwochs ab 10 Uhr"

        navigate(page, "Suchen")
        page.get_by_role("button", name="Suche leeren").click()
        expect(page.get_by_text("Meine Favoriten")).to_be_visible()
        expect(page.get_by_text(JOBCENTER)).to_be_visible()

        navigate(page, "Einstellungen")
        expect(page.get_by_text("Lotsin Anna")).to_be_visible()
        # Text size and theme on the tablet: a phone's smaller canvas takes the software
        # renderer most of a minute to lay out every text again (test_large_text does it
        # once, on the guide's screens).
        for choice in ("Sehr groß", "Dunkel"):
            try:
                # A stalled renderer kept even calls with a timeout waiting (CI, twice):
                # after 60 s this Chromium is killed and the call ends with an error.
                with Watchdog(60):
                    choose(page, "radio", choice)
            except (AssertionError, PlaywrightError):
                # Chromium's software renderer here has stalled for minutes after a text
                # size change (3 of about 30 runs; screenshots time out as well). A person
                # would restart the app: what was chosen is stored, the tap is repeated.
                page = reopen(browser, page, size)
                choose(page, "radio", choice)
        # Each choice rebuilds the screens; both choices are still there afterwards.
        expect(page.get_by_role("radio", name="Dunkel")).to_be_checked()
        expect(page.get_by_role("radio", name="Sehr groß")).to_be_checked()
        expect(page.get_by_text("Textgröße")).to_be_visible()
        screenshot(page, f"{size}-settings-dark-large")
        page.get_by_role("button", name="Abmelden und Daten löschen").click()
        expect(page.get_by_text("alle Daten der App auf diesem Gerät", exact=False)).to_be_visible()
        page.get_by_role("button", name="Ja, alles löschen").click()
        try:
            expect(page.get_by_role("button", name="Verbinden")).to_be_visible()
        except AssertionError:
            # The software renderer stalled here once in about ten runs (the failure
            # screenshot timed out too, while the app had signed out). Restarted, the
            # app must show the first start: nothing of the account is left.
            page = reopen(browser, page, size)
            expect(page.get_by_role("button", name="Verbinden")).to_be_visible()
        screenshot(page, f"{size}-after-sign-out")
        store = tmp_path / "app" / "wegweiser.sqlite"
        check = open_store(store)
        try:
            assert not SyncService(check, SyncEngine(check)).enrolled
            assert PersonalService(check).favourites() == []
        finally:
            check.close()
    finally:
        phone_store.close()
        app.terminate()
        app.wait(timeout=10)
