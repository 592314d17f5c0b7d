"""Aktualität in the real app against the real server: the due list filtered by kind,
"Geprüft, unverändert" reaching the server, and the due contact points downloaded with
their e-mail addresses."""

import time
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlmodel import Session, col, select

from tests.e2e.conftest import office_app, screenshot
from tests.e2e.person import tap
from tests.support.server import Server
from wegweiser.model import Offer


def checked_offers(server: Server) -> list[Offer]:
    with Session(server.engine) as session:
        return list(session.exec(select(Offer).where(col(Offer.last_verified) == date.today())))


@pytest.mark.parametrize("size", ["tablet"])
def test_due_entries_are_checked_and_the_due_contacts_exported(
    browser: Browser, demo_server: Server, tmp_path: Path, size: str
) -> None:
    # One offer in Halberstadt nobody has checked since January 2024.
    with Session(demo_server.engine) as session:
        old = session.exec(select(Offer).where(Offer.kommune_key == "halberstadt")).first()
        assert old is not None
        old.last_verified = date(2024, 1, 15)
        session.add(old)
        session.commit()
    with office_app(browser, demo_server, tmp_path, size) as page:
        tap(page.get_by_role("button", name="Aktualität prüfen"))
        tap(page.get_by_role("button", name="Angebot", exact=True))
        # The one offer of Halberstadt nobody has checked since 2024 (singular text).
        expect(page.get_by_text("1 Eintrag ist fällig.")).to_be_visible()
        page.wait_for_timeout(1_000)  # the screen slides in after its semantics are there
        screenshot(page, f"{size}-due")
        assert checked_offers(demo_server) == []
        tap(page.get_by_role("button", name="Geprüft, unverändert").first)
        expect(page.get_by_text("ist als geprüft vermerkt", exact=False)).to_be_visible()
        deadline = time.monotonic() + 60
        while not checked_offers(demo_server) and time.monotonic() < deadline:
            time.sleep(0.5)  # the app sends it with its next sync, at once when online
        assert len(checked_offers(demo_server)) == 1

        with page.expect_download() as downloading:
            tap(page.get_by_role("button", name="Fällige Anlaufstellen mit E-Mail herunterladen"))
        text = Path(downloading.value.path()).read_bytes().decode("utf-8")
        assert text.startswith("\ufeffName;Organisation;E-Mail;")
        assert "@" in text.splitlines()[1]
