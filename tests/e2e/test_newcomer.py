"""A guide shows a newcomer a contact point; the newcomer's phone scans the QR code from
the screen and gets the contact as a vCard."""

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import open_app, screenshot
from tests.e2e.person import tap, type_into
from tests.support.qr import decode_qr
from wegweiser.vcard import parse

JOBCENTER = "Jobcenter Landkreis Harz – Standort Halberstadt"


@pytest.mark.parametrize("size", ["phone"])
def test_the_newcomer_scans_the_contact_from_the_screen(
    browser: Browser, app_url: str, size: str
) -> None:
    page = open_app(browser, app_url, size)
    type_into(page.get_by_role("textbox", name="Suchen"), "Jobcenter")
    tap(page.get_by_text(JOBCENTER).first)
    tap(page.get_by_role("button", name="Für Neuankommende zeigen"))
    code = page.get_by_role("img", name=f"QR-Code mit dem Kontakt {JOBCENTER}")
    expect(code).to_be_visible()
    expect(page.get_by_text("+49 3941 0000-400", exact=False).first).to_be_visible()
    page.wait_for_timeout(1_000)  # the image is drawn a frame after its semantics
    shot = screenshot(page, f"{size}-newcomer-card")
    card = parse(decode_qr(shot))  # as the newcomer's camera reads it
    assert card["FN"] == [JOBCENTER]
    assert "+49 3941 0000-400" in card["TEL"]
    assert card["ADR"][0].endswith(";Deutschland")
    assert card["NOTE"][0].startswith("Montag")  # the hours as people read them, short
    page.close()


def test_the_card_is_in_the_visits_language(browser: Browser, app_url: str) -> None:
    page = open_app(browser, app_url, "tablet")
    tap(page.get_by_role("button", name="العربية"))  # "Für Besuch anzeigen in:"
    type_into(page.get_by_role("textbox", name="Suchen"), "Jobcenter")
    tap(page.get_by_text(JOBCENTER).first)
    tap(page.get_by_role("button", name="Für Neuankommende zeigen"))
    # Monday in Arabic, its hours kept left to right inside the Arabic line.
    expect(page.get_by_text("الاثنين: \u206608:00–12:00\u2069")).to_be_visible()
    expect(page.get_by_text("امسح الرمز", exact=False)).to_be_visible()
    page.wait_for_timeout(1_000)
    shot = screenshot(page, "tablet-newcomer-card-arabic")
    assert parse(decode_qr(shot))["FN"] == [JOBCENTER]
    page.close()
