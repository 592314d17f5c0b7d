"""Shown instead of everything else when the local store cannot be opened."""

from collections.abc import Callable

import flet as ft

from app.i18n import t
from app.store.database import StoreCorruptError, StoreError
from app.views.style import heading, lead


def store_error_view(error: StoreError, start_again: Callable[[], None]) -> ft.Control:
    """The German explanation and, for a damaged file, the way out."""
    actions: list[ft.Control] = []
    if isinstance(error, StoreCorruptError):
        actions.append(
            ft.FilledButton(
                t("store.error.restart"),
                icon=ft.Icons.RESTART_ALT,
                on_click=lambda _: start_again(),
            )
        )
    return ft.Column(
        [
            ft.Icon(ft.Icons.ERROR_OUTLINE, size=48, color=ft.Colors.ERROR),
            heading(t("store.error.title"), large=True),
            lead(error.message),
            *actions,
        ],
        spacing=16,
    )
