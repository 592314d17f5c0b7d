"""Synchronisierung: the sync's state in sentences, the last attempt and its outcome,
and "Jetzt synchronisieren"."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import flet as ft

from app.i18n import t
from app.services.sync import Waiting, status_text
from app.sync.status import SyncStatus
from app.views.style import button


@dataclass(frozen=True)
class SignInAgain:
    """A new code for a device the server no longer knows, as typed, and its answer."""

    code: str
    on_code: Callable[[str], None]
    submit: Callable[[], None]
    answer: str = ""
    failed: bool = False


def sync_view(
    status: SyncStatus,
    now: datetime,
    sync_now: Callable[[], None],
    open_conflicts: Callable[[], None],
    waiting: list[Waiting] | None = None,
    again: SignInAgain | None = None,
) -> ft.Control:
    """The sync's state in sentences, what waits to be sent (each change named), the
    last attempt and its outcome, and the buttons; for a device the server no longer
    knows, a field for a new code first."""
    lines = [
        status_text(status, now, t),
        t("sync.pending_count", count=status.pending),
        t("sync.problems_count", count=status.open_problems),
    ]
    if status.last_attempt is not None:
        when = status.last_attempt.astimezone().strftime("%H:%M:%S")
        outcome = status.last_error or t("sync.attempt_ok")
        lines.append(t("sync.last_attempt", time=when, outcome=outcome))
    elif status.last_error:
        lines.append(t("sync.last_error", error=status.last_error))
    buttons: list[ft.Control] = []
    if status.open_problems:
        buttons.append(
            button(
                t("conflict.open", count=status.open_problems),
                look="filled",
                icon=ft.Icons.COMPARE_ARROWS,
                on_click=lambda _: open_conflicts(),
            )
        )
    buttons.append(
        button(t("sync.now"), look="filled", icon=ft.Icons.SYNC, on_click=lambda _: sync_now())
    )
    named = [ft.Text(line) for line in lines]
    for index, change in enumerate(waiting or []):
        when = change.made_at.astimezone().strftime("%d.%m. %H:%M") if change.made_at else ""
        title = change.title or t("sync.waiting.gone")
        named.insert(
            2 + index,
            ft.Text(f"• {t(f'sync.waiting.{change.what}', title=title)}  {when}".rstrip()),
        )
    column: list[ft.Control] = [*named, ft.Row(buttons, wrap=True, spacing=8)]
    if again is not None and (status.token_refused or again.answer):
        column[:0] = _sign_in_again(again)
    return ft.Column(column, spacing=12)


def _sign_in_again(again: SignInAgain) -> list[ft.Control]:
    return [
        ft.Text(t("sync.token_refused"), color=ft.Colors.ERROR),
        ft.TextField(
            label=t("first.code"),
            value=again.code,
            capitalization=ft.TextCapitalization.CHARACTERS,
            on_change=lambda e: again.on_code(e.control.value or ""),
        ),
        button(
            t("sync.sign_in_again"),
            look="filled",
            icon=ft.Icons.LOGIN,
            on_click=lambda _: again.submit(),
        ),
        ft.Text(again.answer, color=ft.Colors.ERROR if again.failed else ft.Colors.PRIMARY),
    ]
