"""The kept PDFs on the tablet: the screen says what there is, and offline why it cannot
fetch more."""

from playwright.sync_api import Browser, expect

from tests.e2e.conftest import open_app, screenshot
from tests.e2e.person import tap


def test_the_handouts_screen_without_a_server(browser: Browser, app_url: str) -> None:
    page = open_app(browser, app_url, "phone")
    tap(page.get_by_role("button", name="Wegweiser als PDF"))
    expect(page.get_by_text("Noch keine PDFs auf dem Gerät", exact=False)).to_be_visible()
    tap(page.get_by_role("button", name="PDFs laden oder aktualisieren"))
    expect(page.get_by_text("mit keinem Server verbunden", exact=False)).to_be_visible()
    screenshot(page, "phone-handouts-offline")
    page.close()
