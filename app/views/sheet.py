"""A sheet: its Markdown at the person's text size, its other languages, and whether the
visit's language has a version of it."""

from collections.abc import Awaitable, Callable
from datetime import date

import flet as ft

from app.i18n import is_rtl, language, t, translate
from app.views.details import verified_line
from app.views.fonts import FALLBACK
from app.views.style import button, markdown_style
from wegweiser.languages import LANGUAGE_NAMES
from wegweiser.links import phone_numbers, phone_url, tappable_numbers
from wegweiser.markdown_rules import tables_as_lists, without_images
from wegweiser.model import InfoSheet
from wegweiser.translations import is_outdated


def sheet_view(
    sheet: InfoSheet,
    versions: list[InfoSheet],
    show: Callable[[str], None],
    text_scale: float = 1.0,
    open_link: Callable[[str], Awaitable[None]] | None = None,
    untranslated: str | None = None,
    narrow: bool = False,
) -> list[ft.Control]:
    """A sheet rendered from Markdown at `text_scale`, with its other languages. Links go
    to `open_link`: an entry of the Wegweiser ("eintrag:…") opens in the app, offline.
    `untranslated`: the visit's language, which this sheet has no version in (said so
    above it, in that language and in German). `narrow`: a phone, whose table columns
    would break words; its tables are shown as lists."""

    async def tapped(event: ft.Event[ft.Markdown]) -> None:
        if open_link is not None and event.data:
            await open_link(str(event.data))

    original = next((v for v in versions if v.id == sheet.translation_of), None)
    by_id = {v.id: v for v in versions}

    def outdated(version: InfoSheet) -> bool:
        return is_outdated(version, by_id.get(version.translation_of or ""))

    def language_button(version: InfoSheet) -> ft.Control:
        name = LANGUAGE_NAMES.get(version.language, version.language)
        return button(
            ft.Text(name, font_family_fallback=FALLBACK),
            look="filled" if version.id == sheet.id else "outlined",
            icon=ft.Icons.WARNING_AMBER if outdated(version) else None,
            tooltip=t(
                "sheet.outdated_language" if outdated(version) else "sheet.language", language=name
            ),
            on_click=lambda _, i=version.id: show(i),
        )

    # Buttons, the shown language filled: a chip was announced as a checkbox.
    switcher = ft.Row([language_button(v) for v in versions], wrap=True)
    text = without_images(sheet.body)
    body = ft.Markdown(
        tappable_numbers(tables_as_lists(text) if narrow else text),
        selectable=True,
        extension_set=ft.MarkdownExtensionSet.GITHUB_FLAVORED,
        # Followed here, never by the platform itself: "eintrag:" links open inside the
        # app, and only what the rules allow leaves it (`markdown_rules.openable`).
        auto_follow_links=False,
        on_tap_link=tapped if open_link is not None else None,
        md_style_sheet=markdown_style(text_scale),
    )
    parts: list[ft.Control] = []
    if untranslated is not None:
        parts.append(_untranslated(untranslated))
    if len(versions) > 1:
        parts.append(switcher)
    if is_outdated(sheet, original):
        parts.append(
            ft.Container(
                ft.Row(
                    [
                        ft.Icon(ft.Icons.WARNING_AMBER, color=ft.Colors.ON_TERTIARY_CONTAINER),
                        ft.Text(t("sheet.outdated"), expand=True),
                    ]
                ),
                bgcolor=ft.Colors.TERTIARY_CONTAINER,
                padding=12,
                border_radius=8,
            )
        )
    numbers = phone_numbers(text)
    if numbers and open_link is not None:
        parts.append(_call_buttons(numbers, open_link))
    parts.append(ft.Container(body, rtl=is_rtl(sheet.language)))
    if sheet.last_verified:
        parts.append(verified_line(sheet.last_verified, date.today()))
    return parts


def _untranslated(code: str) -> ft.Control:
    """The sheet has no version in the visit's language: said in that language (for the
    newcomer) and in the guide's."""
    name = LANGUAGE_NAMES.get(code, code)
    lines = [translate(code, "sheet.not_translated", language=name)]
    if language() != code:
        lines.append(t("sheet.not_translated", language=name))
    return ft.Container(
        ft.Row(
            [
                ft.Icon(ft.Icons.TRANSLATE, color=ft.Colors.ON_TERTIARY_CONTAINER),
                ft.Text("\n".join(lines), expand=True, font_family_fallback=FALLBACK),
            ]
        ),
        bgcolor=ft.Colors.TERTIARY_CONTAINER,
        padding=12,
        border_radius=8,
    )


def _call_buttons(numbers: list[str], open_link: Callable[[str], Awaitable[None]]) -> ft.Control:
    """The sheet's numbers as buttons of a finger's size, above the text that names them."""

    def call(number: str) -> ft.Control:
        async def dial(_: ft.Event[ft.OutlinedButton]) -> None:
            await open_link(phone_url(number))

        return button(
            ft.Text(number, semantics_label=t("sheet.call", number=number)),
            icon=ft.Icons.CALL,
            on_click=dial,
        )

    return ft.Row([call(number) for number in numbers], wrap=True)
