"""Aktualität: the entries nobody has checked for too long, oldest first, each with
"Geprüft, unverändert" (changed entries are edited instead)."""

from collections.abc import Callable

import flet as ft

from app.i18n import t
from app.services.due import DueEntry
from app.views.style import hint

AGES = (6, 12, 24)
"""The ages in months the office can choose from."""


def due_view(
    entries: list[DueEntry],
    months: int,
    on_months: Callable[[int], None],
    mark: Callable[[DueEntry], None],
    open_entry: Callable[[DueEntry], None],
    message: str = "",
) -> ft.Control:
    """The due list with the age chosen, and one action per entry."""
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
        ft.Text(t("due.count", count=len(entries))),
    ]
    if message:
        controls.append(ft.Text(message, color=ft.Colors.PRIMARY))
    for entry in entries:
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
                            ft.OutlinedButton(
                                t("due.mark"),
                                icon=ft.Icons.TASK_ALT,
                                height=48,
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
