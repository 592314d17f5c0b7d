"""The guide's own things on a record: the favourite star and a private note.

Functions of data and callbacks; the record screen holds the state."""

from collections.abc import Callable

import flet as ft

from app.i18n import t
from app.views.reports import privacy_hint
from app.views.style import button, heading, hint


def favourite_button(on: bool, toggle: Callable[[], None]) -> ft.Control:
    """A toggle that says what it will do."""
    return button(
        t("favourite.remove") if on else t("favourite.add"),
        icon=ft.Icons.STAR if on else ft.Icons.STAR_BORDER,
        on_click=lambda _: toggle(),
    )


def note_box(
    text: str,
    feedback: str,
    failed: bool,
    on_text: Callable[[str], None],
    save: Callable[[], None],
) -> ft.Control:
    """The private note, saved on demand, with the privacy hint right at the field;
    `feedback` is the answer to the last save (an error when `failed`)."""
    return ft.Column(
        [
            heading(t("note.title")),
            hint(t("note.only_you")),
            ft.TextField(
                label=t("note.label"),
                value=text,
                multiline=True,
                min_lines=2,
                max_lines=8,
                max_length=5000,
                on_change=lambda e: on_text(e.control.value or ""),
            ),
            privacy_hint(),
            ft.Row(
                [
                    button(t("note.save"), icon=ft.Icons.SAVE, on_click=lambda _: save()),
                    ft.Text(feedback, color=ft.Colors.ERROR if failed else ft.Colors.PRIMARY),
                ],
                wrap=True,
            ),
        ],
        spacing=8,
    )
