"""Meldungen prüfen: each entry with its pending reports, every change as old → new
(opening hours as a week), and the decision: accept, or reject with a reason."""

from collections.abc import Callable
from typing import Any

import flet as ft

from app.i18n import t
from app.services import hours as hours_text
from app.services.review import EntryReviews, FieldChange, Review
from app.views.conflicts import field_name, shown_value
from app.views.style import heading, hint

Decide = Callable[[str], None]
"""accept(report_id) or reject(report_id)."""


def review_view(
    entries: list[EntryReviews],
    reasons: dict[str, str],
    on_reason: Callable[[str, str], None],
    accept: Decide,
    reject: Decide,
    reload: Callable[[], None],
    open_due: Callable[[], None],
    open_editor: Callable[[], None],
    open_people: Callable[[], None],
    error: str = "",
) -> ft.Control:
    """The queue; `reasons` holds what was typed as each report's reason so far."""
    count = sum(len(entry.reviews) for entry in entries)
    controls: list[ft.Control] = [
        # On its own line: squeezed beside the buttons, large text broke inside words.
        ft.Text(t("review.count_one") if count == 1 else t("review.count", count=count)),
        ft.Row(
            [
                ft.OutlinedButton(
                    t("review.reload"),
                    icon=ft.Icons.REFRESH,
                    height=48,
                    on_click=lambda _: reload(),
                ),
                ft.OutlinedButton(
                    t("due.open"),
                    icon=ft.Icons.EVENT_REPEAT,
                    height=48,
                    on_click=lambda _: open_due(),
                ),
                ft.OutlinedButton(
                    t("editor.open"),
                    icon=ft.Icons.EDIT_DOCUMENT,
                    height=48,
                    on_click=lambda _: open_editor(),
                ),
                ft.OutlinedButton(
                    t("people.title"),
                    icon=ft.Icons.DEVICES,
                    height=48,
                    on_click=lambda _: open_people(),
                ),
            ],
            wrap=True,
            spacing=12,
        ),
    ]
    if error:
        controls.append(ft.Text(error, color=ft.Colors.ERROR))
    if not entries and not error:
        controls.append(ft.Text(t("review.empty")))
    for entry in entries:
        controls.append(heading(entry.title))
        for review in entry.reviews:
            controls.append(_report_card(review, reasons, on_reason, accept, reject))
    return ft.Column(controls, spacing=12, scroll=ft.ScrollMode.AUTO, expand=True)


def _report_card(
    review: Review,
    reasons: dict[str, str],
    on_reason: Callable[[str, str], None],
    accept: Decide,
    reject: Decide,
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
    # What was reported reads as one group; the reason field keeps its own name.
    parts: list[ft.Control] = [ft.Semantics(container=True, content=ft.Column(lines, spacing=8))]
    parts.append(
        ft.TextField(
            label=t("review.reason"),
            helper=t("review.reason_help"),
            value=reasons.get(report.id, ""),
            max_length=2000,
            on_change=lambda e: on_reason(report.id, e.control.value or ""),
        )
    )
    parts.append(
        ft.Row(
            [
                ft.FilledButton(
                    t("review.accept"),
                    icon=ft.Icons.CHECK,
                    height=48,
                    on_click=lambda _: accept(report.id),
                ),
                ft.OutlinedButton(
                    t("review.reject"),
                    icon=ft.Icons.CLOSE,
                    height=48,
                    on_click=lambda _: reject(report.id),
                ),
            ],
            wrap=True,
            spacing=12,
        )
    )
    return ft.Card(ft.Container(ft.Column(parts, spacing=8), padding=12))


def change_row(change: FieldChange) -> ft.Control:
    """One field: its name, then what the entry says now and what was reported."""
    return ft.Column(
        [
            ft.Text(field_name(change.name), weight=ft.FontWeight.W_600),
            ft.Row(
                [
                    _value(change.name, change.old, ft.Colors.ON_SURFACE_VARIANT),
                    ft.Icon(ft.Icons.ARROW_FORWARD, semantics_label=t("review.becomes")),
                    _value(change.name, change.new, ft.Colors.PRIMARY),
                ],
                wrap=True,
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
        ],
        spacing=2,
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
