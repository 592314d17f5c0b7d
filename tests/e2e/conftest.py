"""The app in Flet's web mode, driven in headless Chromium through its semantics tree."""

import contextlib
import time
import warnings
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.conftest import ROOT
from tests.e2e.apps import retried, start_app
from tests.e2e.person import connect, navigate
from tests.support.browser import LAUNCH_ARGS, Watchdog, ensure_chromium, kill_chromium
from tests.support.devices import enrolment_code
from tests.support.server import Server, serving
from wegweiser.dataset import Dataset
from wegweiser.protocol import Role

SCREENSHOTS = ROOT / "build" / "screenshots"


SIZES = {"phone": (360, 740), "tablet": (1280, 800)}


Motion = Literal["reduce", "no-preference"]
"""What a page tells the app of the person's wish for motion (see `new_page`)."""
FULL_MOTION: Motion = "no-preference"
"""A tablet's default: Flutter's animations at their full length."""


CONSOLE: dict[Page, list[str]] = {}
"""The browser console of each page opened by `open_app`, kept for a failed test."""


RELAUNCHED: list[Browser] = []
"""Browsers `reopen` started in place of a stalled one, closed with the test's own."""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item,
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    # Keeps the call's outcome on the test item, for the screenshots of a failed test.
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
        if report.failed:
            # Here, before the fixtures stop the app: afterwards a page shows only
            # Flet's "Working..." while it reconnects.
            _keep_failure(item, report)
    return report


def _keep_failure(item: pytest.Item, report: pytest.TestReport) -> None:
    """What every page showed when the test failed: what a screen reader was offered,
    printed with the failure (on CI the log is all there is: a button missing from it,
    or present without its name), and a screenshot and the console in build/screenshots."""
    browser = getattr(item, "funcargs", {}).get("browser")
    if not isinstance(browser, Browser):
        return
    pages = [
        page
        for each in [browser, *RELAUNCHED]
        for context in each.contexts
        for page in context.pages
    ]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for n, page in enumerate(pages):
        name = f"failed-{item.name}-{n}"
        # What the web client logged (Flutter's exceptions, reconnects): the screenshot
        # alone cannot tell a stalled renderer from a dropped event.
        (SCREENSHOTS / f"{name}.console.txt").write_text(
            "\n".join(CONSOLE.get(page, [])), encoding="utf-8"
        )
        with contextlib.suppress(PlaywrightError):
            tree = page.locator("flt-semantics-host").aria_snapshot(timeout=5_000)
            report.sections.append((f"semantics tree of page {n}", tree[:6_000]))
        with contextlib.suppress(PlaywrightError):
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), timeout=10_000)


expect.set_options(timeout=20_000)


TEST_BUDGET = 200
"""Seconds a browser test may take, its fixtures included, before its Chromium is killed
(the longest takes about a minute; pytest's faulthandler_timeout dumps stacks at 240)."""


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture
def browser(playwright: Playwright) -> Iterator[Browser]:
    """A fresh Chromium for every test, like a fresh device: nothing a page of an earlier
    test left running (rendering, its GPU context) can slow this one down."""
    with Watchdog(TEST_BUDGET) as watchdog:
        launched = playwright.chromium.launch(
            executable_path=ensure_chromium(), headless=True, args=LAUNCH_ARGS
        )
        yield launched
        if watchdog.fired:
            retried(f"watchdog: Chromium killed after {TEST_BUDGET} s, the test hung")
        browsers = [launched, *RELAUNCHED]
        RELAUNCHED.clear()
        for each in browsers:
            each.close()
        CONSOLE.clear()


@pytest.fixture
def app_url(tmp_path: Path) -> Iterator[str]:
    """The app on a fresh local store (it offers the example data without a server)."""
    process, url = start_app(tmp_path / "app")
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def demo_server(tmp_path: Path, demo_dataset: Dataset) -> Iterator[Server]:
    """The server as a process of its own, as beside a real app: in a thread it would
    share this process (and its interpreter lock) with the browser's driver."""
    with serving(tmp_path, demo_dataset, process=True) as server:
        yield server


@contextlib.contextmanager
def office_app(
    browser: Browser, server: Server, folder: Path, size: str = "tablet"
) -> Iterator[Page]:
    """The app of the Koordinierungsstelle against `server`: enrolled as "Koordinatorin
    Berg" following Halberstadt, on the "Prüfen" tab; stopped afterwards."""
    code = enrolment_code(server, Role.KOORDINATION, "Koordinatorin Berg")
    app, url = start_app(
        folder / "office", WEGWEISER_DEFAULT_SERVER=server.url, WEGWEISER_DEMO_CODE=code
    )
    try:
        page = open_app(browser, url, size, example_data=False)
        connect(page)
        page.get_by_role("checkbox", name="Halberstadt").click()
        page.get_by_role("button", name="Weiter").click()
        navigate(page, "Prüfen")
        yield page
    finally:
        app.terminate()
        app.wait(timeout=10)


def open_app(
    browser: Browser,
    url: str,
    size: str,
    example_data: bool = True,
    motion: Motion = "reduce",
) -> Page:
    """A page at phone or tablet size, with Flutter's semantics tree switched on.

    On a fresh store the app starts with the first-start screen; `example_data` chooses
    "Beispieldaten ohne Server ansehen" there. `motion`: see `new_page`.
    """
    page = new_page(browser, size, motion)
    go_to(page, url)
    if example_data:
        page = _choose_example_data(browser, page, url, size, motion)
    page.get_by_role("textbox").first.wait_for()
    return page


def _choose_example_data(browser: Browser, page: Page, url: str, size: str, motion: Motion) -> Page:
    """Tap "Beispieldaten ohne Server ansehen" until the first-start screen is gone (its
    own fields would count as the app's below). A person whose tap did nothing taps
    again, and reloads an app that takes no tap at all; so do we, and it is recorded."""
    for attempt in range(3):
        first = page.get_by_role("button", name="Beispieldaten ohne Server ansehen")
        try:
            first.click(timeout=30_000)
            first.wait_for(state="hidden", timeout=20_000)
            return page
        except PlaywrightTimeoutError:
            # CI, once in some runs: the software renderer stalled before its first
            # frames, or a tap came through and nothing followed (the button stayed
            # for 60 s).
            retried(f"open_app: the first screen did not go after tap {attempt + 1}")
            if attempt == 1:
                page = new_page(browser, size, motion)
                go_to(page, url)
    raise AssertionError("the first-start screen never took the tap on the example data")


def new_page(browser: Browser, size: str, motion: Motion = "reduce") -> Page:
    """An empty page at phone or tablet size whose console is kept for a failed test.

    `motion`: the person's system setting the page reports (CSS prefers-reduced-motion).
    Most tests "reduce" it, as a person may: Flutter then plays every animation at a
    twentieth of its length (a screen still slides in, within a frame or two), which
    took a sixth off the browser tests' CPU (137 against 160 core-seconds for ten of
    them). The tests of moving between screens, of the first start and of a guide's
    whole visit keep a tablet's default ("no-preference").
    """
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height}, reduced_motion=motion)
    lines = CONSOLE.setdefault(page, [])
    page.on("console", lambda message: lines.append(f"{time.strftime('%X')} {message.text}"))
    # Give the software renderer time for a heavy redraw (dark theme, very large text)
    # before calling a step failed.
    page.set_default_timeout(60_000)
    return page


def reopen(browser: Browser, page: Page, size: str) -> Page:
    """Open the app again where a stalled page was, as a person restarts a frozen app; a
    warning in the test summary says that it happened."""
    url = page.url
    warnings.warn(f"the page at {url} stalled and was opened again", stacklevel=2)
    retried(f"reopen: the page at {url} stalled")
    return relaunch(browser, url, size)


def relaunch(browser: Browser, url: str, size: str) -> Page:
    """`url` in a new Chromium in place of `browser`, which is killed, not asked to close:
    a page of it that hangs (its renderer or the software GPU process) kept even
    `page.close` waiting for ever."""
    kill_chromium()
    fresh_browser = browser.browser_type.launch(
        executable_path=ensure_chromium(), headless=True, args=LAUNCH_ARGS
    )
    RELAUNCHED.append(fresh_browser)
    fresh = new_page(fresh_browser, size)
    go_to(fresh, url)
    return fresh


def go_to(page: Page, url: str) -> None:
    """Load the app at `url` (a new Flet session) and wait until it can be read."""
    page.goto(url)
    page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=60_000)
    enable_semantics(page)  # asks until the first frame is there


def enable_semantics(page: Page) -> None:
    """Switch on Flutter's semantics tree: asked before the first frame, Flutter ignores
    the request, so ask until the tree is there (no fixed wait for a slow machine)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        page.evaluate("document.querySelector('flt-semantics-placeholder')?.click()")
        try:
            page.wait_for_selector("flt-semantics", state="attached", timeout=1_000)
            return
        except PlaywrightTimeoutError:
            continue
    raise AssertionError("Flutter's semantics tree never appeared")


def screenshot(page: Page, name: str) -> Path:
    time.sleep(0.1)  # the semantics tree can be a frame ahead of the pixels
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    try:
        page.screenshot(path=str(path))
    except PlaywrightTimeoutError:
        # On a loaded two-core machine the software renderer can fall behind a heavy
        # redraw (dark theme, very large text); give it one more, longer chance.
        retried(f"screenshot {name!r}: the renderer was late, taken again")
        page.screenshot(path=str(path), timeout=90_000)
    return path
