"""The app in Flet's web mode, driven in headless Chromium through its semantics tree."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, sync_playwright

from tests.conftest import ROOT
from tests.support.browser import LAUNCH_ARGS, ensure_chromium
from tests.support.server import free_port

SCREENSHOTS = ROOT / "build" / "screenshots"
SIZES = {"phone": (360, 740), "tablet": (1280, 800)}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    path = ensure_chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, headless=True, args=LAUNCH_ARGS)
        yield launched
        launched.close()


def start_app(data_dir: Path, **env_vars: str) -> tuple[subprocess.Popen[bytes], str]:
    """`python -m app` in web mode on the local store in `data_dir`; waits until it serves."""
    port = free_port()
    env = dict(os.environ, WEGWEISER_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT), **env_vars)
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    return process, url


@pytest.fixture
def app_url(tmp_path: Path) -> Iterator[str]:
    """The app on a fresh local store (it offers the example data without a server)."""
    process, url = start_app(tmp_path / "app")
    yield url
    process.terminate()
    process.wait(timeout=10)


def open_app(browser: Browser, url: str, size: str, example_data: bool = True) -> Page:
    """A page at phone or tablet size, with Flutter's semantics tree switched on.

    On a fresh store the app starts with the first-start screen; `example_data` chooses
    "Beispieldaten ohne Server ansehen" there.
    """
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=60_000)
    time.sleep(1.5)  # the first frame on two cores
    page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
    if example_data:
        page.get_by_role("button", name="Beispieldaten ohne Server ansehen").click()
    page.get_by_role("textbox").first.wait_for(timeout=30_000)
    return page


def type_into(field: Locator, text: str) -> None:
    """Type like a person: focus first, then key by key at a human pace.

    Flutter's web text input attaches its editing element only after the focus; keys sent
    in the same instant can go nowhere, as they would not for a person.
    """
    field.wait_for(timeout=30_000)
    field.click()
    time.sleep(0.8)
    field.press_sequentially(text, delay=60)


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
