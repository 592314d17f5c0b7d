"""The app in Flet's web mode, driven in headless Chromium through its semantics tree."""

import contextlib
import os
import signal
import subprocess
import sys
import time
import warnings
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Literal

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, Playwright, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.conftest import ROOT
from tests.support.browser import LAUNCH_ARGS, Watchdog, ensure_chromium, kill_chromium
from tests.support.devices import enrolment_code
from tests.support.retries import note
from tests.support.server import Server, free_port, serving
from wegweiser.dataset import Dataset
from wegweiser.protocol import Role

SCREENSHOTS = ROOT / "build" / "screenshots"
SIZES = {"phone": (360, 740), "tablet": (1280, 800)}
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


def retried(step: str) -> None:
    """Write down that the running test needed another try at `step`, with what the
    running app processes were doing then (`stacks`)."""
    note(step)
    stacks()


APPS: list[subprocess.Popen[bytes]] = []
"""The app processes this worker started; `stacks` asks the running ones for their
threads' stacks."""


def stacks() -> None:
    """Every running app process writes its threads' stacks to its log (next to its data
    folder): what it was doing when a step needed another try."""
    for process in APPS:
        if process.poll() is None:
            process.send_signal(signal.SIGUSR1)


def start_app(data_dir: Path, **env_vars: str) -> tuple[subprocess.Popen[bytes], str]:
    """`python -m app` in web mode on the local store in `data_dir`; waits until it serves."""
    port = free_port()
    env = dict(
        os.environ,
        WEGWEISER_DATA_DIR=str(data_dir),
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",  # a traceback reaches the log before the process is stopped
        **env_vars,
    )
    # The app's own output stays beside its data: the first place to look when a
    # browser test fails.
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir.parent / f"{data_dir.name}.log", "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    APPS.append(process)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    return process, url


def start_guide_app(server: Server, folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """The app of a new guide ("Lotsin") against `server`: its first start has the
    server's address and a one-time code filled in, "Verbinden" away."""
    code = enrolment_code(server, Role.LOTSE, "Lotsin")
    return start_app(folder / "app", WEGWEISER_DEFAULT_SERVER=server.url, WEGWEISER_DEMO_CODE=code)


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


def connect(page: Page) -> None:
    """Tap "Verbinden" on the first-start screen until something follows: the screen says
    it connects, loads, or offers the Kommunen. A tap that started nothing (CI: the
    button stayed as it was, no message, for a minute) is tapped again, as a person
    would, and recorded; the app ignores a second tap while it connects."""
    button = page.get_by_role("button", name="Verbinden")
    followed = (
        page.get_by_text("Verbinde mit dem Server", exact=False)
        .or_(page.get_by_text("Inhalte werden geladen", exact=False))
        .or_(page.get_by_role("checkbox", name="Halberstadt"))
    )
    for attempt in range(3):
        if attempt:
            retried(f"connect: tap {attempt + 1}, the last one started nothing")
        tap(button)
        try:
            followed.first.wait_for(timeout=15_000)
            return
        except PlaywrightTimeoutError:
            continue
    raise AssertionError('"Verbinden" was tapped three times and nothing followed')


def navigate(page: Page, destination: str) -> None:
    """Bottom bar (phone: tabs) or rail (tablet: buttons)."""
    page.get_by_role("tab", name=destination).or_(
        page.get_by_role("button", name=destination)
    ).first.click()


def open_app(browser: Browser, url: str, size: str, example_data: bool = True) -> Page:
    """A page at phone or tablet size, with Flutter's semantics tree switched on.

    On a fresh store the app starts with the first-start screen; `example_data` chooses
    "Beispieldaten ohne Server ansehen" there.
    """
    page = new_page(browser, size)
    go_to(page, url)
    if example_data:
        page = _choose_example_data(browser, page, url, size)
    page.get_by_role("textbox").first.wait_for()
    return page


def _choose_example_data(browser: Browser, page: Page, url: str, size: str) -> Page:
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
                page = new_page(browser, size)
                go_to(page, url)
    raise AssertionError("the first-start screen never took the tap on the example data")


def new_page(browser: Browser, size: str) -> Page:
    """An empty page at phone or tablet size whose console is kept for a failed test."""
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height})
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


def tap(target: Locator, timeout: float = 20_000) -> None:
    """Tap a control where it stays. Playwright scrolls a control into view and clicks at
    once; Flutter scrolls with an animation, so that click can land on whatever passes
    below (a chip toggled that nobody meant). Wait until the control stands still."""
    # Scrolled and watched in the page by a waited-for function, which keeps its
    # timeout: `scroll_into_view_if_needed` and `bounding_box` did not, and a renderer
    # stalled after a text size change kept them waiting until the watchdog killed
    # Chromium (CI, twice). A timeout here lets the caller tap again or reopen the app.
    target.page.wait_for_function(
        _STANDS_STILL, arg=target.element_handle(timeout=timeout), polling=100, timeout=timeout
    )
    target.click(timeout=timeout)


_STANDS_STILL = """element => {
    element.scrollIntoView({block: "nearest"});
    const box = JSON.stringify(element.getBoundingClientRect());
    const still = box === element.__lastBox;
    element.__lastBox = box;
    return still;
}"""


FOCUSED_INPUT = "() => ['INPUT', 'TEXTAREA'].includes(document.activeElement?.tagName)"
"""True once the browser's focus is in a text input (Flutter's semantics put one there)."""


def type_into(field: Locator, text: str) -> None:
    """Type like a person: tap the field, see the cursor in it, then type key by key.

    The first tap after a screen was redrawn sometimes only reaches Flutter's semantics
    layer and focuses nothing, or - while a long form scrolls - the field beside it; a
    person would see the cursor elsewhere and tap again, and so do we. Keys sent before
    the focus would go nowhere. The field must hold only `text` after.
    """
    field.wait_for(timeout=60_000)
    label = field.get_attribute("aria-label")
    for attempt in range(4):
        if attempt:
            retried(f"type_into {label!r}: tap {attempt + 1}, the last one took no focus")
        tap(field)
        try:
            field.page.wait_for_function(
                # A focused field's name gets its hint appended after a line break.
                "label => ['INPUT', 'TEXTAREA'].includes(document.activeElement?.tagName)"
                " && (label === null || (document.activeElement.getAttribute('aria-label')"
                " || '').split('\\n')[0] === label.split('\\n')[0])",
                arg=label,
                timeout=2_000,
            )
        except PlaywrightTimeoutError:
            continue
        time.sleep(0.5)  # a person's glance at the cursor before typing
        # A focus taken away again at once (Flutter's semantics re-hung while a tooltip
        # went) would eat the first key.
        if field.page.evaluate(FOCUSED_INPUT):
            break
        retried(f"type_into {label!r}: the focus went again after tap {attempt + 1}")
    else:
        raise AssertionError(f"the text field {label!r} never took the focus")
    page = field.page
    held = ""
    for attempt in range(3):
        if attempt:
            retried(
                f"type_into {label!r}: typed {attempt + 1} times, a key was dropped "
                f"(the field held {held!r})"
            )
            time.sleep(0.5)
        page.keyboard.press("Control+A")  # what was there is replaced
        field.press_sequentially(text, delay=60)
        # Like a person glancing at the field: the first key can land before Flutter has
        # connected the input to the field, and is then dropped. Retype over it if so.
        try:
            page.wait_for_function(
                "text => document.activeElement?.value === text", arg=text, timeout=1_000
            )
            return
        except PlaywrightTimeoutError:
            # What was lost says how (a first key before the focus, or a redraw that
            # set the field back while keys came in).
            held = str(page.evaluate("document.activeElement?.value ?? ''"))
            continue
    raise AssertionError(f"could not type {text!r} into the field")


def choose(page: Page, role: Literal["radio", "checkbox"], name: str) -> None:
    """Tap a radio button or checkbox like a person and see it checked.

    While the screen redraws (a new text size re-lays out every text), a tap can fall
    between frames; a person sees nothing change and taps again, and so do we. The
    choice must be checked in the end.
    """
    target = page.get_by_role(role, name=name)
    for attempt in range(3):
        if attempt:
            retried(f"choose {role} {name!r}: tap {attempt + 1}, the last one checked nothing")
        try:
            tap(target)
            expect(target).to_be_checked(timeout=5_000)
            return
        except (PlaywrightTimeoutError, AssertionError):
            continue
    raise AssertionError(f"{name!r} was tapped three times and never became checked")


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
