"""The newcomer's card: large enough to read across a kitchen table, and a QR code to
save the contact on their own phone."""

from collections.abc import Awaitable, Callable

import flet as ft

from app.i18n import is_rtl, left_to_right, t
from app.services.newcomer import NewcomerCard
from app.views.fonts import FALLBACK
from app.views.style import awaited, button


def _big(text: str, size: float, bold: bool = False) -> ft.Text:
    return ft.Text(
        text,
        size=size,
        weight=ft.FontWeight.W_700 if bold else None,
        font_family_fallback=FALLBACK,
    )


def newcomer_view(
    card: NewcomerCard,
    text_scale: float,
    wide: bool,
    share: Callable[[], Awaitable[None]] | None = None,
) -> ft.Control:
    """Name, address, hours and numbers at twice the usual size, the QR code beside them
    on a tablet and above them on a phone."""
    base = 24 * text_scale

    def ltr(text: str) -> str:
        return left_to_right(text, card.language)

    facts: list[ft.Control] = [_big(card.name, base * 1.3, bold=True)]
    if card.organisation:
        facts.append(_big(card.organisation, base))
    facts += [_big(ltr(line), base) for line in card.address]
    if card.status:
        facts.append(_big(card.status, base, bold=True))
    facts += [_big(f"{day}: {ltr(spans)}", base * 0.85) for day, spans in card.week]
    # An icon, not "☎": a glyph outside the app's fonts makes the web engine fetch one.
    facts += [
        ft.Row([ft.Icon(ft.Icons.PHONE, size=base), _big(ltr(number), base * 1.1, bold=True)])
        for number in card.phones
    ]
    code = ft.Column(
        [
            ft.Container(
                ft.Image(
                    src=card.qr_png,
                    width=280,
                    height=280,
                    semantics_label=t("newcomer.qr", name=card.name),
                ),
                bgcolor=ft.Colors.WHITE,  # scanners need the light quiet zone, also in dark mode
                padding=8,
            ),
            ft.Text(card.scan_hint, width=300, text_align=ft.TextAlign.CENTER),
            *(
                [button(t("newcomer.share"), icon=ft.Icons.SHARE, on_click=awaited(share))]
                if share is not None
                else []
            ),
        ],
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
    )
    # In the newcomer's language, and so in its direction.
    details = ft.Column(facts, spacing=8, rtl=is_rtl(card.language))
    if wide:
        content: ft.Control = ft.Row(
            [ft.Container(details, expand=True), code],
            vertical_alignment=ft.CrossAxisAlignment.START,
            spacing=24,
        )
    else:  # on a phone the code first: it is what the newcomer holds their phone to
        content = ft.Column(
            [code, details], spacing=24, horizontal_alignment=ft.CrossAxisAlignment.STRETCH
        )
    return ft.Column([content], scroll=ft.ScrollMode.AUTO, expand=True)
