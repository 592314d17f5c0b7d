"""The app in Flet's web mode, driven in headless Chromium through its semantics tree."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

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


@pytest.fixture
def app_url(tmp_path: Path) -> Iterator[str]:
    """`python -m app` in web mode on a fresh local store."""
    port = free_port()
    env = dict(os.environ, WEGWEISER_DATA_DIR=str(tmp_path / "app"), PYTHONPATH=str(ROOT))
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
    yield url
    process.terminate()
    process.wait(timeout=10)


def open_app(browser: Browser, url: str, size: str) -> Page:
    """A page at phone or tablet size, with Flutter's semantics tree switched on."""
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=60_000)
    time.sleep(1.5)  # the first frame on two cores
    page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
    page.get_by_role("textbox").first.wait_for(timeout=30_000)
    return page


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
