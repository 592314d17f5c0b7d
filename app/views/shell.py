"""The frame around every screen: navigation (bar on phones, rail on tablets), a header
with back button, title and sync status chip, then the current screen."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import flet as ft

from app.i18n import t
from app.services.content import ContentService
from app.services.guide import GuideService, shows_example_data, status_text
from app.services.preferences import Preferences
from app.sync.status import SyncStatus
from app.views import details, reports, settings
from app.views.conflicts import conflicts_view
from app.views.fonts import FALLBACK
from app.views.home import HomeView
from app.views.navigation import Navigator, Screen
from app.views.personal import favourite_button, note_box
from app.views.redraw import redraw
from wegweiser.kinds import KINDS, title_of

TABLET_WIDTH = 840
"""From this width on the navigation is a rail beside the content, below it a bottom bar."""

SEARCH_TAB, REPORTS_TAB, SETTINGS_TAB = 0, 1, 2
_TABS = (
    (ft.Icons.SEARCH, "nav.search"),
    (ft.Icons.OUTBOX, "nav.reports"),
    (ft.Icons.SETTINGS, "nav.settings"),
)


class AppShell(ft.Column):
    """Owns the navigator; screens are rebuilt from the services when shown."""

    def __init__(
        self,
        service: ContentService,
        guide: GuideService,
        preferences: Preferences,
        on_preferences: Callable[[str, Any], None],
        on_sign_out: Callable[[], None],
        native_maps: bool = False,
        tab: int = SEARCH_TAB,
    ) -> None:
        super().__init__(expand=True, spacing=0)
        self.service = service
        self.guide = guide
        self.enrolled = guide.enrolled
        self.preferences = preferences
        self.on_preferences = on_preferences
        self.on_sign_out = on_sign_out
        self.native_maps = native_maps
        self.nav = Navigator(on_change=self._render)
        self.tab = tab
        # The icon's semantics label is the button's accessible name (screen readers, tests).
        self.back_button = ft.IconButton(
            ft.Icon(ft.Icons.ARROW_BACK, semantics_label=t("nav.back")),
            tooltip=t("nav.back"),
            on_click=lambda _: self.nav.back(),
        )
        self.title = ft.Text(
            t("app.title"),
            theme_style=ft.TextThemeStyle.TITLE_LARGE,
            weight=ft.FontWeight.BOLD,
            expand=True,
            max_lines=2,
            overflow=ft.TextOverflow.ELLIPSIS,
            font_family_fallback=FALLBACK,
        )
        self.status_chip = ft.Chip(
            label=ft.Text(""), leading=ft.Icon(ft.Icons.SYNC), on_click=lambda _: self.open_sync()
        )
        self.message = ft.Text("", color=ft.Colors.PRIMARY)
        self.body = ft.Container(expand=True, padding=ft.Padding.symmetric(horizontal=4))
        followed = guide.sync_state().kommunen
        self.home = HomeView(
            service,
            self.open_record,
            self.open_topic,
            followed[0] if followed else None,
            favourites=guide.favourites,
            example_data=shows_example_data(service, guide),
        )
        self.bar = ft.NavigationBar(
            destinations=[
                ft.NavigationBarDestination(icon=icon, label=t(key)) for icon, key in _TABS
            ],
            on_change=lambda e: self.switch_tab(int(e.control.selected_index)),
        )
        self.rail = ft.NavigationRail(
            destinations=[
                ft.NavigationRailDestination(icon=icon, label=t(key)) for icon, key in _TABS
            ],
            label_type=ft.NavigationRailLabelType.ALL,
            on_change=lambda e: self.switch_tab(int(e.control.selected_index or 0)),
        )
        self.width_hint = 0.0
        self.wide: bool | None = None
        self.nav.stack = [self._tab_screen(tab)]
        self._render(update=False)

    # --- layout ------------------------------------------------------------------------

    def layout(self, width: float) -> None:
        """Bottom bar below TABLET_WIDTH, rail beside the content from there on."""
        self.width_hint = width
        wide = width >= TABLET_WIDTH
        if self.controls and wide == self.wide:
            # Same mode: keep every control mounted, or a field being typed in loses text.
            self.bar.selected_index = self.rail.selected_index = self.tab
            return
        self.wide = wide
        chip: list[ft.Control] = [self.status_chip] if self.enrolled else []
        header: list[ft.Control] = [
            ft.Row(
                [self.back_button, self.title, *(chip if wide else [])],
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            )
        ]
        if not wide and chip:
            header.append(ft.Row(chip))  # on a phone the title needs the whole width
        main = ft.Column([*header, self.message, self.body], expand=True, spacing=4)
        self.bar.selected_index = self.rail.selected_index = self.tab
        if wide:
            self.controls = [ft.Row([self.rail, ft.VerticalDivider(width=1), main], expand=True)]
        else:
            self.controls = [main, self.bar]

    def switch_tab(self, index: int) -> None:
        self.tab = index
        self.message.value = ""
        self.nav.root(self._tab_screen(index))

    def _tab_screen(self, index: int) -> Screen:
        if index == REPORTS_TAB:
            return Screen(t("reports.title"), self._reports_view, live=True)
        if index == SETTINGS_TAB:
            return Screen(
                t("settings.title"),
                lambda: settings.settings_view(
                    self.preferences,
                    self.guide,
                    self.service,
                    self.on_preferences,
                    self._confirm_sign_out,
                ),
            )
        return Screen(t("app.title"), self._home_view)

    def _home_view(self) -> ft.Control:
        self.home.refresh(update=False)  # favourites may have changed meanwhile
        return self.home

    def _reports_view(self) -> ft.Control:
        if not self.enrolled:
            return ft.Text(t("reports.not_connected"))
        return reports.my_reports_view(self.guide.my_reports())

    def _render(self, update: bool = True) -> None:
        screen = self.nav.current
        self.back_button.visible = self.nav.can_go_back
        self.title.value = screen.title
        self.body.content = screen.build()
        self.layout(self.width_hint)
        self._show_status()
        if update:
            self.update()

    # --- sync status and conflicts -------------------------------------------------------

    def on_status(self, status: SyncStatus) -> None:
        """Called from the sync thread whenever the status changes."""
        self._show_status(status)
        # Update only what changed: redrawing the whole shell from the sync thread could
        # swallow keystrokes of someone typing in the search field at that moment.
        redraw(self.status_chip)
        if self.nav.current.live:
            self.body.content = self.nav.current.build()
            redraw(self.body)

    def _show_status(self, status: SyncStatus | None = None) -> None:
        if not self.enrolled:
            return
        status = status or self.guide.status()
        label = self.status_chip.label
        assert isinstance(label, ft.Text)
        label.value = status_text(status, datetime.now(UTC), t)
        self.status_chip.leading = ft.Icon(
            ft.Icons.WARNING_AMBER if status.open_problems else ft.Icons.SYNC
        )

    def open_sync(self) -> None:
        self.nav.push(Screen(t("sync.title"), self._sync_view, live=True))

    def _sync_view(self) -> ft.Control:
        guide = self.guide
        status = guide.status()
        lines = [
            status_text(status, datetime.now(UTC), t),
            t("sync.pending_count", count=status.pending),
            t("sync.problems_count", count=status.open_problems),
        ]
        if status.last_error:
            lines.append(t("sync.last_error", error=status.last_error))
        buttons: list[ft.Control] = [
            ft.FilledButton(
                t("sync.now"),
                icon=ft.Icons.SYNC,
                height=48,
                on_click=lambda _: guide.request_sync(),
            )
        ]
        if status.open_problems:
            buttons.insert(
                0,
                ft.FilledButton(
                    t("conflict.open", count=status.open_problems),
                    icon=ft.Icons.COMPARE_ARROWS,
                    height=48,
                    on_click=lambda _: self.open_conflicts(),
                ),
            )
        return ft.Column(
            [*(ft.Text(line) for line in lines), ft.Row(buttons, wrap=True, spacing=8)],
            spacing=12,
        )

    def open_conflicts(self) -> None:
        def decide(mutation_id: str, keep_mine: bool) -> None:
            self.guide.resolve(mutation_id, keep_mine)
            self.message.value = t("conflict.decided")
            self._render()

        self.nav.push(
            Screen(
                t("conflict.title"),
                lambda: conflicts_view(self.guide.conflicts(), decide),
                live=True,
            )
        )

    def _confirm_sign_out(self) -> None:
        pending = self.guide.status().pending
        self.nav.push(
            Screen(
                t("signout.title") if self.enrolled else t("settings.connect"),
                lambda: settings.sign_out_view(pending, self.enrolled, self.on_sign_out),
            )
        )

    # --- records -------------------------------------------------------------------------

    def open_topic(self, key: str, kommune: str | None) -> None:
        entries = self.service.topic(key, kommune)
        if entries is None:
            return
        self.nav.push(
            Screen(
                entries.topic.title,
                lambda: details.topic_view(
                    self.service.topic(key, kommune) or entries, self.open_record
                ),
            )
        )

    def open_record(self, kind: str, record_id: str) -> None:
        self.message.value = ""
        record = self.service.record(kind, record_id)
        title = title_of(record) if record is not None else ""
        self.nav.push(Screen(title, lambda: self._record_screen(kind, record_id)))

    def _record_screen(self, kind: str, record_id: str) -> ft.Control:
        view = self._record_view(kind, record_id)
        if not isinstance(view, ft.Column):  # the record is gone
            return view
        actions: list[ft.Control] = [favourite_button(self.guide, kind, record_id)]
        described = KINDS[kind]
        if self.enrolled and described.reportable:
            actions.append(
                ft.OutlinedButton(
                    t("report.open"),
                    icon=ft.Icons.EDIT_NOTE,
                    height=48,
                    on_click=lambda _: self._open_report(kind, record_id),
                )
            )
        view.controls.insert(0, ft.Row(actions, wrap=True, spacing=8, run_spacing=8))
        if described.notes:
            view.controls.append(ft.Divider())
            view.controls.append(note_box(self.guide, kind, record_id))
        return view

    def _record_view(self, kind: str, record_id: str) -> ft.Control:
        missing = ft.Text(t("record.missing"))
        if kind == "info_sheet":
            sheet = self.service.sheet(record_id)
            if sheet is None:
                return missing
            return details.sheet_view(
                sheet, self.service.sheet_versions(sheet), lambda other: self._replace_sheet(other)
            )
        if kind == "contact_point":
            contact = self.service.contact_point(record_id)
            if contact is None:
                return missing
            return details.contact_view(
                contact,
                self.service.offers_of(record_id),
                datetime.now(),
                self.native_maps,
                self.open_record,
            )
        if kind == "offer":
            offer = self.service.offer(record_id)
            return missing if offer is None else details.offer_view(offer, self.open_record)
        partner = self.service.partner(record_id)
        return missing if partner is None else details.partner_view(partner)

    def _open_report(self, kind: str, record_id: str) -> None:
        record = self.service.record(kind, record_id)
        if record is None:
            return
        guide = self.guide

        def finished(message: str) -> None:
            self.message.value = message
            self.nav.back()

        self.nav.push(
            Screen(t("report.open"), lambda: reports.report_form(record, guide, finished))
        )

    def _replace_sheet(self, sheet_id: str) -> None:
        self.nav.stack.pop()
        self.open_record("info_sheet", sheet_id)
