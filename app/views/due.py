"""Aktualität: the entries nobody has checked for too long, oldest first, each with
"Geprüft, unverändert" (changed entries are edited instead)."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import flet as ft

from app.i18n import t
from app.services.due import CHECKED_KINDS, DueEntry
from app.views.style import button, button_row, choice_row, hint
from wegweiser.model import ContactPoint
from wegweiser.self_service import REMIND_AFTER_DAYS, UpdateRequestView

AGES = (6, 12, 24)
"""The ages in months the office can choose from."""


KINDS = ("", *(cls.entity for cls in CHECKED_KINDS))
"""The kinds to filter by ("" for all)."""


@dataclass(frozen=True)
class Asking:
    """Update requests to contact points, on the office's devices while online."""

    today: date
    standing: dict[str, UpdateRequestView] = field(default_factory=dict)
    """The latest request of each entry, by its id."""
    ask: Callable[[DueEntry], None] = lambda _: None
    ask_all: Callable[[], None] = lambda: None
    letter: Callable[[DueEntry], Awaitable[None]] | None = None
    """Save the request as a printed letter (PDF)."""


def _letter(asking: Asking, entry: DueEntry) -> Callable[[Any], Awaitable[None]]:
    async def save(_: Any) -> None:
        if asking.letter is not None:
            await asking.letter(entry)

    return save


def _day(moment: Any) -> str:
    return str(moment.strftime("%d.%m.%Y"))


def standing_line(view: UpdateRequestView, today: date) -> str:
    """Where one request stands, in a line: asked, reminded, answered, and the mail."""
    if view.withdrawn_at:
        line = t("due.asking.withdrawn", date=_day(view.withdrawn_at))
    elif view.answered_at and view.answer == "confirmed":
        line = t("due.asking.confirmed", date=_day(view.answered_at))
    elif view.answered_at:
        line = t("due.asking.changed", date=_day(view.answered_at))
    elif view.expires_at.date() < today:
        line = t("due.asking.expired", date=_day(view.created_at))
    else:
        line = t("due.asking.asked", date=_day(view.created_at))
        if view.reminded_at:
            line += " · " + t("due.asking.reminded", date=_day(view.reminded_at))
        waited = (today - view.created_at.date()).days
        if waited >= REMIND_AFTER_DAYS:
            line += " · " + t("due.asking.no_answer", days=waited)
    if not view.recipient:
        line += " · " + t("due.asking.by_letter")
    elif view.mail_state in ("filed", "failed") or (view.mail_state and view.mail_reason):
        mail = t(f"due.asking.mail.{view.mail_state}")
        line += " · " + (f"{mail}: {view.mail_reason}" if view.mail_reason else mail)
    return line


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
    asking: Asking | None = None,
    text_scale: float = 1.0,
) -> ft.Control:
    """The due list with the age and kind chosen, and one action per entry."""
    shown = [entry for entry in entries if not kind or entry.kind == kind]
    controls: list[ft.Control] = [
        # Room above for the field's floating label, which the scroll area would clip.
        # At "Sehr groß" on a phone the label takes two lines (seen on a screenshot).
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
            padding=ft.Padding.only(top=8 if text_scale < 1.5 else 32),
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
        actions = [button(t("due.export"), icon=ft.Icons.DOWNLOAD, on_click=export)]
        if asking is not None:
            actions.append(
                button(
                    t("due.asking.ask_all"),
                    icon=ft.Icons.OUTGOING_MAIL,
                    on_click=lambda _: asking.ask_all(),
                )
            )
        controls.append(button_row(*actions))
    if message:
        controls.append(ft.Text(message, color=ft.Colors.PRIMARY))
    for entry in shown:
        checked = (
            t("due.checked_on", date=entry.last_verified.strftime("%d.%m.%Y"))
            if entry.last_verified
            else t("due.never")
        )
        lines: list[ft.Control] = [
            ft.TextButton(entry.title, on_click=lambda _, entry=entry: open_entry(entry)),
            hint(f"{t(f'due.kind.{entry.kind}')} · {checked}"),
        ]
        actions = [
            button(
                t("due.mark"), icon=ft.Icons.TASK_ALT, on_click=lambda _, entry=entry: mark(entry)
            )
        ]
        if asking is not None and entry.kind == ContactPoint.entity:
            standing = asking.standing.get(entry.record_id)
            if standing is not None:
                lines.append(hint(standing_line(standing, asking.today)))
            actions.append(
                button(
                    t("due.asking.ask"),
                    icon=ft.Icons.OUTGOING_MAIL,
                    on_click=lambda _, entry=entry: asking.ask(entry),
                )
            )
            if asking.letter is not None:
                actions.append(
                    button(
                        t("due.asking.letter"), icon=ft.Icons.PRINT, on_click=_letter(asking, entry)
                    )
                )
        lines.append(button_row(*actions))
        controls.append(ft.Card(ft.Container(ft.Column(lines, spacing=4), padding=12)))
    return ft.Column(controls, spacing=8, scroll=ft.ScrollMode.AUTO, expand=True)
