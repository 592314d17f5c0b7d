"""The app's root: a first frame at once, then the app on its opened store.

Opening the local store, and loading the code that reads it (the database layer, the
sync, the screens), is most of a start - seconds on a slow tablet. So the root draws
its opening frame before any of that is imported, opens the store in a worker thread
and then hands over to `app.views.opened`. This module imports nothing but Flet and the
catalogues: `app.main` and everything it loads before the first frame must stay light
(`bench/bench_start.py` measures it; tests/app/views/test_app.py guards it).
"""

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import flet as ft

from app.i18n import UI_LANGUAGES, is_rtl, t

if TYPE_CHECKING:
    from app.store.database import StoreError
    from app.views.state import Services

OPENING_KEY = "opening"
"""The opening frame's key: what tests wait to see gone."""


def locale_configuration(language: str) -> ft.LocaleConfiguration:
    """The locales the app offers Flutter, with `language` the current one."""
    return ft.LocaleConfiguration(
        supported_locales=[ft.Locale(code) for code in UI_LANGUAGES],
        current_locale=ft.Locale(language),
    )


@ft.component
def App(default_server: str = "", default_code: str = "") -> list[ft.Control] | ft.Control:
    """The opening frame until the store is open, then the app on it (the first start,
    the shell, or the store's error: `Opened`)."""
    opened: tuple[Services | StoreError | None, Callable[[Any], None]] = ft.use_state(None)
    device, set_device = opened

    async def open_in_background() -> None:
        set_device(await asyncio.to_thread(_open_device))

    ft.use_effect(open_in_background, [])
    if device is None:
        return [opening_view()]
    # Loaded by `_open_device` already, in the worker thread.
    from app.views.opened import Opened

    return Opened(device, set_device, default_server, default_code)


def _open_device() -> "Services | StoreError":
    # Imported here: this runs in the worker thread, after the first frame was sent.
    from app.views.opened import open_device
    from app.views.screens.routes import load_screens

    device = open_device()
    load_screens(staff=not isinstance(device, Exception) and device.sync.staff)
    return device


def opening_view() -> ft.View:
    """What shows while the store opens: the app's name and that it is opening."""
    return ft.View(
        route="/",
        key=OPENING_KEY,
        vertical_alignment=ft.MainAxisAlignment.CENTER,
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        controls=[
            ft.ProgressRing(semantics_label=t("app.opening")),
            ft.Text(t("app.title"), size=22, weight=ft.FontWeight.BOLD),
            ft.Text(t("app.opening")),
        ],
        rtl=is_rtl(),
    )
