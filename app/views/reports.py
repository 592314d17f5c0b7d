"""Änderung melden (the form) and Meine Meldungen (the list with each report's state)."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import flet as ft

from app.i18n import t
from app.services.guide import GuideService, MyReport
from app.views.redraw import redraw
from app.views.style import hint
from wegweiser.edits import EditRefused
from wegweiser.kinds import KINDS
from wegweiser.model import ContactPoint, SyncedRecord

_LONG_TEXT = frozenset({"body", "description"})


def privacy_hint() -> ft.Control:
    """Shown at every free-text field: the app is about places, never about people."""
    return ft.Row(
        [
            ft.Icon(ft.Icons.PRIVACY_TIP_OUTLINED, color=ft.Colors.ON_SURFACE_VARIANT),
            ft.Container(hint(t("privacy.hint")), expand=True),
        ]
    )


def _current_values(record: SyncedRecord) -> dict[str, str]:
    # The phone list is offered as its first number: what a guide sees on a door sign.
    values = {}
    for name in KINDS[record.entity].reportable:
        if name == "phones":
            phones = getattr(record, "phones", [])
            values[name] = phones[0]["number"] if phones else ""
        else:
            values[name] = str(getattr(record, name) or "")
    return values


def report_form(
    record: SyncedRecord,
    guide: GuideService,
    finished: Callable[[str], None],
) -> ft.Control:
    """One field per reportable fact (`wegweiser.kinds`); only the fields that differ
    from today's entry are reported."""
    current = _current_values(record)
    fields = {
        name: ft.TextField(
            label=t(f"field.{name}"),
            value=current[name],
            helper=t(f"report.help.{name}") or None,
            multiline=name in _LONG_TEXT,
            min_lines=4 if name in _LONG_TEXT else None,
            max_lines=12 if name in _LONG_TEXT else None,
        )
        for name in current
    }
    comment = ft.TextField(label=t("report.comment"), multiline=True, min_lines=2, max_length=2000)
    error = ft.Text("", color=ft.Colors.ERROR)

    def send(_: Any) -> None:
        changes: dict[str, Any] = {}
        for name, box in fields.items():
            value = (box.value or "").strip()
            if value == current[name].strip():
                continue
            if name == "phones" and isinstance(record, ContactPoint):
                phones = record.phones
                label = phones[0].get("label", "Telefon") if phones else "Telefon"
                changes["phones"] = [{"label": label, "number": value}, *phones[1:]]
            else:
                changes[name] = value or None
        if not changes:
            error.value = t("report.nothing_changed")
            redraw(error)
            return
        try:
            guide.report_change(
                record.entity,
                record.id,
                changes,
                (comment.value or "").strip(),
                lambda: datetime.now(UTC),
            )
        except EditRefused as exc:
            error.value = str(exc)
            redraw(error)
            return
        finished(t("report.saved"))

    return ft.Column(
        [
            ft.Text(t("report.intro")),
            *fields.values(),
            comment,
            privacy_hint(),
            error,
            ft.FilledButton(t("report.send"), icon=ft.Icons.SEND, height=48, on_click=send),
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
}


def my_reports_view(reports: list[MyReport]) -> ft.Control:
    """Each report with its state: wartet auf Sync, eingereicht, übernommen, abgelehnt."""
    if not reports:
        return ft.Text(t("reports.none"))
    tiles: list[ft.Control] = []
    for report in reports:
        icon, color = STATE_ICONS.get(report.state, STATE_ICONS["pending"])
        what = ", ".join(t(f"field.{name}") for name in report.changes)
        lines = [t(f"reports.state.{report.state}"), what]
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
    return ft.Column(tiles, spacing=4, scroll=ft.ScrollMode.AUTO, expand=True)
