"""The open Wegweiser in real Chromium, as a visitor without an account uses it: every
page type reached by clicking from the start page (German on a phone, Arabic on a desktop),
the search with its correction, a contact point's "open now" at a fixed time, its card as
download and as QR code, a PDF; without JavaScript; on paper; and axe-core's WCAG 2.1 AA
rules with no serious or critical violation on any page type."""

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, col, select

from sync_server.public.labels import words
from tests.e2e.conftest import SIZES
from tests.support.axe import serious_violations
from tests.support.qr import decode_qr
from tests.support.server import Server, serving
from wegweiser import open_now
from wegweiser.dataset import Dataset
from wegweiser.languages import LANGUAGE_NAMES
from wegweiser.model import ContactPoint, InfoSheet, Offer, Topic
from wegweiser.opening_hours import parse
from wegweiser.vcard import contact_card

JOBCENTER = "Jobcenter Landkreis Harz – Standort Halberstadt"
EMERGENCY = "Notrufnummern und was im Notfall zu tun ist"
TUESDAY_MORNING = datetime(2026, 12, 8, 9, 15)


@pytest.fixture
def site(tmp_path: Path, demo_dataset: Dataset) -> Iterator[Server]:
    """The server with the example data, its clock at a Tuesday morning in the Harz."""
    with serving(tmp_path, demo_dataset) as server:
        assert server.in_thread is not None
        app: Any = server.in_thread.config.app
        app.state.clock = lambda: TUESDAY_MORNING
        yield server


def _open(browser: Browser, size: str, **options: Any) -> Page:
    width, height = SIZES[size]
    return browser.new_page(viewport={"width": width, "height": height}, **options)


def _contact(site: Server, name: str) -> ContactPoint:
    with Session(site.engine) as session:
        return session.exec(select(ContactPoint).where(ContactPoint.name == name)).one()


@pytest.mark.parametrize(("language", "size"), [("de", "phone"), ("ar", "tablet")])
def test_every_page_type_opens_by_clicking_from_the_start(
    browser: Browser, site: Server, tmp_path: Path, language: str, size: str
) -> None:
    t = words(language)
    page = _open(browser, size)
    page.goto(f"{site.url}/wegweiser/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    page.get_by_role("link", name=LANGUAGE_NAMES[language], exact=True).click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")

    page.get_by_role("link", name="Halberstadt", exact=True).click()
    with Session(site.engine) as session:
        health = session.exec(select(Topic).where(Topic.key == "gesundheit")).one()
    page.get_by_role("link", name=health.title_in(language), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(health.title_in(language))
    page.locator("ul.entries a").first.click()
    expect(page.locator("article .body")).to_be_visible()  # a sheet

    page.get_by_role("link", name=t["home"]).click()
    page.get_by_role("link", name="Halberstadt", exact=True).click()
    page.get_by_role("link", name=JOBCENTER).click()
    jobcenter = _contact(site, JOBCENTER)
    assert jobcenter.opening_hours is not None
    status = open_now.status_line(parse(jobcenter.opening_hours), TUESDAY_MORNING, language)
    expect(page.locator("p.status")).to_have_text(status)  # as the app says it
    with page.expect_download() as downloading:
        page.get_by_role("link", name=t["vcard"]).click()
    card = Path(downloading.value.path()).read_bytes().decode("utf-8")
    assert card == contact_card(jobcenter, language)
    shot = tmp_path / "qr.png"
    page.locator("svg.qr").screenshot(path=str(shot))
    assert decode_qr(shot) == card

    page.get_by_role("link", name=t["home"]).click()
    page.get_by_role("link", name="Halberstadt", exact=True).click()
    with Session(site.engine) as session:
        offer = session.exec(
            select(Offer).where(Offer.kommune_key == "halberstadt").order_by(col(Offer.title))
        ).first()
    assert offer is not None
    page.get_by_role("link", name=offer.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(offer.title)
    page.go_back()
    page.get_by_role("link", name=t["network_all"]).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(t["network"])

    page.get_by_role("link", name=t["search_title"], exact=True).click()
    page.get_by_role("searchbox", name=t["search_label"]).fill("Jobcentr")
    page.get_by_role("combobox", name=t["search_in"]).select_option("halberstadt")
    page.get_by_role("button", name=t["search_label"]).click()
    expect(page.get_by_text(t["search_did_you_mean"].format(word="Jobcenter"))).to_be_visible()
    page.get_by_role("link", name=JOBCENTER).click()
    expect(page.locator("h1")).to_have_text(JOBCENTER)

    page.get_by_role("link", name=t["publications"], exact=True).click()
    with page.expect_download() as downloading:
        page.locator('a[href$="/kommunen/halberstadt.pdf"]').click()
    assert Path(downloading.value.path()).read_bytes().startswith(b"%PDF")


def test_the_pages_work_without_javascript_and_print_without_navigation(
    browser: Browser, site: Server
) -> None:
    page = _open(browser, "phone", java_script_enabled=False)
    page.goto(f"{site.url}/wegweiser/de/suche")
    page.get_by_role("searchbox", name="Suchen").fill("Kleidung")
    page.get_by_role("button", name="Suchen").click()
    expect(page.get_by_role("link", name="Kleiderkammer", exact=False).first).to_be_visible()
    page.get_by_role("link", name="Kleiderkammer", exact=False).first.click()
    expect(page.locator("p.status")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.locator("header.site")).to_be_hidden()
    expect(page.locator("nav.trail")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("table.week")).to_be_visible()


def test_the_keyboard_reaches_the_content_first(browser: Browser, site: Server) -> None:
    page = _open(browser, "tablet")
    page.goto(f"{site.url}/wegweiser/de/kommunen/halberstadt")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()  # shown while it has the focus
    page.keyboard.press("Enter")
    # Waited for: the jump to the anchor may land just after the key press returns.
    expect(page).to_have_url(re.compile(r"#inhalt$"))


def _every_page_type(site: Server, language: str) -> dict[str, str]:
    jobcenter = _contact(site, JOBCENTER)
    with Session(site.engine) as session:
        offer = session.exec(select(Offer)).first()
    assert offer is not None
    root = f"/wegweiser/{language}"
    sheet = "/blaetter/" + _first_sheet(site)
    return {
        "start": f"{root}/",
        "kommune": f"{root}/kommunen/halberstadt",
        "topic": f"{root}/kommunen/halberstadt/themen/gesundheit",
        "network": f"{root}/kommunen/halberstadt/netzwerk",
        "all contact points": f"{root}/kommunen/halberstadt/anlaufstellen",
        "sheet": root + sheet,
        "contact": f"{root}/anlaufstellen/{jobcenter.id}",
        "offer": f"{root}/angebote/{offer.id}",
        "search": f"{root}/suche?q=Jobcentr&kommune=halberstadt",
        "nothing found": f"{root}/suche?q=qqxxzz",
        "publications": f"{root}/publikationen",
        "not found": f"{root}/gibt-es-nicht",
    }


def _first_sheet(site: Server) -> str:
    with Session(site.engine) as session:
        sheet = session.exec(select(InfoSheet).where(InfoSheet.title == EMERGENCY)).one()
    return sheet.id


@pytest.mark.parametrize("language", ["de", "ar"])
def test_axe_finds_nothing_serious_and_nothing_scrolls_sideways_at_320_px(
    browser: Browser, site: Server, language: str
) -> None:
    """WCAG 2.1 AA by axe-core on every page type at 320 px (what 200 % zoom leaves of a
    640 px window: no sideways scrolling, WCAG's reflow) and on a desktop."""
    found: dict[str, list[str]] = {}
    for width in (320, 1280):
        # axe is a script of its own, which the pages' policy (no scripts) would refuse.
        page = browser.new_page(viewport={"width": width, "height": 800}, bypass_csp=True)
        for name, path in _every_page_type(site, language).items():
            page.goto(site.url + path)
            problems = serious_violations(page)
            if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
                problems.append("scrolls sideways")
            if problems:
                found[f"{name} at {width} px"] = problems
        page.close()
    assert found == {}


def test_the_accessibility_check_finds_what_it_should(browser: Browser) -> None:
    """The check above could pass by finding nothing at all: here it must find an image
    without words and a link with none."""
    page = browser.new_page()
    page.set_content('<html lang="de"><body><main><img src="x.png"><a href="/"></a></main>')
    found = " ".join(serious_violations(page))
    assert "image-alt (critical)" in found
    assert "link-name (serious)" in found


def test_german_pages_load_no_font_and_arabic_ones_the_shipped_one(
    browser: Browser, site: Server
) -> None:
    """Everything a page loads besides fonts stays under 60 KB; a German page uses the
    system's fonts, an Arabic one fetches the Arabic font the server ships."""
    for language, font in (("de", False), ("ar", True)):
        loaded = _loaded(browser, f"{site.url}/wegweiser/{language}/kommunen/halberstadt")
        fonts = [url for url in loaded if url.endswith(".ttf")]
        assert bool(fonts) == font, (language, fonts)
        assert all(loaded[url] > 0 for url in fonts)
        assert sum(size for url, size in loaded.items() if url not in fonts) <= 60 * 1024


def _loaded(browser: Browser, url: str) -> dict[str, int]:
    """Every address the page at `url` loaded, with its size in bytes."""
    page = _open(browser, "phone")
    loaded: dict[str, int] = {}
    page.on("response", lambda answer: loaded.__setitem__(answer.url, len(answer.body())))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.close()
    return loaded
