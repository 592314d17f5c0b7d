"""A hung browser ends a test with an error instead of holding up the suite, and a
stalled one is replaced by a new Chromium."""

import time

import pytest
from playwright.sync_api import Browser, Playwright, expect
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.conftest import open_app, relaunch
from tests.support.browser import (
    LAUNCH_ARGS,
    Watchdog,
    chromium_processes,
    ensure_chromium,
    kill_chromium,
)


def test_a_script_that_never_returns_is_ended_by_the_watchdog(playwright: Playwright) -> None:
    browser = playwright.chromium.launch(
        executable_path=ensure_chromium(), headless=True, args=LAUNCH_ARGS
    )
    page = browser.new_page()
    assert chromium_processes(), "the launched Chromium is found among this test's processes"
    started = time.monotonic()
    with Watchdog(2) as watchdog, pytest.raises(PlaywrightError):
        page.evaluate("new Promise(() => {})")  # Playwright waits for it without a timeout
    assert watchdog.fired
    assert time.monotonic() - started < 30
    assert chromium_processes() == []
    browser.close()


def test_a_stalled_page_is_opened_again_in_a_new_chromium(browser: Browser, app_url: str) -> None:
    page = open_app(browser, app_url, "phone")
    again = relaunch(browser, page.url, "phone")
    assert not browser.is_connected()  # the stalled one was killed, not asked to close
    assert again.context.browser is not None and again.context.browser.is_connected()
    expect(again.get_by_role("textbox").first).to_be_visible()


def test_a_renderer_that_stops_answering_is_noticed_within_the_timeout(
    playwright: Playwright,
) -> None:
    # What test_large_text's `responsive` relies on: a waited-for function has a timeout
    # even when the page's main thread never comes back.
    browser = playwright.chromium.launch(
        executable_path=ensure_chromium(), headless=True, args=LAUNCH_ARGS
    )
    page = browser.new_page()
    page.evaluate("setTimeout(() => { while (true) {} }, 0)")
    started = time.monotonic()
    with Watchdog(60), pytest.raises(PlaywrightTimeoutError):
        page.wait_for_function("() => true", timeout=2_000)
    assert time.monotonic() - started < 20
    kill_chromium()
