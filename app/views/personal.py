"""The guide's own things on a record: the favourite star and a private note."""

from typing import Any

import flet as ft

from app.i18n import t
from app.services.guide import GuideService
from app.views.redraw import redraw
from app.views.reports import privacy_hint
from app.views.style import heading, hint
from wegweiser.edits import EditRefused


def favourite_button(guide: GuideService, entity: str, record_id: str) -> ft.Control:
    """A toggle that says what it will do; the state is read from the store each time."""

    def label(on: bool) -> str:
        return t("favourite.remove") if on else t("favourite.add")

    def icon(on: bool) -> ft.IconData:
        return ft.Icons.STAR if on else ft.Icons.STAR_BORDER

    on = guide.is_favourite(entity, record_id)
    button = ft.OutlinedButton(label(on), icon=icon(on), height=48)

    def toggle(_: Any) -> None:
        now = not guide.is_favourite(entity, record_id)
        guide.set_favourite(entity, record_id, now)
        button.content = label(now)
        button.icon = icon(now)
        redraw(button)

    button.on_click = toggle
    return button


def note_box(guide: GuideService, entity: str, record_id: str) -> ft.Control:
    """The private note, saved on demand, with the privacy hint right at the field."""
    field = ft.TextField(
        label=t("note.label"),
        value=guide.note(entity, record_id),
        multiline=True,
        min_lines=2,
        max_lines=8,
        max_length=5000,
    )
    feedback = ft.Text("")

    def save(_: Any) -> None:
        try:
            guide.save_note(entity, record_id, field.value or "")
        except EditRefused as exc:
            feedback.value = str(exc)
            feedback.color = ft.Colors.ERROR
        else:
            feedback.value = t("note.saved")
            feedback.color = ft.Colors.PRIMARY
        redraw(feedback)

    return ft.Column(
        [
            heading(t("note.title")),
            hint(t("note.only_you")),
            field,
            privacy_hint(),
            ft.Row(
                [
                    ft.OutlinedButton(t("note.save"), icon=ft.Icons.SAVE, height=48, on_click=save),
                    feedback,
                ],
                wrap=True,
            ),
        ],
        spacing=8,
    )
