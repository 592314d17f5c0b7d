"""Änderung melden (the form) and Meine Meldungen (the list with each report's state)."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import flet as ft

from app.i18n import t
from app.services.guide import GuideService, MyReport
from app.sync.outbox import EditRefused
from wegweiser.model import ContactPoint

# Fields a guide can report for a contact point, in the order a visit notices them.
CONTACT_FIELDS = ("phone", "opening_hours", "email", "website", "costs", "accessibility")


def privacy_hint() -> ft.Control:
    return ft.Text(t("privacy.hint"), size=13, italic=True, color=ft.Colors.ON_SURFACE_VARIANT)


def report_form(
    contact: ContactPoint, guide: GuideService, finished: Callable[[str], None]
) -> ft.Control:
    """One field per fact; only the fields that differ from today's entry are reported."""
    phone = contact.phones[0]["number"] if contact.phones else ""
    current: dict[str, str] = {
        "phone": phone,
        "opening_hours": contact.opening_hours or "",
        "email": contact.email or "",
        "website": contact.website or "",
        "costs": contact.costs or "",
        "accessibility": contact.accessibility or "",
    }
    fields = {
        name: ft.TextField(
            label=t(f"report.field.{name}"),
            value=current[name],
            helper=t(f"report.help.{name}") or None,
        )
        for name in CONTACT_FIELDS
    }
    comment = ft.TextField(label=t("report.comment"), multiline=True, min_lines=2, max_length=2000)
    error = ft.Text("", color=ft.Colors.ERROR)

    def send(_: Any) -> None:
        changes: dict[str, Any] = {}
        for name, box in fields.items():
            value = (box.value or "").strip()
            if value == current[name]:
                continue
            if name == "phone":
                label = contact.phones[0].get("label", "Telefon") if contact.phones else "Telefon"
                changes["phones"] = [{"label": label, "number": value}, *contact.phones[1:]]
            else:
                changes[name] = value or None
        if not changes:
            error.value = t("report.nothing_changed")
            error.update()
            return
        try:
            guide.report_change(
                "contact_point",
                contact.id,
                changes,
                (comment.value or "").strip(),
                lambda: datetime.now(UTC),
            )
        except EditRefused as exc:
            error.value = str(exc)
            error.update()
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
    "waiting": (ft.Icons.CLOUD_OFF, ft.Colors.GREY_700),
    "pending": (ft.Icons.OUTBOX, ft.Colors.BLUE_800),
    "accepted": (ft.Icons.CHECK_CIRCLE, ft.Colors.GREEN_800),
    "rejected": (ft.Icons.CANCEL, ft.Colors.RED_800),
}


def my_reports_view(reports: list[MyReport]) -> ft.Control:
    """Each report with its state: wartet auf Sync, eingereicht, übernommen, abgelehnt."""
    if not reports:
        return ft.Text(t("reports.none"))
    tiles: list[ft.Control] = []
    for report in reports:
        icon, color = STATE_ICONS.get(report.state, STATE_ICONS["pending"])
        what = ", ".join(
            t(f"report.field.{name}") if name != "phones" else t("report.field.phone")
            for name in report.changes
        )
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
