"""Synchronisierung: the sync's state in sentences, the last attempt and its outcome,
and "Jetzt synchronisieren"."""

from collections.abc import Callable
from datetime import datetime

import flet as ft

from app.i18n import t
from app.services.sync import Waiting, status_text
from app.sync.status import SyncStatus
from app.views.style import button


def sync_view(
    status: SyncStatus,
    now: datetime,
    sync_now: Callable[[], None],
    open_conflicts: Callable[[], None],
    waiting: list[Waiting] | None = None,
) -> ft.Control:
    """The sync's state in sentences, what waits to be sent (each change named), the
    last attempt and its outcome, and the buttons."""
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
    return ft.Column([*named, ft.Row(buttons, wrap=True, spacing=8)], spacing=12)
