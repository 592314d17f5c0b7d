"""The Flet entry point: open the local store, then first start, home, or the store error."""

import os
from dataclasses import replace
from typing import Any

import flet as ft

from app.i18n import set_language, t
from app.services import preferences
from app.services.content import ContentService
from app.services.guide import GuideService
from app.services.preferences import Preferences
from app.store.database import StoreError, open_store
from app.store.paths import store_path
from app.sync.engine import SyncEngine
from app.sync.recovery import recover
from app.views import style
from app.views.first_start import FirstStartView
from app.views.fonts import ARABIC_FONT
from app.views.shell import SEARCH_TAB, SETTINGS_TAB, AppShell
from app.views.store_error import store_error_view
from app.views.style import set_text_scale

DEFAULT_SERVER_ENV = "WEGWEISER_DEFAULT_SERVER"
DEMO_CODE_ENV = "WEGWEISER_DEMO_CODE"
"""Set by `scripts/dev.py run`: the local demo server and a fresh enrolment code."""


def main(page: ft.Page) -> None:
    """Build the app on `page`."""
    # Shipped with the app: offline, the web client cannot fetch fonts for Arabic script.
    page.fonts = {ARABIC_FONT: "fonts/NotoSansArabic-Regular.ttf"}
    page.padding = 12
    # No cross-fade between themes: it would lay out every text again at each in-between
    # size for a text size change, which stalls slow tablets (and a software renderer).
    page.theme_animation_style = ft.AnimationStyle.no_animation()
    show_start(page)


def show_start(page: ft.Page) -> None:
    """Open the store and show the right first screen; a broken store shows the way out."""
    page.controls.clear()
    page.on_resize = None  # a frame from before (signed out) must not be laid out again
    path = store_path()
    try:
        store = open_store(path)
    except StoreError as error:
        broken = error.path
        apply_preferences(page, Preferences())

        def start_again() -> None:
            # Keeps what can be read of the outbox and the sign-in; content is pulled again.
            recovered, _ = recover(broken)
            recovered.close()
            show_start(page)

        page.add(store_error_view(error, start_again))
        page.update()
        return
    apply_preferences(page, preferences.load(store))
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


def apply_preferences(page: ft.Page, chosen: Preferences) -> None:
    """Language, text size and light/dark for everything built from now on."""
    set_language(chosen.language)
    set_text_scale(chosen.text_scale)
    page.title = t("app.title")
    page.theme = page.dark_theme = style.theme()
    page.theme_mode = {
        "light": ft.ThemeMode.LIGHT,
        "dark": ft.ThemeMode.DARK,
    }.get(chosen.theme, ft.ThemeMode.SYSTEM)


def show_home(
    page: ft.Page, content: ContentService, guide: GuideService, tab: int = SEARCH_TAB
) -> None:
    """The app's frame with its tabs; `tab` is where to start (settings after a change)."""
    page.controls.clear()
    native = page.platform in (ft.PagePlatform.ANDROID, ft.PagePlatform.IOS)

    def change_preferences(name: str, value: Any) -> None:
        chosen = replace(preferences.load(guide.store), **{name: value})
        preferences.save(guide.store, chosen)
        apply_preferences(page, chosen)
        if name == "language":
            # Every text is built anew in the new language.
            show_home(page, content, guide, tab=SETTINGS_TAB)
        else:
            # Theme and text styles change in place: no redraw that could swallow a tap.
            page.update()

    def sign_out() -> None:
        guide.sign_out()
        show_start(page)

    shell = AppShell(
        content,
        guide,
        preferences.load(guide.store),
        on_preferences=change_preferences,
        on_sign_out=sign_out,
        native_maps=native,
        tab=tab,
    )
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
