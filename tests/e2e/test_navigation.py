"""Routes in the real app: every screen has an address, back is the platform's (here
the browser's), a link opens the screen it names, and two sessions of the web app keep
their own language."""

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import FULL_MOTION, go_to, open_app, screenshot
from tests.e2e.person import choose, navigate, tap, type_into

JOBCENTER = "Jobcenter Landkreis Harz – Standort Halberstadt"


def test_back_is_the_browsers_and_a_link_opens_its_screen(browser: Browser, app_url: str) -> None:
    page = open_app(browser, app_url, "tablet", motion=FULL_MOTION)
    type_into(page.get_by_role("textbox", name="Suchen"), "Jobcenter")
    page.get_by_text(JOBCENTER).first.click()
    expect(page.get_by_text("Öffnungszeiten", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/record/contact_point/[^/]+$"))
    record_url = page.url

    page.go_back()  # the browser's back, as Android's back gesture on a tablet
    expect(page).to_have_url(app_url)
    # The search screen was below, not rebuilt: the query and its hits are still there.
    expect(page.get_by_text(JOBCENTER).first).to_be_visible()

    page.go_forward()
    expect(page.get_by_text("Öffnungszeiten", exact=True)).to_be_visible()

    # A topic, a sheet in it, and back up the stack with the app's own back button.
    navigate(page, "Suchen")
    page.get_by_role("button", name="Suche leeren").click()
    page.get_by_text("Notfall").first.click()
    page.get_by_text("Notrufnummern und was im Notfall zu tun ist").first.click()
    expect(page).to_have_url(re.compile(r"/topic/[^/]+/record/info_sheet/[^/]+$"))
    back = page.get_by_role("button", name="Zurück")
    expect(back).to_be_visible()
    page.wait_for_timeout(1_000)  # the screen slides in after its semantics are there
    box = back.bounding_box()
    assert box is not None and box["width"] >= 48 and box["height"] >= 48  # touch target
    back.click()
    expect(page).to_have_url(re.compile(r"/topic/[^/]+$"))
    expect(page.get_by_text("Notrufnummern und was im Notfall zu tun ist").first).to_be_visible()

    # The address of a record, opened afresh (a bookmark, a link from another app).
    go_to(page, record_url)
    expect(page.get_by_text("Öffnungszeiten", exact=True)).to_be_visible()
    # The app changes the address itself; once, Playwright waited a minute for that to
    # "finish" as a navigation. What counts is checked right after.
    page.get_by_role("button", name="Zurück").click(no_wait_after=True)
    expect(page.get_by_role("textbox", name="Suchen")).to_be_visible()

    go_to(page, app_url + "record/contact_point/gibt-es-nicht")
    expect(page.get_by_text("nicht mehr", exact=False)).to_be_visible()
    page.close()


def test_two_sessions_keep_their_own_language(browser: Browser, app_url: str) -> None:
    first = open_app(browser, app_url, "tablet", motion=FULL_MOTION)
    second = open_app(browser, app_url, "tablet", example_data=False, motion=FULL_MOTION)

    navigate(first, "Einstellungen")
    choose(first, "radio", "English")
    expect(first.get_by_text("Text size")).to_be_visible()

    # The other tab is drawn again after the switch and still speaks German.
    type_into(second.get_by_role("textbox", name="Suchen"), "Jobcenter")
    expect(second.get_by_text(re.compile(r"^\d+ Treffer$"))).to_be_visible()
    expect(
        second.get_by_role("tab", name="Einstellungen")
        .or_(second.get_by_role("button", name="Einstellungen"))
        .first
    ).to_be_visible()
    first.close()
    second.close()


def test_settings_show_what_was_chosen_after_returning_and_reloading(
    browser: Browser, app_url: str
) -> None:
    """The radios once showed stale values after coming back to the settings. ("Hell"
    changes nothing on screen here: a new text size or dark theme makes the software
    renderer lay out every text again, which stalls it on two cores.)"""
    page = open_app(browser, app_url, "tablet", motion=FULL_MOTION)
    navigate(page, "Einstellungen")
    # Each group is named for its question, so a screen reader says "Darstellung, Hell".
    light = page.get_by_role("group", name="Darstellung").get_by_role("radio", name="Hell")
    expect(page.get_by_role("group", name="Textgröße").get_by_role("radio")).to_have_count(3)
    tap(light)
    expect(light).to_be_checked()
    navigate(page, "Suchen")
    # The next tap waits for what a person sees: the settings gone, the search there.
    # The address changes before the screens swap, and Flutter's navigator cancels a
    # tap that is down while it swaps them: a tap sent on seeing "/" was lost so twice
    # on CI, and "Hell" was then read from the settings screen on its way out.
    expect(page.get_by_role("radio", name="Hell")).to_have_count(0)
    expect(page.get_by_role("textbox", name="Suchen")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/$"))
    navigate(page, "Einstellungen")
    expect(page.get_by_role("radio", name="Hell")).to_be_checked()
    expect(page.get_by_role("radio", name="Wie das Gerät")).not_to_be_checked()
    # The address follows a screen a moment after it is drawn (a fresh CI run read it
    # before, and the reload opened the start screen).
    expect(page).to_have_url(re.compile(r"/settings$"))
    go_to(page, page.url)  # the app opened afresh at the same address
    expect(page.get_by_role("radio", name="Hell")).to_be_checked()
    page.close()


@pytest.mark.parametrize("size", ["tablet", "phone"])
def test_the_app_in_arabic_reads_right_to_left(browser: Browser, app_url: str, size: str) -> None:
    page = open_app(browser, app_url, size, motion=FULL_MOTION)
    navigate(page, "Einstellungen")
    choose(page, "radio", "العربية")
    expect(page.get_by_text("لغة التطبيق")).to_be_visible()  # "Sprache der App"
    screenshot(page, f"{size}-arabic-settings")
    navigate(page, "بحث")
    search = page.get_by_role("textbox", name="بحث")
    expect(search).to_be_visible()
    type_into(search, "Jobcenter")
    expect(page.get_by_text(re.compile(r"^\d+ نتيجة$|^\d+ نتائج$"))).to_be_visible()
    # Right to left: the first destination ("Suchen") stands at the right edge, in the
    # rail of a tablet as in the bar of a phone.
    width = page.viewport_size["width"] if page.viewport_size else 0
    named = re.compile(r"^بحث")  # not "مسح البحث", the clear button
    first_tab = page.get_by_role("tab", name=named).or_(page.get_by_role("button", name=named))
    box = first_tab.first.bounding_box()
    assert box is not None and box["x"] > width / 2, box
    screenshot(page, f"{size}-arabic-search")
    page.close()
