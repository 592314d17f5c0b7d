"""Screens built from records, checked in-process: the controls a guide relies on."""

import asyncio
import itertools
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

import flet as ft

from app.views.details import contact_view, partner_view, verified_line
from app.views.fonts import FALLBACK
from app.views.sheet import sheet_view
from app.views.style import TOUCH_PADDING, theme
from tests.support.controls import texts, walk
from wegweiser.model import ContactPoint, InfoSheet, NetworkPartner

CONTACT = ContactPoint(
    name="Tafel Thale",
    organisation="Beispiel-Tafel",
    kommune_keys=["thale"],
    street="Gartenstraße 12",
    postal_code="06502",
    city="Thale",
    latitude=51.75,
    longitude=11.04,
    phones=[{"label": "Ausgabe", "number": "+49 3947 0000-120"}],
    email="tafel@thale.example",
    opening_hours='Tu,Fr 10:00-13:00 "Tasche mitbringen"',
    languages=["de", "ar"],
    appointment_required=False,
    costs="2 Euro",
    last_verified=date(2024, 1, 5),
)


def test_contact_view_has_call_map_hours_and_warning() -> None:
    view = contact_view(
        CONTACT,
        [],
        datetime(2026, 11, 24, 11, 0),
        maps="geo",
        open_record=lambda kind, record_id: None,
    )
    controls = walk(view)
    urls = {getattr(c, "url", None) for c in controls} - {None}
    assert "tel:+4939470000120" in urls
    assert "mailto:tafel@thale.example" in urls
    assert any(str(u).startswith("geo:51.750000,11.040000") for u in urls)
    shown = texts(view)
    assert "Jetzt geöffnet bis 13:00" in shown
    assert ("Dienstag", "10:00–13:00") in itertools.pairwise(shown)
    assert "Tasche mitbringen" in shown
    assert "Deutsch, العربية" in shown
    assert any("älter als 12 Monate" in s for s in shown)
    buttons = [c for c in controls if isinstance(c, ft.FilledButton)]
    # Touch targets of 48 px at least, no fixed height that would cut a wrapped label.
    assert buttons and all(b.height is None and b.style.padding == TOUCH_PADDING for b in buttons)


def test_sheet_view_is_right_to_left_for_arabic() -> None:
    original = InfoSheet(topic_key="notfall", title="Notfall", body="# Notfall")
    arabic = InfoSheet(
        topic_key="notfall",
        title="الطوارئ",
        body="# الطوارئ",
        language="ar",
        translation_of=original.id,
    )
    view = sheet_view(arabic, [original, arabic], show=lambda _: None)
    containers = [c for c in walk(view) if isinstance(c, ft.Container)]
    assert any(c.rtl for c in containers)
    # The languages are buttons (a chip was announced as a checkbox), the shown one filled.
    languages = [
        c
        for c in walk(view)
        if isinstance(c, ft.FilledButton | ft.OutlinedButton) and isinstance(c.content, ft.Text)
    ]
    assert [type(c) for c in languages] == [ft.OutlinedButton, ft.FilledButton]
    assert [c.content.value for c in languages] == ["Deutsch", "العربية"]
    german = sheet_view(original, [original, arabic], show=lambda _: None)
    assert not any(c.rtl for c in walk(german) if isinstance(c, ft.Container))


def test_partner_contact_only_with_consent() -> None:
    hidden = NetworkPartner(
        name="Garten",
        description="x",
        contact_name="B. Beispiel",
        contact_phone="+49 3941 0000-1",
        contact_consent=False,
    )
    assert "B. Beispiel" not in texts(partner_view(hidden))
    shown = NetworkPartner(
        name="Garten",
        description="x",
        contact_name="B. Beispiel",
        contact_phone="+49 3941 0000-1",
        contact_consent=True,
    )
    assert "B. Beispiel" in texts(partner_view(shown))


def test_recent_verification_has_no_warning() -> None:
    line = verified_line(date(2026, 10, 1), date(2026, 11, 24))
    assert isinstance(line, ft.Text) and line.value == "Zuletzt geprüft am 01.10.2026"


def test_every_text_style_falls_back_to_the_arabic_font_and_grows() -> None:
    """The "Sprachen" row showed العربية as boxes: plain texts had no fallback font."""
    normal, large = theme(1.0).text_theme, theme(1.6).text_theme
    assert normal is not None and large is not None
    for name in ("body_medium", "body_large", "body_small", "label_large", "label_medium"):
        style, bigger = getattr(normal, name), getattr(large, name)
        assert style.font_family_fallback == FALLBACK, name
        assert bigger.size > style.size, name  # navigation labels grow with the setting


def test_with_large_text_the_times_go_under_the_day() -> None:
    """At "Sehr groß" on a phone the times were cut ("13:00–17:") or broken inside a
    word ("geschlosse-n") beside a fixed-width day: now they stand under it."""

    def day_rows(scale: float) -> list[ft.Row]:
        view = contact_view(CONTACT, [], datetime(2026, 11, 24, 11, 0), "geo", print, scale)
        return [
            c
            for c in walk(view)
            if isinstance(c, ft.Row)
            and c.controls
            and isinstance(c.controls[0], ft.Text)
            and c.controls[0].value == "Dienstag"
        ]

    assert len(day_rows(1.0)) == 1
    assert day_rows(1.6) == []
    large = texts(contact_view(CONTACT, [], datetime(2026, 11, 24, 11, 0), "geo", print, 1.6))
    assert ("Dienstag", "10:00–13:00") in itertools.pairwise(large)


def test_a_sheet_links_to_the_contact_points_it_names() -> None:
    """An "eintrag:" link opens the entry in the app; any other link goes outside."""
    sheet = InfoSheet(
        topic_key="arbeit",
        title="Arbeit",
        body="Zum [Jobcenter](eintrag:contact_point/6f1f0d5e-4a8b-4c59-9a53-2b7c3f0e9d41).",
    )
    followed: list[str] = []

    async def open_link(url: str) -> None:
        followed.append(url)

    view = sheet_view(sheet, [sheet], show=print, open_link=open_link)
    [markdown] = [c for c in walk(view) if isinstance(c, ft.Markdown)]
    assert markdown.auto_follow_links is False  # the browser would not know "eintrag:"
    tapped: Any = markdown.on_tap_link
    asyncio.run(
        tapped(SimpleNamespace(data="eintrag:contact_point/6f1f0d5e-4a8b-4c59-9a53-2b7c3f0e9d41"))
    )
    assert followed == ["eintrag:contact_point/6f1f0d5e-4a8b-4c59-9a53-2b7c3f0e9d41"]
    emergency = InfoSheet(topic_key="notfall", title="Notfall", body="Notruf 112")
    [shown] = [c for c in walk(sheet_view(emergency, [], print)) if isinstance(c, ft.Markdown)]
    assert shown.value == "Notruf [112](tel:112)"  # one tap calls


def test_a_sheet_that_holds_an_image_is_drawn_without_it() -> None:
    """Older data or another server's could hold one; the tablet fetches nothing."""
    sheet = InfoSheet(
        topic_key="notfall",
        title="Notfall",
        body="Text ![Stadtplan](https://tracker.example/x.png)",
    )
    [markdown] = [
        c
        for c in walk(sheet_view(sheet, [sheet], show=lambda _: None))
        if isinstance(c, ft.Markdown)
    ]
    assert "tracker" not in markdown.value and "Stadtplan" in markdown.value


def test_an_outdated_translation_says_so_and_its_language_button_warns() -> None:
    original = InfoSheet(topic_key="notfall", title="Notfall", body="# Notfall", version=2)
    arabic = InfoSheet(
        topic_key="notfall",
        title="الطوارئ",
        body="# الطوارئ",
        language="ar",
        translation_of=original.id,
        source_version=1,
    )
    shown = sheet_view(arabic, [original, arabic], show=lambda _: None)
    assert any("älter als der deutsche Text" in (text or "") for text in texts(shown))
    [german_button, arabic_button] = [
        c for c in walk(shown) if isinstance(c, ft.FilledButton | ft.OutlinedButton)
    ]
    assert arabic_button.icon == ft.Icons.WARNING_AMBER and german_button.icon is None
    arabic.source_version = 2
    current = sheet_view(arabic, [original, arabic], show=lambda _: None)
    assert not any("älter als" in (text or "") for text in texts(current))


def test_the_offices_four_tabs_keep_their_labels_whole_at_any_text_size() -> None:
    """With four tabs on a 360 px phone at "Sehr groß", "Einstellungen" broke into
    "Einstellung" and "en": a quarter of the bar holds it only unscaled."""
    guide, office = theme(1.6, tabs=3).text_theme, theme(1.6, tabs=4).text_theme
    normal = theme(1.0, tabs=4).text_theme
    assert guide is not None and office is not None and normal is not None
    sizes = [theme.label_medium.size or 0 for theme in (guide, office, normal)]
    assert sizes[0] > sizes[1] == sizes[2] > 0
    assert office.body_medium.size == guide.body_medium.size  # the rest grows alike
