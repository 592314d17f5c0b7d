"""A new guide's first start in the browser: the app says what it is, and connecting
without a code is answered in German (it was a full-screen English error)."""

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import FULL_MOTION, go_to, new_page, screenshot
from tests.e2e.person import tap, type_into


@pytest.mark.parametrize("size", ["phone"])
def test_first_start_names_the_app_and_asks_for_the_code_in_german(
    browser: Browser, app_url: str, size: str
) -> None:
    page = new_page(browser, size, motion=FULL_MOTION)
    go_to(page, app_url)
    expect(page.get_by_text("Wegweiser Harz", exact=True)).to_be_visible()
    # Flutter draws on the page's own thread (assets/index.html): no renderer worker,
    # though Flet serves the page cross-origin isolated.
    assert page.evaluate("window.crossOriginIsolated") is True
    assert page.workers == []
    type_into(page.get_by_role("textbox", name="Serveradresse"), "http://127.0.0.1:9")
    tap(page.get_by_role("button", name="Verbinden"))
    expect(
        page.get_by_text("Bitte den vollständigen Anmeldecode eingeben", exact=False)
    ).to_be_visible()
    expect(page.get_by_text("Error running app", exact=False)).to_have_count(0)
    screenshot(page, f"{size}-first-start-no-code")
    page.close()
