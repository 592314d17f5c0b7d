"""A form's control for each kind of field (`app.services.editing.FormField`): text,
Markdown beside its preview, opening hours as a week of fields checked as typed, Kommunen
and topics as chips. The editor, the report form and the review's corrections use them."""

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import flet as ft

from app.i18n import language, t
from app.services.editing import FormField
from app.views.style import TOUCH, check_row, choice_row, hint, markdown_style
from wegweiser import markdown_rules
from wegweiser.model import Kommune, Publication, Topic
from wegweiser.opening_hours import OpeningHoursError
from wegweiser.week import Week, day_spans
from wegweiser.weekdays import day_names

SetValue = Callable[[str, Any], None]
"""set_value(field name, value)."""


def _text_field(**settings: Any) -> ft.TextField:
    # German messages are long; cut to one line they would hide their point.
    return ft.TextField(error_max_lines=4, helper_max_lines=3, **settings)


def field_label(name: str) -> str:
    return t(f"field.{name}")


def field_control(
    spec: FormField,
    value: Any,
    on_value: SetValue,
    problem: str,
    kommunen: list[Kommune],
    topics: list[Topic],
    text_scale: float,
) -> ft.Control:
    name = spec.name
    label = field_label(name) + (" *" if spec.required else "")

    def changed(e: ft.Event[Any]) -> None:
        on_value(name, e.control.value or "")

    error = problem or None
    match spec.widget:
        case "markdown":
            return _markdown_field(label, str(value or ""), on_value, error, text_scale, name)
        case "week":
            if isinstance(value, Week):
                return _week_field(label, value, on_value, error, name)
            return _text_field(
                label=label, value=str(value or ""), helper=t("editor.hours_as_text"),
                error=error, on_change=changed,
            )  # fmt: skip
        case "switch":
            return ft.Switch(
                label=label,
                value=bool(value),
                on_change=lambda e: on_value(name, bool(e.control.value)),
            )
        case "status":
            states = [(state.value, t(f"editor.state.{state.value}")) for state in Publication]
            return choice_row(label, states, str(value), lambda key: on_value(name, key))
        case "kommune":
            options = [ft.DropdownOption(key="", text=t("editor.district_wide"))]
            options += [ft.DropdownOption(key=k.key, text=k.name) for k in kommunen]
            return ft.Row(
                [
                    ft.Dropdown(
                        label=label,
                        value=str(value or ""),
                        options=options,
                        on_select=changed,
                        width=320,
                        error_text=error,
                    )
                ]
            )
        case "topic":
            options = [ft.DropdownOption(key=topic.key, text=topic.title) for topic in topics]
            return ft.Row(
                [
                    ft.Dropdown(
                        label=label,
                        value=str(value or "") or None,
                        options=options,
                        on_select=changed,
                        width=320,
                        error_text=error,
                    )
                ]
            )
        case "kommunen":
            return _chips(
                label, [(k.key, k.name) for k in kommunen], list(value or []), name, on_value, error
            )
        case "topics":
            return _chips(
                label, [(s.key, s.title) for s in topics], list(value or []), name, on_value, error
            )
        case "multiline" | "phones":
            helper = t("editor.phones_help") if spec.widget == "phones" else None
            return _text_field(
                label=label, value=str(value or ""), multiline=True, min_lines=2, max_lines=8,
                helper=helper, error=error, on_change=changed,
            )  # fmt: skip
        case "list":
            return _text_field(
                label=label,
                value=str(value or ""),
                helper=t("editor.list_help"),
                error=error,
                on_change=changed,
            )
        case "number":
            return _text_field(
                label=label,
                value=str(value or ""),
                keyboard_type=ft.KeyboardType.NUMBER,
                error=error,
                on_change=changed,
                width=260,
            )
    return _text_field(label=label, value=str(value or ""), error=error, on_change=changed)


def _markdown_field(
    label: str, text: str, on_value: SetValue, error: str | None, text_scale: float, name: str
) -> ft.Control:
    """The text and its preview: side by side on a tablet, one under the other on a phone."""
    problem = error or markdown_rules.link_problem(text)
    # The preview never draws what the rules refuse: an image would be fetched as it is typed.
    shown: ft.Control = (
        hint(t("editor.preview_withheld"))
        if problem
        else ft.Markdown(
            text,
            selectable=True,
            extension_set=ft.MarkdownExtensionSet.GITHUB_FLAVORED,
            md_style_sheet=markdown_style(text_scale),
        )
    )
    editor = _text_field(
        label=label,
        value=text,
        multiline=True,
        min_lines=12,
        max_lines=30,
        helper=t("editor.markdown_help"),
        error=problem,
        on_change=lambda e: on_value(name, e.control.value or ""),
    )
    preview = ft.Container(
        ft.Column(
            [
                hint(t("editor.preview")),
                shown,
            ],
            spacing=4,
        ),
        padding=12,
        border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
        border_radius=8,
    )
    return ft.ResponsiveRow(
        [
            ft.Container(editor, col={"xs": 12, "md": 6}),
            ft.Container(preview, col={"xs": 12, "md": 6}),
        ],
        spacing=12,
        run_spacing=12,
    )


def _week_field(
    label: str, week: Week, on_value: SetValue, error: str | None, name: str
) -> ft.Control:
    """One field per weekday, each checked as it is typed; holidays and a remark below."""

    def set_day(weekday: int, typed: str) -> None:
        days = tuple(typed if i == weekday else d for i, d in enumerate(week.days))
        on_value(name, replace(week, days=days))

    rows: list[ft.Control] = [
        ft.Text(label, weight=ft.FontWeight.W_600),
        hint(t("editor.hours_help")),
    ]
    for weekday, typed in enumerate(week.days):
        try:
            day_spans(typed, weekday)
            problem = None
        except OpeningHoursError as exc:
            problem = str(exc)
        rows.append(
            _text_field(
                label=day_names(language())[weekday],
                value=typed,
                hint_text=t("hours.closed_day"),
                error=problem,
                on_change=lambda e, weekday=weekday: set_day(weekday, e.control.value or ""),
                width=420,
            )
        )
    rows.append(
        check_row(
            t("editor.holidays_closed"),
            week.holidays_closed,
            lambda closed: on_value(name, replace(week, holidays_closed=closed)),
        )
    )
    rows.append(
        _text_field(
            label=t("editor.hours_comment"),
            value=week.comment,
            on_change=lambda e: on_value(name, replace(week, comment=e.control.value or "")),
            width=420,
        )
    )
    if error:
        rows.append(ft.Text(error, color=ft.Colors.ERROR))
    return ft.Column(rows, spacing=8)


def _chips(
    label: str,
    choices: list[tuple[str, str]],
    chosen: list[str],
    name: str,
    on_value: SetValue,
    error: str | None,
) -> ft.Control:
    def toggle(key: str, on: bool) -> None:
        on_value(name, [k for k, _ in choices if (k == key and on) or (k != key and k in chosen)])

    chips: list[ft.Control] = [
        ft.Chip(
            label=ft.Text(text),
            selected=key in chosen,
            height=TOUCH,
            on_select=lambda e, key=key: toggle(key, bool(e.control.selected)),
        )
        for key, text in choices
    ]
    parts: list[ft.Control] = [
        ft.Text(label, weight=ft.FontWeight.W_600),
        ft.Row(chips, wrap=True, spacing=8, run_spacing=8),
    ]
    if error:
        parts.append(ft.Text(error, color=ft.Colors.ERROR))
    return ft.Column(parts, spacing=8)
