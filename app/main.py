"""The Flet entry point: open the local store, then show home or the store error."""

import flet as ft

from app.i18n import t
from app.services.content import ContentService
from app.store.database import StoreError, open_store
from app.store.paths import store_path
from app.sync.recovery import recover
from app.views.fonts import ARABIC_FONT
from app.views.shell import AppShell
from app.views.store_error import store_error_view


def main(page: ft.Page) -> None:
    """Build the app on `page`."""
    page.title = t("app.title")
    # Shipped with the app: offline, the web client cannot fetch fonts for Arabic script.
    page.fonts = {ARABIC_FONT: "fonts/NotoSansArabic-Regular.ttf"}
    page.theme = ft.Theme(color_scheme_seed=ft.Colors.TEAL)
    page.padding = 16
    show_start(page)


def show_start(page: ft.Page) -> None:
    """Open the store and show home; a broken store shows its message and the way out."""
    page.controls.clear()
    path = store_path()
    try:
        store = open_store(path)
        service = ContentService(store)
        service.ensure_content()
    except StoreError as error:
        broken = error.path

        def start_again() -> None:
            # Keeps what can be read of the outbox and the sign-in; content is pulled again.
            recovered, _ = recover(broken)
            recovered.close()
            show_start(page)

        page.add(store_error_view(error, start_again))
        return
    native = page.platform in (ft.PagePlatform.ANDROID, ft.PagePlatform.IOS)
    page.add(AppShell(service, native_maps=native))
