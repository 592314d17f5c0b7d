"""The Flet entry point: open the local store, then first start, home, or the store error."""

import os

import flet as ft

from app.i18n import t
from app.services.content import ContentService
from app.services.guide import GuideService
from app.store.database import StoreError, open_store
from app.store.paths import store_path
from app.sync.engine import SyncEngine
from app.sync.recovery import recover
from app.views.first_start import FirstStartView
from app.views.fonts import ARABIC_FONT
from app.views.shell import AppShell
from app.views.store_error import store_error_view

DEFAULT_SERVER_ENV = "WEGWEISER_DEFAULT_SERVER"
DEMO_CODE_ENV = "WEGWEISER_DEMO_CODE"
"""Set by `scripts/dev.py run`: the local demo server and a fresh enrolment code."""


def main(page: ft.Page) -> None:
    """Build the app on `page`."""
    page.title = t("app.title")
    # Shipped with the app: offline, the web client cannot fetch fonts for Arabic script.
    page.fonts = {ARABIC_FONT: "fonts/NotoSansArabic-Regular.ttf"}
    page.theme = ft.Theme(color_scheme_seed=ft.Colors.TEAL)
    page.padding = 12
    show_start(page)


def show_start(page: ft.Page) -> None:
    """Open the store and show the right first screen; a broken store shows the way out."""
    page.controls.clear()
    path = store_path()
    try:
        store = open_store(path)
    except StoreError as error:
        broken = error.path

        def start_again() -> None:
            # Keeps what can be read of the outbox and the sign-in; content is pulled again.
            recovered, _ = recover(broken)
            recovered.close()
            show_start(page)

        page.add(store_error_view(error, start_again))
        return
    content = ContentService(store)
    guide = GuideService(store, SyncEngine(store))
    if not guide.enrolled and content.dataset_meta() is None:
        page.add(
            FirstStartView(
                guide,
                content,
                done=lambda: show_home(page, content, guide),
                default_server=os.environ.get(DEFAULT_SERVER_ENV, ""),
                default_code=os.environ.get(DEMO_CODE_ENV, ""),
            )
        )
        page.update()
        return
    show_home(page, content, guide)


def show_home(page: ft.Page, content: ContentService, guide: GuideService) -> None:
    page.controls.clear()
    native = page.platform in (ft.PagePlatform.ANDROID, ft.PagePlatform.IOS)
    shell = AppShell(content, guide if guide.enrolled else None, native_maps=native)
    shell.layout(page.width or 0)

    def resized(_: object) -> None:
        was_wide = shell.wide
        shell.layout(page.width or 0)
        if shell.wide != was_wide:
            shell.update()

    page.on_resize = resized
    page.add(shell)
    page.update()
    if guide.enrolled:
        guide.start_background(shell.on_status)
