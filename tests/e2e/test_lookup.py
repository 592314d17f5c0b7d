"""A guide looks something up offline: search, open, opening hours, a sheet in Arabic."""

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import open_app, screenshot
from tests.e2e.person import FOCUSED_INPUT, navigate, tap, type_into


@pytest.mark.parametrize("size", ["phone", "tablet"])
def test_search_open_contact_and_see_opening_hours(
    browser: Browser, app_url: str, size: str
) -> None:
    page = open_app(browser, app_url, size)
    expect(page.get_by_text("Beispieldaten – nicht für echte Beratung verwenden")).to_be_visible()
    screenshot(page, f"{size}-home")
    type_into(page.get_by_role("textbox", name="Suchen"), "Jobcenter")
    result = page.get_by_text("Jobcenter Landkreis Harz – Standort Halberstadt").first
    expect(result).to_be_visible()
    screenshot(page, f"{size}-search")
    result.click()
    expect(page.get_by_text("Öffnungszeiten", exact=True)).to_be_visible()
    # Exact: on a Friday the status line says "öffnet Montag um 08:00" as well.
    expect(page.get_by_text("Montag", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Servicetelefon: +49 3941 0000-400")).to_be_visible()
    screenshot(page, f"{size}-contact")
    page.get_by_role("button", name="Zurück").click()
    expect(page.get_by_role("textbox").first).to_be_visible()
    page.close()


def test_topic_sheet_and_language_switch(browser: Browser, app_url: str) -> None:
    # Tablet size: all topic tiles are on screen (Flutter only exposes what is visible).
    page = open_app(browser, app_url, "tablet")
    page.get_by_text("Notfall").first.click()
    page.get_by_text("Notrufnummern und was im Notfall zu tun ist").first.click()
    expect(page.get_by_role("table")).to_be_visible()  # Markdown table rendered
    page.get_by_role("button", name="العربية").click()
    expect(page.get_by_text("112").first).to_be_visible()
    expect(page.get_by_text("الشرطة").first).to_be_visible()  # the Arabic body is shown
    screenshot(page, "tablet-sheet-arabic")
    page.close()


def test_a_typo_is_corrected_and_the_correction_offered(browser: Browser, app_url: str) -> None:
    page = open_app(browser, app_url, "phone")
    type_into(page.get_by_role("textbox", name="Suchen"), "Jobcentr")
    offered = page.get_by_role("button", name="Meinten Sie: Jobcenter?")
    expect(offered).to_be_visible()
    # The corrected search has already run: the Jobcenter is listed under the offer.
    expect(
        page.get_by_text("Jobcenter Landkreis Harz – Standort Halberstadt").first
    ).to_be_visible()
    screenshot(page, "phone-search-corrected")
    offered.click()
    expect(offered).to_be_hidden()
    expect(page.get_by_role("textbox", name="Suchen")).to_have_value("Jobcenter")
    page.close()


def test_the_kommune_is_chosen_by_name_and_named_for_screen_readers(
    browser: Browser, app_url: str
) -> None:
    page = open_app(browser, app_url, "phone")
    # The field has its name (the dropdown's button had none), and its menu a button
    # of its own that says what it does.
    expect(page.get_by_role("textbox", name="Kommune")).to_be_visible()
    arrow = page.get_by_role("button", name="Kommunen zeigen")
    box = arrow.bounding_box()
    assert box is not None and box["width"] >= 48 and box["height"] >= 48, box  # was 40
    # Two topic tiles a row on a phone (one beside half the width empty before).
    first = page.get_by_text("Ankommen und Behörden").bounding_box()
    second = page.get_by_text("Aufenthalt und Einbürgerung").bounding_box()
    assert first is not None and second is not None
    assert second["x"] > 180 and abs(second["y"] - first["y"]) < 60, (first, second)
    tap(arrow)
    # Open, the button is named for closing the menu (it had no name before).
    expect(page.get_by_role("button", name="Kommunen schließen")).to_be_visible()
    tap(page.get_by_role("button", name="Thale", exact=True))
    type_into(page.get_by_role("textbox", name="Suchen"), "Bürgerbüro")
    expect(page.get_by_text("Bürgerbüro der Stadt Thale").first).to_be_visible()
    page.close()


def test_sheets_open_in_the_language_chosen_for_the_visit(browser: Browser, app_url: str) -> None:
    page = open_app(browser, app_url, "tablet")
    expect(page.get_by_text("Für Besuch anzeigen in:")).to_be_visible()
    tap(page.get_by_role("button", name="العربية"))
    page.get_by_text("Notfall").first.click()
    page.get_by_text("Notrufnummern und was im Notfall zu tun ist").first.click()
    # Opened straight in Arabic, the German original one tap away.
    expect(page.get_by_text("الشرطة").first).to_be_visible()
    expect(page.get_by_role("button", name="Deutsch")).to_be_visible()
    # Its numbers are buttons a finger hits (the links in the text are a line tall).
    call = page.get_by_role("button", name="112 anrufen")
    box = call.bounding_box()
    assert box is not None and box["width"] >= 48 and box["height"] >= 48, box
    screenshot(page, "tablet-visit-arabic-sheet")
    page.close()


def test_typing_goes_on_after_the_search_was_cleared_with_a_mouse(
    browser: Browser, app_url: str
) -> None:
    """After "Suche leeren" with a mouse, the clear button came back under the pointer
    and the field lost the focus after four or five letters ("Kleiderkammer" → "Kleid")."""
    page = open_app(browser, app_url, "tablet")
    field = page.get_by_role("textbox", name="Suchen")
    type_into(field, "Jobcenter")
    clear = page.get_by_role("button", name="Suche leeren")
    box = clear.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(clear).to_be_hidden()
    tap(field)  # the pointer moves to the field, clicks, and comes back over the button
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.keyboard.type("Kleiderkammer", delay=250)  # slower than the tooltip appears
    expect(field).to_have_value("Kleiderkammer")
    page.close()


def test_the_first_key_after_a_tab_was_tapped_is_kept(browser: Browser, app_url: str) -> None:
    """On a phone the pointer stays on the tab just tapped. Its tooltip went when the
    search field was tapped, Flutter's semantics were hung anew, the field lost the focus
    a tenth of a second later and the first key typed was lost ('obcenter')."""
    page = open_app(browser, app_url, "phone")
    navigate(page, "Einstellungen")
    expect(page.get_by_role("radio", name="Sehr groß")).to_be_visible()
    navigate(page, "Suchen")
    field = page.get_by_role("textbox", name="Suchen")
    tap(field)
    page.wait_for_function(FOCUSED_INPUT)
    page.wait_for_timeout(500)  # a person's glance at the cursor before typing
    assert page.evaluate(FOCUSED_INPUT), "the search field lost the focus it was given"
    page.keyboard.type("Jobcenter", delay=60)
    expect(field).to_have_value("Jobcenter")
    page.close()
