"""Änderung melden (the form) and Meine Meldungen (the list with each report's state)."""

from collections.abc import Callable
from typing import Any

import flet as ft

from app.i18n import t
from app.services.editing import field_value, form_field, shown_field
from app.services.personal import MyReport, PersonalService
from app.views.conflicts import shown_value
from app.views.fields import field_control
from app.views.style import button, hint, radio_choices
from wegweiser.edits import EditRefused
from wegweiser.kinds import KINDS
from wegweiser.model import ContactPoint, SyncedRecord
from wegweiser.owned import ReportFlag

_LONG_TEXT = frozenset({"body", "description"})


def privacy_hint() -> ft.Control:
    """Shown at every free-text field: the app is about places, never about people."""
    return ft.Row(
        [
            ft.Icon(ft.Icons.PRIVACY_TIP_OUTLINED, color=ft.Colors.ON_SURFACE_VARIANT),
            ft.Container(hint(t("privacy.hint")), expand=True),
        ]
    )


def current_values(record: SyncedRecord) -> dict[str, Any]:
    """The form's starting values: one per reportable field (`wegweiser.kinds`), text -
    or, for opening hours, the week as the office's editor shows it."""
    # The phone list is offered as its first number: what a guide sees on a door sign.
    values: dict[str, Any] = {}
    for name in KINDS[record.entity].reportable:
        if name == "phones":
            phones = getattr(record, "phones", [])
            values[name] = phones[0]["number"] if phones else ""
        elif name == "opening_hours":
            values[name] = shown_field(record.entity, name, getattr(record, name))
        else:
            values[name] = str(getattr(record, name) or "")
    return values


def with_reported(record: SyncedRecord, changes: dict[str, Any]) -> dict[str, Any]:
    """The form's values with a report's changes in them (correcting a refused report)."""
    values = current_values(record)
    for name, value in changes.items():
        if name == "phones" and isinstance(value, list):
            values[name] = value[0].get("number", "") if value else ""
        elif name == "opening_hours":
            values[name] = shown_field(record.entity, name, value)
        elif name in values:
            values[name] = "" if value is None else str(value)
    return values


def changes_of(record: SyncedRecord, values: dict[str, Any]) -> dict[str, Any]:
    """Only the fields that differ from today's entry, as the report sends them. Raises
    `EditRefused` (German) for a value that cannot be read (a day's hours)."""
    current = current_values(record)
    changes: dict[str, Any] = {}
    for name, typed in values.items():
        if name == "opening_hours":
            if typed != current[name]:
                changes[name] = field_value(form_field(record.entity, name), typed)
            continue
        value = typed.strip()
        if value == current[name].strip():
            continue
        if name == "phones" and isinstance(record, ContactPoint):
            phones = record.phones
            label = phones[0].get("label", "Telefon") if phones else "Telefon"
            changes["phones"] = [{"label": label, "number": value}, *phones[1:]]
        else:
            changes[name] = value or None
    return changes


def send_report(
    personal: PersonalService,
    record: SyncedRecord,
    values: dict[str, Any],
    comment: str,
    flag: ReportFlag | None = None,
    replaces: str | None = None,
) -> str | None:
    """Queue the report; the German reason when there is nothing to send or it is refused."""
    try:
        changes = changes_of(record, values)
        personal.report_change(
            record.entity, record.id, changes, comment.strip(), flag, replaces=replaces
        )
    except EditRefused as exc:
        return str(exc)
    return None


def found_on_site(
    flag: ReportFlag | None, on_flag: Callable[[ReportFlag | None], None]
) -> ft.Control:
    """Closed, moved, not reachable, or none of these: one tap, whether or not a field
    changed too. An exclusive choice, so radios, and "Nichts davon" takes a choice back."""
    options = [("", t("report.flag.none"))]
    options += [(choice.value, t(f"report.flag.{choice.value}")) for choice in ReportFlag]
    return ft.Column(
        [
            ft.Text(t("report.found")),
            radio_choices(
                t("report.found"),
                options,
                flag.value if flag else "",
                lambda value: on_flag(ReportFlag(value) if value else None),
            ),
        ],
        spacing=0,
    )


def report_form(
    values: dict[str, Any],
    comment: str,
    error: str,
    on_field: Callable[[str, Any], None],
    on_comment: Callable[[str], None],
    send: Callable[[], None],
    flag: ReportFlag | None = None,
    on_flag: Callable[[ReportFlag | None], None] = lambda _: None,
) -> ft.Control:
    """What was found on site, one field per reportable fact in `values`' order, a
    comment and the send button."""
    fields: list[ft.Control] = [
        # Opening hours as the office edits them: a week, each day checked as typed.
        field_control(form_field("contact_point", name), value, on_field, "", [], [], 1.0)
        if name == "opening_hours"
        else ft.TextField(
            label=t(f"field.{name}"),
            value=value,
            helper=t(f"report.help.{name}") or None,
            multiline=name in _LONG_TEXT,
            min_lines=4 if name in _LONG_TEXT else None,
            max_lines=12 if name in _LONG_TEXT else None,
            on_change=lambda e, name=name: on_field(name, e.control.value or ""),
        )
        for name, value in values.items()
    ]
    return ft.Column(
        [
            ft.Text(t("report.intro")),
            found_on_site(flag, on_flag),
            *fields,
            ft.TextField(
                label=t("report.comment"),
                value=comment,
                multiline=True,
                min_lines=2,
                max_length=2000,
                on_change=lambda e: on_comment(e.control.value or ""),
            ),
            privacy_hint(),
            ft.Text(error, color=ft.Colors.ERROR),
            button(t("report.send"), look="filled", icon=ft.Icons.SEND, on_click=lambda _: send()),
        ],
        spacing=12,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
    )


STATE_ICONS = {
    "waiting": (ft.Icons.CLOUD_OFF, ft.Colors.ON_SURFACE_VARIANT),
    "pending": (ft.Icons.OUTBOX, ft.Colors.PRIMARY),
    "accepted": (ft.Icons.CHECK_CIRCLE, ft.Colors.PRIMARY),
    "rejected": (ft.Icons.CANCEL, ft.Colors.ERROR),
    "refused": (ft.Icons.ERROR, ft.Colors.ERROR),
}


def my_reports_view(
    reports: list[MyReport], correct: Callable[[MyReport], None] = lambda _: None
) -> ft.Control:
    """Each report with its state: wartet auf Sync, eingereicht, übernommen, abgelehnt -
    or not taken by the server (its reason, and "Korrigieren")."""
    if not reports:
        return ft.Text(t("reports.none"))
    tiles: list[ft.Control] = []
    for report in reports:
        icon, color = STATE_ICONS.get(report.state, STATE_ICONS["pending"])
        what = ", ".join(t(f"field.{name}") for name in report.changes)
        corrected = report.state == "accepted" and report.published is not None
        lines = [t("reports.state.corrected" if corrected else f"reports.state.{report.state}")]
        if corrected and report.published is not None:
            lines += [
                t(
                    "reports.corrected_field",
                    field=t(f"field.{name}"),
                    reported=shown_value(report.changes.get(name)),
                    published=shown_value(value),
                )
                for name, value in report.published.items()
            ]
        else:
            lines.append(what)
        if report.flag:
            lines.append(t("reports.flag", flag=t(f"report.flag.{report.flag}")))
        if report.reason:
            lines.append(t("reports.reason", reason=report.reason))
        tiles.append(
            ft.ListTile(
                leading=ft.Icon(icon, color=color),
                title=ft.Text(report.target_title),
                subtitle=ft.Text("\n".join(lines)),
                is_three_line=True,
            )
        )
        if report.state == "refused":
            tiles.append(
                ft.Row(
                    [
                        button(
                            t("reports.correct"),
                            look="filled",
                            icon=ft.Icons.EDIT,
                            on_click=lambda _, r=report: correct(r),
                        )
                    ]
                )
            )
    return ft.Column(tiles, spacing=4, scroll=ft.ScrollMode.AUTO, expand=True)
