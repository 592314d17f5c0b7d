"""What the search screen shows before anything is typed: the visit's language, the
handouts, favourites, then the topics as tiles. Functions of data and callbacks."""

from collections.abc import Callable

import flet as ft

from app.i18n import language, t
from app.services.personal import Saved
from app.views.fonts import FALLBACK
from app.views.style import button, choice_row, heading
from wegweiser.languages import LANGUAGE_NAMES
from wegweiser.model import Topic

VISIT_LANGUAGES = ("de", "ar", "uk", "ru", "fa", "en")
"""The newcomers' languages the Wegweiser's sheets are translated into, German first."""

Open = Callable[[str, str], None]
"""open_record(kind, record_id)."""


def start_view(
    topics: list[Topic],
    favourites: list[Saved],
    open_topic: Callable[[str], None],
    open_record: Open,
    text_scale: float = 1.0,
    visit: tuple[str, Callable[[str], None]] | None = None,
    open_handouts: Callable[[], None] | None = None,
) -> list[ft.Control]:
    """What the search screen shows before anything is typed: the visit's language (sheets
    open in it where translated), favourites, then topics.
    The tiles share the row's width, fewer to a row at a larger text."""
    tiles: list[ft.Control] = [
        ft.Container(
            ft.Column(
                [
                    ft.Icon(topic_icon(topic.icon), size=32),
                    ft.Text(
                        topic.title_in(language()),
                        text_align=ft.TextAlign.CENTER,
                        font_family_fallback=FALLBACK,
                    ),
                ],
                horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                alignment=ft.MainAxisAlignment.CENTER,
            ),
            # Shares of the row, not a fixed width: two fixed tiles did not fit a phone,
            # which showed one a row beside half the width empty.
            col=_TILE_COLUMNS if text_scale <= 1.0 else _LARGE_TILE_COLUMNS,
            height=round(112 * text_scale),
            padding=8,
            border_radius=12,
            bgcolor=ft.Colors.SECONDARY_CONTAINER,
            on_click=lambda _, key=topic.key: open_topic(key),
            ink=True,
        )
        for topic in topics
    ]
    saved: list[ft.Control] = []
    if favourites:
        saved.append(heading(t("favourites.title")))
        saved.extend(
            ft.ListTile(
                leading=ft.Icon(ft.Icons.STAR),
                title=ft.Text(s.title, font_family_fallback=FALLBACK),
                min_height=56,
                on_click=lambda _, k=s.kind, i=s.record_id: open_record(k, i),
            )
            for s in favourites
        )
    chosen: list[ft.Control] = []
    if visit is not None:
        visit_language, choose = visit
        chosen.append(
            choice_row(
                t("visit.language"),
                [(code, LANGUAGE_NAMES[code]) for code in VISIT_LANGUAGES],
                visit_language,
                choose,
            )
        )
    if open_handouts is not None:
        chosen.append(
            ft.Row(
                [
                    button(
                        t("handouts.open"),
                        icon=ft.Icons.PICTURE_AS_PDF,
                        on_click=lambda _: open_handouts(),
                    )
                ]
            )
        )
    return [
        ft.Text(t("search.start")),
        *chosen,
        *saved,
        heading(t("topics.title"), large=True),
        ft.ResponsiveRow(tiles, spacing=12, run_spacing=12),
    ]


_TILE_COLUMNS: dict[str | ft.ResponsiveRowBreakpoint, int | float] = {
    "xs": 6,
    "sm": 4,
    "md": 3,
    "xl": 2,
}
"""Two tiles a row on a phone, up to six on a wide tablet."""
_LARGE_TILE_COLUMNS: dict[str | ft.ResponsiveRowBreakpoint, int | float] = {
    "xs": 12,
    "sm": 6,
    "md": 4,
    "xl": 3,
}
"""At a larger text, one a row on a phone, so that no word is broken inside
("Integrationskur-se")."""


def topic_icon(name: str) -> ft.IconData:
    """The Material icon a topic names in the data; a neutral one for unknown names."""
    icon = getattr(ft.Icons, name.upper(), None)
    return icon if isinstance(icon, ft.IconData) else ft.Icons.LABEL_OUTLINE
