"""Konflikte: my value and the server's side by side, and the person decides."""

import json
from collections.abc import Callable
from typing import Any

import flet as ft

from app.i18n import t
from app.services.sync import Conflict
from app.views.style import button, heading

Decide = Callable[[str, bool], None]
"""decide(mutation_id, keep_mine)."""


def shown_value(value: Any) -> str:
    """A field value as a person reads it: no JSON brackets for the usual shapes."""
    if value is None or value == "" or value == []:
        return t("conflict.empty")
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if isinstance(value, list):
        return "\n".join(
            ": ".join(str(v) for v in item.values()) if isinstance(item, dict) else str(item)
            for item in value
        )
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def field_name(name: str) -> str:
    """The German label of a field; the technical name only for fields without one."""
    label = t(f"field.{name}")
    return name if label == f"field.{name}" else label


def _side(title: str, value: Any, color: str) -> ft.Control:
    return ft.Container(
        ft.Column(
            [
                ft.Text(title, theme_style=ft.TextThemeStyle.LABEL_LARGE),
                ft.Text(shown_value(value)),
            ],
            spacing=4,
        ),
        bgcolor=color,
        padding=10,
        border_radius=8,
        col={"xs": 12, "sm": 6},
    )


def conflict_card(conflict: Conflict, decide: Decide) -> ft.Control:
    """One conflict or refusal: a row per field, mine left, the server's right."""
    rejected = conflict.kind == "rejected"
    parts: list[ft.Control] = [
        heading(conflict.title),
        ft.Text(t("conflict.rejected") if rejected else t("conflict.explain")),
    ]
    if conflict.reason:
        parts.append(ft.Text(t("reports.reason", reason=conflict.reason), italic=True))
    for row in conflict.rows:
        parts.append(ft.Text(field_name(row.field), weight=ft.FontWeight.W_500))
        parts.append(
            ft.ResponsiveRow(
                [
                    _side(t("conflict.mine"), row.mine, ft.Colors.PRIMARY_CONTAINER),
                    _side(t("conflict.theirs"), row.theirs, ft.Colors.TERTIARY_CONTAINER),
                ],
                spacing=8,
                run_spacing=8,
            )
        )
    if rejected:
        buttons: list[ft.Control] = [
            button(
                t("conflict.understood"),
                look="filled",
                icon=ft.Icons.CHECK,
                on_click=lambda _: decide(conflict.mutation_id, False),
            )
        ]
    else:
        buttons = [
            button(
                t("conflict.keep_mine"),
                look="filled",
                icon=ft.Icons.PERSON,
                on_click=lambda _: decide(conflict.mutation_id, True),
            ),
            button(
                t("conflict.keep_theirs"),
                icon=ft.Icons.CLOUD_DONE,
                on_click=lambda _: decide(conflict.mutation_id, False),
            ),
        ]
    parts.append(ft.Row(buttons, wrap=True, spacing=8, run_spacing=8))
    return ft.Card(ft.Container(ft.Column(parts, spacing=8), padding=12))


def conflicts_view(conflicts: list[Conflict], decide: Decide) -> ft.Control:
    """All open conflicts, oldest first; nothing is decided without the person."""
    if not conflicts:
        return ft.Text(t("conflict.none"))
    return ft.Column(
        [conflict_card(c, decide) for c in conflicts],
        spacing=12,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
    )
