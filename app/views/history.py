"""Verlauf: an entry's audit trail, newest first - who published, accepted, rejected,
when, and every changed field as old → new."""

from datetime import UTC

import flet as ft

from app.i18n import t
from app.services.review import FieldChange
from app.views.review import change_row
from app.views.style import hint
from wegweiser.protocol import AuditView


def history_view(events: list[AuditView], error: str = "") -> ft.Control:
    """The trail; `error` says why it could not be fetched (offline)."""
    controls: list[ft.Control] = []
    if error:
        controls.append(ft.Text(error, color=ft.Colors.ERROR))
    elif not events:
        controls.append(ft.Text(t("history.empty")))
    for event in events:
        controls.append(_event_card(event))
    return ft.Column(controls, spacing=8, scroll=ft.ScrollMode.AUTO, expand=True)


def _event_card(event: AuditView) -> ft.Control:
    at = event.at if event.at.tzinfo else event.at.replace(tzinfo=UTC)
    when = at.astimezone().strftime("%d.%m.%Y %H:%M")
    action = t(f"history.action.{event.action}") if event.action in _ACTIONS else event.action
    lines: list[ft.Control] = [
        ft.Text(action, weight=ft.FontWeight.W_600),
        hint(t("history.by", name=event.account_name, when=when)),
    ]
    source = event.details.get("source")
    if source:
        lines.append(hint(t(f"history.source.{source}")))
    fields = event.details.get("fields") or {}
    for name, (old, new) in fields.items():
        lines.append(change_row(FieldChange(name, old, new)))
    reason = event.details.get("reason")
    if reason:
        lines.append(ft.Text(t("history.reason", reason=reason), italic=True))
    return ft.Card(ft.Container(ft.Column(lines, spacing=6), padding=12))


_ACTIONS = frozenset(
    {
        "created",
        "changed",
        "deleted",
        "report_accepted",
        "report_rejected",
        "update_requested",
        "update_reminded",
        "update_withdrawn",
        "confirmed_by_contact",
        "reported_by_contact",
    }
)
