"""The app once its store is open: the first start, the shell with its routes, or the
store's error.

`Opened` owns what lives as long as the browser tab or the app: the person's preferences
(`Ui`) and whether the first start comes first; the store itself is its parent's
(`app.views.app.App`), opened again after a sign-out. `Shell` owns what lives while
signed in: the services, the sync status and the background sync, started when the shell
appears and stopped when it goes.

Loaded in the worker thread that opens the store, after the app's first frame.
"""

import asyncio
from collections.abc import Callable
from dataclasses import replace

import flet as ft

from app.i18n import is_rtl, t, use_language
from app.services import preferences
from app.services.content import ContentService
from app.services.personal import PersonalService
from app.services.sync import SyncService, shows_example_data
from app.store.database import StoreError, open_store
from app.store.paths import store_path
from app.sync.engine import SyncEngine
from app.sync.recovery import recover
from app.sync.status import SyncStatus
from app.views import style
from app.views.app import locale_configuration
from app.views.first_start import FirstStart
from app.views.frame import STAFF_TABS, TABS
from app.views.screens.routes import ROUTES
from app.views.state import (
    TABLET_WIDTH,
    Services,
    ServicesContext,
    State,
    Sync,
    SyncContext,
    Ui,
    UiContext,
)
from app.views.store_error import store_error_view
from app.views.threads import poster
from wegweiser.links import maps_app

_THEME_MODES = {"light": ft.ThemeMode.LIGHT, "dark": ft.ThemeMode.DARK}


def open_device() -> Services | StoreError:
    """The store at its usual place with its services, or why it cannot be opened."""
    try:
        store = open_store(store_path())
    except StoreError as error:
        return error
    sync = SyncService(store, SyncEngine(store))
    return Services(
        store=store,
        content=ContentService(store),
        sync=sync,
        personal=PersonalService(store, sync.request_sync),
    )


def needs_first_start(device: Services | StoreError) -> bool:
    """Neither signed in nor holding the example data: the first start comes first."""
    if isinstance(device, StoreError):
        return False
    return not device.sync.enrolled and device.content.dataset_meta() is None


@ft.component
def Opened(
    device: Services | StoreError,
    set_device: Callable[[Services | StoreError], None],
    default_server: str = "",
    default_code: str = "",
) -> list[ft.Control] | ft.Control:
    """Which of the three screens the opened store calls for (a list of views, or the
    shell whose router makes that list)."""
    page = ft.context.page
    first: State[bool] = ft.use_state(lambda: needs_first_start(device))
    first_start, set_first_start = first
    held: State[Ui] = ft.use_state(
        lambda: Ui(
            _preferences_of(device),
            wide=(page.width or 0) >= TABLET_WIDTH,
            kommune=_first_kommune(device),
        )
    )
    ui = held[0]
    use_language(ui.preferences.language)

    # Each only when its own setting changed: a new theme object makes Flutter lay out
    # every text again, which a slow tablet (or a software renderer) feels.
    def apply_text_size() -> None:
        # Read here, not at every render: a store read at each of the app's renders made
        # the screens stall after a text size change (a browser test took 120 s, not 18).
        staff = isinstance(device, Services) and device.sync.staff
        tabs = len(STAFF_TABS if staff else TABS)
        page.theme = page.dark_theme = style.theme(ui.preferences.text_scale, tabs)
        page.update()

    def apply_brightness() -> None:
        page.theme_mode = _THEME_MODES.get(ui.preferences.theme, ft.ThemeMode.SYSTEM)
        page.update()

    def apply_title() -> None:
        page.title = t("app.title")
        page.update()

    def apply_locale() -> None:
        # Flutter's own strings (tooltips, pickers) in the person's language. Only on a
        # change: a new locale lays out every text again (German is set before the first
        # frame, in `app.main`).
        wanted = locale_configuration(ui.preferences.language)
        if page.locale_configuration != wanted:
            page.locale_configuration = wanted
            page.update()

    # Again after the first start: the device may now be the office's, with four tabs.
    ft.use_effect(apply_text_size, [ui.preferences.text_scale, first_start])
    ft.use_effect(apply_locale, [ui.preferences.language])
    ft.use_effect(apply_brightness, [ui.preferences.theme])
    ft.use_effect(apply_title, [ui.preferences.language])

    def follow_width() -> None:
        def resized(_: object) -> None:
            ui.wide = (page.width or 0) >= TABLET_WIDTH

        page.on_resize = resized

    ft.use_effect(follow_width, [])

    def restart() -> None:
        opened = open_device()
        ui.preferences, ui.kommune = _preferences_of(opened), _first_kommune(opened)
        set_first_start(needs_first_start(opened))
        set_device(opened)

    def started() -> None:
        ui.kommune = _first_kommune(device)
        set_first_start(False)

    if isinstance(device, StoreError):
        broken = device

        def start_again() -> None:
            # Keeps what can be read of the outbox and the sign-in; content is pulled again.
            recovered, _ = recover(broken.path)
            recovered.close()
            restart()

        return [
            ft.View(
                route="/",
                padding=12,
                controls=[store_error_view(broken, start_again)],
                rtl=is_rtl(),
            )
        ]
    if first_start:
        return [
            FirstStart(
                device.sync,
                device.content,
                started,
                default_server,
                default_code,
            )
        ]
    return Shell(device, ui, restart)


def _preferences_of(device: Services | StoreError) -> preferences.Preferences:
    if isinstance(device, StoreError):
        return preferences.Preferences()
    return preferences.load(device.store)


def _first_kommune(device: Services | StoreError) -> str | None:
    """Where the search starts: the first Kommune the device follows."""
    if isinstance(device, StoreError):
        return None
    followed = device.sync.sync_state().kommunen
    return followed[0] if followed else None


@ft.component
def Shell(device: Services, ui: Ui, restart: Callable[[], None]) -> ft.Control:
    """Signed in (or with the example data): the routes, and the sync in the background."""
    page = ft.context.page
    # Held without subscribing: a new status redraws the frames and screens that show
    # it, not the whole tree from here.
    sync: Sync = ft.use_memo(
        lambda: Sync(device.sync.status(), shows_example_data(device.content, device.sync)),
        [device],
    )
    # What only the page knows: its platform's maps app, and how to start again.
    services: Services = ft.use_memo(
        lambda: replace(
            device,
            maps=maps_app(page.platform.value if page.platform else ""),
            restart=restart,
        ),
        [device],
    )

    def start_sync() -> None:
        if not device.sync.enrolled:
            return
        post = poster()

        def on_status(status: SyncStatus) -> None:
            def show() -> None:
                sync.example_data = shows_example_data(device.content, device.sync)
                sync.status = status

            post(show)

        device.sync.start_background(on_status)

        async def closed(_: object) -> None:
            # A closed browser tab never unmounts its components; its sync ends here.
            await asyncio.to_thread(device.sync.stop_background)

        page.on_close = closed

        def lifecycle(event: ft.AppLifecycleStateChangeEvent) -> None:
            # Back in the foreground (the tablet was asleep in a bag): sync at once
            # rather than at the next interval.
            if event.state in (ft.AppLifecycleState.RESUME, ft.AppLifecycleState.SHOW):
                device.sync.request_sync()

        page.on_app_lifecycle_state_change = lifecycle

    ft.use_effect(start_sync, [device], cleanup=device.sync.stop_background)
    routes: ft.Control = ServicesContext(
        services,
        lambda: UiContext(
            ui, lambda: SyncContext(sync, lambda: ft.Router(ROUTES, manage_views=True))
        ),
    )
    return routes
