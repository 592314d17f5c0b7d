"""The frame around every screen: navigation (bar on phones, rail on tablets), a header
with back button, title and sync status chip, a message line (and, on a revoked tablet,
what happened), then the screen."""

from collections.abc import Callable
from datetime import UTC, datetime

import flet as ft

from app.i18n import is_rtl, left_to_right, t
from app.services.content import Coordination
from app.services.sync import status_text
from app.views.fonts import FALLBACK
from app.views.state import use_services, use_sync, use_ui
from app.views.style import TOUCH, TOUCH_PADDING, button

Tab = tuple[str, ft.IconData, str]
"""A top-level destination: its route, icon and label key."""

TABS: tuple[Tab, ...] = (
    ("/", ft.Icons.SEARCH, "nav.search"),
    ("/reports", ft.Icons.OUTBOX, "nav.reports"),
    ("/settings", ft.Icons.SETTINGS, "nav.settings"),
)
"""The top-level destinations: their routes, icons and labels."""
STAFF_TABS: tuple[Tab, ...] = (*TABS[:2], ("/review", ft.Icons.RATE_REVIEW, "nav.review"), TABS[2])
"""The same for devices of the Koordinierungsstelle: with Meldungen prüfen."""


def tab_of(path: str, tabs: tuple[Tab, ...] = TABS) -> int:
    """The destination a route belongs to (search for everything under /)."""
    for index, (root, _, _) in enumerate(tabs):
        if root != "/" and (path == root or path.startswith(root + "/")):
            return index
    return 0


def up(path: str, segments: int) -> str:
    """The route `segments` levels above `path` ("/topic/k/record/a/1", 3 → "/topic/k")."""
    parts = [p for p in path.split("/") if p]
    return "/" + "/".join(parts[: max(0, len(parts) - segments)])


def below(path: str, route: str) -> str:
    """`route` opened on top of `path` ("/topic/k", "record/a/1" → "/topic/k/record/a/1")."""
    return f"{path.rstrip('/')}/{route}"


Go = Callable[..., None]
"""go(route, message=""): open a route; the message is shown on that route's screen."""


def use_go() -> Go:
    """Navigation for a screen: `go(route)` or `go(route, message)`."""
    sync = use_sync()

    def go(route: str, message: str = "") -> None:
        # Touch the shared state only when there is a message to show or to clear: every
        # change redraws each screen that shows sync state, in the middle of the move.
        if message or sync.message:
            sync.message, sync.message_at = message, route
        ft.context.page.navigate(route)

    return go


def revoked_banner(office: Coordination, reconnect: Callable[[], None]) -> ft.Control:
    """On every screen once the office revoked the tablet: what happened, what was
    deleted, whom to call, and how to connect again."""
    # A phone number is not broken across lines (it was "+49" / "3941 0000-100").
    call = [office.phone.replace(" ", "\u00a0") if office.phone else None, office.email]
    return ft.Container(
        ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(ft.Icons.BLOCK, color=ft.Colors.ON_ERROR_CONTAINER),
                        ft.Text(t("revoked.title"), weight=ft.FontWeight.W_600, expand=True),
                    ]
                ),
                ft.Text(t("revoked.deleted")),
                ft.Text(
                    t(
                        "revoked.call",
                        office=office.name,
                        how=" · ".join(left_to_right(part) for part in call if part),
                    )
                ),
                button(t("revoked.reconnect"), icon=ft.Icons.LINK, on_click=lambda _: reconnect()),
            ],
            spacing=8,
        ),
        bgcolor=ft.Colors.ERROR_CONTAINER,
        padding=12,
        border_radius=8,
    )


@ft.component
def Frame(title: str, body: ft.Control, back_to: str | None = None) -> ft.View:
    """One screen as a view of the navigation stack; `back_to` is the route the back
    button opens (None on the top-level destinations)."""
    ui = use_ui()
    sync = use_sync()
    services = use_services()
    go = use_go()
    path = ft.use_view_path() or "/"
    tabs = STAFF_TABS if services.sync.staff else TABS
    tab = tab_of(path, tabs)

    header: list[ft.Control] = []
    if back_to is not None:
        # The icon's semantics label is the button's accessible name (screen readers, tests).
        header.append(
            ft.IconButton(
                ft.Icon(ft.Icons.ARROW_BACK, semantics_label=t("nav.back")),
                tooltip=t("nav.back"),
                on_click=lambda _: go(back_to),
                # A tablet's touch target (Material's default is 40 px).
                width=TOUCH,
                height=TOUCH,
            )
        )
    header.append(
        ft.Text(
            title,
            theme_style=ft.TextThemeStyle.TITLE_LARGE,
            weight=ft.FontWeight.BOLD,
            expand=True,
            # Whole, however many lines: "… – Standort Halberstadt" is what tells two
            # places apart, and an ellipsis cut it at a large text on a phone.
            font_family_fallback=FALLBACK,
        )
    )
    rows: list[ft.Control] = []
    if services.sync.enrolled:
        status = sync.status
        # A button, not a chip: a chip is announced as a checkbox, and this one opens
        # the sync screen.
        chip = ft.OutlinedButton(
            content=ft.Text(status_text(status, datetime.now(UTC), t)),
            icon=ft.Icons.WARNING_AMBER if status.open_problems else ft.Icons.SYNC,
            # At least 48 px, taller when a large text wraps on a phone.
            style=ft.ButtonStyle(padding=TOUCH_PADDING),
            on_click=lambda _: go("/sync"),
        )
        if ui.wide:
            header.append(chip)
            rows = [ft.Row(header, vertical_alignment=ft.CrossAxisAlignment.CENTER)]
        else:  # on a phone the title needs the whole width
            rows = [
                ft.Row(header, vertical_alignment=ft.CrossAxisAlignment.CENTER),
                ft.Row([ft.Container(chip, expand=True)]),
            ]
    else:
        rows = [ft.Row(header, vertical_alignment=ft.CrossAxisAlignment.CENTER)]
    if sync.message and sync.message_at == path:
        rows.append(ft.Text(sync.message, color=ft.Colors.PRIMARY))
    if sync.status.revoked:
        rows.append(
            revoked_banner(services.content.coordination(), lambda: go("/settings/sign-out"))
        )
    # Arabic and Farsi right to left: set on the views' own rows and columns, which
    # Flutter's Directionality then passes to everything inside them.
    main = ft.Column(
        [*rows, ft.Container(body, expand=True, padding=ft.Padding.symmetric(horizontal=4))],
        expand=True,
        spacing=4,
        rtl=is_rtl(),
    )

    def switch(index: int | None) -> None:
        go(tabs[index or 0][0])

    if ui.wide:
        rail = ft.NavigationRail(
            selected_index=tab,
            destinations=[
                ft.NavigationRailDestination(icon=icon, label=t(key)) for _, icon, key in tabs
            ],
            label_type=ft.NavigationRailLabelType.ALL,
            on_change=lambda e: switch(e.control.selected_index),
        )
        return ft.View(
            route=path,
            padding=12,
            controls=[ft.Row([rail, ft.VerticalDivider(width=1), main], expand=True, rtl=is_rtl())],
            rtl=is_rtl(),
        )
    bar = ft.NavigationBar(
        rtl=is_rtl(),
        selected_index=tab,
        # No tooltips: each label is always shown. A tooltip left under the mouse went
        # when the next tap landed, and Flutter's web semantics re-hung the screen then:
        # a search field just tapped lost its focus and the first key typed was lost.
        destinations=[
            ft.NavigationBarDestination(icon=icon, label=t(key), tooltip="")
            for _, icon, key in tabs
        ],
        on_change=lambda e: switch(e.control.selected_index),
    )
    return ft.View(route=path, padding=12, controls=[main], navigation_bar=bar, rtl=is_rtl())
