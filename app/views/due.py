"""Aktualität: the entries nobody has checked for too long, oldest first, each with
"Geprüft, unverändert" (changed entries are edited instead)."""

from collections.abc import Awaitable, Callable
from typing import Any

import flet as ft

from app.i18n import t
from app.services.due import CHECKED_KINDS, DueEntry
from app.views.style import button, button_row, choice_row, hint

AGES = (6, 12, 24)
"""The ages in months the office can choose from."""


KINDS = ("", *(cls.entity for cls in CHECKED_KINDS))
"""The kinds to filter by ("" for all)."""


def due_view(
    entries: list[DueEntry],
    months: int,
    on_months: Callable[[int], None],
    mark: Callable[[DueEntry], None],
    open_entry: Callable[[DueEntry], None],
    message: str = "",
    kind: str = "",
    on_kind: Callable[[str], None] = lambda _: None,
    export: Callable[[Any], Awaitable[None]] | None = None,
) -> ft.Control:
    """The due list with the age and kind chosen, and one action per entry."""
    shown = [entry for entry in entries if not kind or entry.kind == kind]
    controls: list[ft.Control] = [
        # Room above for the field's floating label, which the scroll area would clip.
        ft.Container(
            ft.Dropdown(
                label=t("due.age"),
                value=str(months),
                options=[
                    ft.DropdownOption(key=str(m), text=t("due.months", count=m)) for m in AGES
                ],
                on_select=lambda e: on_months(int(e.control.value or months)),
                width=280,
            ),
            padding=ft.Padding.only(top=8),
        ),
        choice_row(
            t("due.kind"),
            [(k, t(f"due.kind.{k}") if k else t("review.all")) for k in KINDS],
            kind,
            on_kind,
        ),
        ft.Text(t("due.count", count=len(shown))),
    ]
    if export is not None:
        controls.append(
            button_row(button(t("due.export"), icon=ft.Icons.DOWNLOAD, on_click=export))
        )
    if message:
        controls.append(ft.Text(message, color=ft.Colors.PRIMARY))
    for entry in shown:
        checked = (
            t("due.checked_on", date=entry.last_verified.strftime("%d.%m.%Y"))
            if entry.last_verified
            else t("due.never")
        )
        controls.append(
            ft.Card(
                ft.Container(
                    ft.Column(
                        [
                            ft.TextButton(
                                entry.title, on_click=lambda _, entry=entry: open_entry(entry)
                            ),
                            hint(f"{t(f'due.kind.{entry.kind}')} · {checked}"),
                            button(
                                t("due.mark"),
                                icon=ft.Icons.TASK_ALT,
                                on_click=lambda _, entry=entry: mark(entry),
                            ),
                        ],
                        spacing=4,
                    ),
                    padding=12,
                )
            )
        )
    return ft.Column(controls, spacing=8, scroll=ft.ScrollMode.AUTO, expand=True)
