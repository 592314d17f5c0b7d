"""Meldungen prüfen: each entry with its reports, every change as old → new (opening hours
as a week), and the decision: accept, correct then accept, or reject with a reason.
Filtered by state, Kommune and topic; a page at a time."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import flet as ft

from app.i18n import t
from app.services import hours as hours_text
from app.services.editing import form_field
from app.services.review import EntryReviews, FieldChange, Review
from app.views.conflicts import field_name, shown_value
from app.views.fields import field_control
from app.views.style import button, choice_row, hint, old_to_new
from wegweiser.model import Kommune, Topic

STATES = ("pending", "accepted", "rejected")
ALL = ""
"""The filter value for "every Kommune" and "every topic"."""


@dataclass(frozen=True)
class QueueView:
    """What the queue screen shows."""

    entries: list[EntryReviews]
    status: str = "pending"
    kommune: str = ALL
    topic: str = ALL
    kommunen: list[Kommune] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    more: bool = False
    """The server has further reports for these filters."""
    reasons: dict[str, str] = field(default_factory=dict)
    """What was typed as each report's rejection reason so far."""
    corrections: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Reports being corrected before acceptance: their fields as the form holds them."""
    error: tuple[str, str] = ("", "")
    """(report id or "", German message)."""


@dataclass(frozen=True)
class QueueActions:
    """What the person can do on the queue screen."""

    accept: Callable[[str], None]
    reject: Callable[[str], None]
    on_reason: Callable[[str, str], None]
    correct: Callable[[str, bool], None]
    """Start (True) or stop correcting a report."""
    on_correction: Callable[[str, str, Any], None]
    """(report id, field, value) while correcting."""
    filter: Callable[[str, str], None]
    """("status" | "kommune" | "topic", value)."""
    load_more: Callable[[], None]
    reload: Callable[[], None]
    open_due: Callable[[], None]
    open_editor: Callable[[], None]
    open_people: Callable[[], None]
    open_tables: Callable[[], None]
    open_entry: Callable[[str, str], None]


def review_view(queue: QueueView, act: QueueActions, text_scale: float = 1.0) -> ft.Control:
    """The queue with its filters and the office's other tools."""
    count = sum(len(entry.reviews) for entry in queue.entries)
    counted = t(f"review.count.{queue.status}", count=count)
    controls: list[ft.Control] = [
        ft.Row(
            [
                _tool(t("review.reload"), ft.Icons.REFRESH, act.reload),
                _tool(t("due.open"), ft.Icons.EVENT_REPEAT, act.open_due),
                _tool(t("editor.open"), ft.Icons.EDIT_DOCUMENT, act.open_editor),
                _tool(t("people.title"), ft.Icons.DEVICES, act.open_people),
                _tool(t("tables.open"), ft.Icons.TABLE_VIEW, act.open_tables),
            ],
            wrap=True,
            spacing=12,
            run_spacing=12,
        ),
        choice_row(
            t("review.state"),
            [(s, t(f"review.state.{s}")) for s in STATES],
            queue.status,
            lambda value: act.filter("status", value),
        ),
        ft.Row(
            [
                _dropdown(
                    t("review.kommune"),
                    queue.kommune,
                    [(k.key, k.name) for k in queue.kommunen],
                    lambda value: act.filter("kommune", value),
                ),
                _dropdown(
                    t("review.topic"),
                    queue.topic,
                    [(s.key, s.title) for s in queue.topics],
                    lambda value: act.filter("topic", value),
                ),
            ],
            wrap=True,
            spacing=12,
            run_spacing=12,
        ),
        # On its own line: squeezed beside the buttons, large text broke inside words.
        ft.Text(counted + (" " + t("review.more_exist") if queue.more else "")),
    ]
    failed_report, message = queue.error
    if message and not failed_report:
        controls.append(ft.Text(message, color=ft.Colors.ERROR))
    if not queue.entries and not message:
        controls.append(ft.Text(t(f"review.empty.{queue.status}")))
    for entry in queue.entries:
        controls.append(
            ft.TextButton(
                entry.title,
                icon=ft.Icons.OPEN_IN_NEW,
                on_click=lambda _, e=entry: act.open_entry(e.entity, e.target_id),
            )
        )
        for review in entry.reviews:
            error = message if failed_report == review.report.id else ""
            controls.append(_report_card(entry, review, queue, act, error, text_scale))
    if queue.more:
        controls.append(ft.Row([_tool(t("review.load_more"), ft.Icons.EXPAND_MORE, act.load_more)]))
    return ft.Column(controls, spacing=12, scroll=ft.ScrollMode.AUTO, expand=True)


def _tool(text: str, icon: ft.IconData, action: Callable[[], None]) -> ft.Control:
    return button(text, icon=icon, on_click=lambda _: action())


def _dropdown(
    label: str, value: str, options: list[tuple[str, str]], choose: Callable[[str], None]
) -> ft.Control:
    return ft.Dropdown(
        label=label,
        value=value,
        options=[
            ft.DropdownOption(key=ALL, text=t("review.all")),
            *(ft.DropdownOption(key=key, text=text) for key, text in options),
        ],
        on_select=lambda e: choose(e.control.value or ALL),
        width=300,
    )


def _report_card(
    entry: EntryReviews,
    review: Review,
    queue: QueueView,
    act: QueueActions,
    error: str,
    text_scale: float,
) -> ft.Control:
    report = review.report
    when = report.created_at.strftime("%d.%m.%Y %H:%M") if report.created_at else ""
    lines: list[ft.Control] = [hint(t("review.by", name=report.reporter_name or "–", when=when))]
    if report.flag:
        lines.append(
            ft.Text(
                t("reports.flag", flag=t(f"report.flag.{report.flag}")),
                weight=ft.FontWeight.BOLD,
                color=ft.Colors.ERROR,
            )
        )
    lines.extend(change_row(change) for change in review.changes)
    if report.comment:
        lines.append(ft.Text(t("review.comment", comment=report.comment), italic=True))
    if report.status != "pending":
        state = "corrected" if report.published is not None else report.status
        lines.append(ft.Text(t(f"review.state.{state}"), weight=ft.FontWeight.W_600))
        if report.reason:
            lines.append(ft.Text(t("review.reason_was", reason=report.reason), italic=True))
    # What was reported reads as one group; the fields keep their own names.
    parts: list[ft.Control] = [ft.Semantics(container=True, content=ft.Column(lines, spacing=8))]
    if report.status == "pending":
        correcting = queue.corrections.get(report.id)
        if correcting is not None:
            parts.extend(_correction(entry, review, correcting, queue, act, text_scale))
        else:
            parts.extend(_decision(report.id, queue, act))
    if error:
        parts.append(ft.Text(error, color=ft.Colors.ERROR))
    return ft.Card(ft.Container(ft.Column(parts, spacing=8), padding=12))


def _decision(report_id: str, queue: QueueView, act: QueueActions) -> list[ft.Control]:
    return [
        ft.TextField(
            label=t("review.reason"),
            helper=t("review.reason_help"),
            value=queue.reasons.get(report_id, ""),
            max_length=2000,
            on_change=lambda e: act.on_reason(report_id, e.control.value or ""),
        ),
        ft.Row(
            [
                button(
                    t("review.accept"),
                    look="filled",
                    icon=ft.Icons.CHECK,
                    on_click=lambda _: act.accept(report_id),
                ),
                button(
                    t("review.correct"),
                    icon=ft.Icons.EDIT,
                    on_click=lambda _: act.correct(report_id, True),
                ),
                button(
                    t("review.reject"),
                    icon=ft.Icons.CLOSE,
                    on_click=lambda _: act.reject(report_id),
                ),
            ],
            wrap=True,
            spacing=12,
            run_spacing=12,
        ),
    ]


def _correction(
    entry: EntryReviews,
    review: Review,
    values: dict[str, Any],
    queue: QueueView,
    act: QueueActions,
    text_scale: float,
) -> list[ft.Control]:
    """The reported fields in the editor's controls, to correct before accepting (a
    registration's Kommune and topics among them)."""
    report_id = review.report.id
    controls: list[ft.Control] = [hint(t("review.correct_help"))]
    for change in review.changes:
        controls.append(
            field_control(
                form_field(entry.entity, change.name),
                values.get(change.name),
                lambda name, value: act.on_correction(report_id, name, value),
                "",
                queue.kommunen,
                queue.topics,
                text_scale,
            )
        )
    controls.append(
        ft.Row(
            [
                button(
                    t("review.accept_corrected"),
                    look="filled",
                    icon=ft.Icons.CHECK,
                    on_click=lambda _: act.accept(report_id),
                ),
                button(
                    t("people.cancel"),
                    look="text",
                    on_click=lambda _: act.correct(report_id, False),
                ),
            ],
            wrap=True,
            spacing=12,
        )
    )
    return controls


def change_row(change: FieldChange) -> ft.Control:
    """One field: its name, then what the entry says now and what was reported."""
    return old_to_new(
        field_name(change.name),
        _value(change.name, change.old, ft.Colors.ON_SURFACE_VARIANT),
        _value(change.name, change.new, ft.Colors.PRIMARY),
    )


def _value(name: str, value: Any, color: str) -> ft.Control:
    if name == "opening_hours" and isinstance(value, str):
        hours = hours_text.safe_parse(value)
        if hours is not None:
            # Read as a week, as the guide sees it, not as its syntax.
            return ft.Column(
                [
                    ft.Text(f"{day}: {spans}", color=color)
                    for day, spans in hours_text.week_rows(hours)
                ],
                spacing=0,
            )
    return ft.Text(shown_value(value), color=color)
