"""The frame around every screen: navigation (bar on phones, rail on tablets), a header
with back button, title and sync status chip, then the current screen."""

import contextlib
from datetime import UTC, datetime

import flet as ft

from app.i18n import t
from app.services.content import ContentService
from app.services.guide import GuideService, status_text
from app.sync.status import SyncStatus
from app.views import details, reports
from app.views.fonts import FALLBACK
from app.views.home import HomeView
from app.views.navigation import Navigator, Screen

TABLET_WIDTH = 840
"""From this width on the navigation is a rail beside the content, below it a bottom bar."""


class AppShell(ft.Column):
    """Owns the navigator; screens are rebuilt from the services when shown."""

    def __init__(
        self, service: ContentService, guide: GuideService | None = None, native_maps: bool = False
    ) -> None:
        super().__init__(expand=True, spacing=0)
        self.service = service
        self.guide = guide
        self.native_maps = native_maps
        self.nav = Navigator(on_change=self._render)
        self.tab = 0
        # The icon's semantics label is the button's accessible name (screen readers, tests).
        self.back_button = ft.IconButton(
            ft.Icon(ft.Icons.ARROW_BACK, semantics_label=t("nav.back")),
            tooltip=t("nav.back"),
            on_click=lambda _: self.nav.back(),
        )
        self.title = ft.Text(
            t("app.title"),
            size=22,
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
        followed = guide.sync_state().kommunen if guide is not None else []
        self.home = HomeView(
            service, self.open_record, self.open_topic, followed[0] if followed else None
        )
        destinations = [(ft.Icons.SEARCH, t("nav.search")), (ft.Icons.OUTBOX, t("nav.reports"))]
        self.bar = ft.NavigationBar(
            destinations=[
                ft.NavigationBarDestination(icon=icon, label=label) for icon, label in destinations
            ],
            on_change=lambda e: self.switch_tab(int(e.control.selected_index)),
        )
        self.rail = ft.NavigationRail(
            destinations=[
                ft.NavigationRailDestination(icon=icon, label=label) for icon, label in destinations
            ],
            label_type=ft.NavigationRailLabelType.ALL,
            on_change=lambda e: self.switch_tab(int(e.control.selected_index or 0)),
        )
        self.width_hint = 0.0
        self.wide: bool | None = None
        self.nav.stack = [Screen(t("app.title"), lambda: self.home)]
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
        chip: list[ft.Control] = [self.status_chip] if self.guide else []
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
        if index == 0:
            self.nav.root(Screen(t("app.title"), lambda: self.home))
        else:
            self.nav.root(
                Screen(
                    t("reports.title"),
                    lambda: reports.my_reports_view(self.guide.my_reports() if self.guide else []),
                )
            )

    def _render(self, update: bool = True) -> None:
        screen = self.nav.current
        self.back_button.visible = self.nav.can_go_back
        self.title.value = screen.title
        self.body.content = screen.build()
        self.layout(self.width_hint)
        self._show_status()
        if update:
            self.update()

    # --- sync status ---------------------------------------------------------------------

    def on_status(self, status: SyncStatus) -> None:
        """Called from the sync thread whenever the status changes."""
        self._show_status(status)
        # Update only what changed: redrawing the whole shell from the sync thread could
        # swallow keystrokes of someone typing in the search field at that moment.
        with contextlib.suppress(RuntimeError):  # the page went away while a sync ran
            self.status_chip.update()
            if self.tab == 1 and not self.nav.can_go_back:
                # "Meine Meldungen" shows states that a sync just changed.
                self.body.content = self.nav.current.build()
                self.body.update()

    def _show_status(self, status: SyncStatus | None = None) -> None:
        if self.guide is None:
            return
        status = status or self.guide.status()
        label = self.status_chip.label
        assert isinstance(label, ft.Text)
        label.value = status_text(status, datetime.now(UTC), t)

    def open_sync(self) -> None:
        if self.guide is None:
            return
        guide = self.guide

        def build() -> ft.Control:
            status = guide.status()
            lines = [
                status_text(status, datetime.now(UTC), t),
                t("sync.pending_count", count=status.pending),
                t("sync.problems_count", count=status.open_problems),
            ]
            if status.last_error:
                lines.append(t("sync.last_error", error=status.last_error))
            return ft.Column(
                [
                    *(ft.Text(line) for line in lines),
                    ft.FilledButton(
                        t("sync.now"),
                        icon=ft.Icons.SYNC,
                        height=48,
                        on_click=lambda _: guide.request_sync(),
                    ),
                ],
                spacing=12,
            )

        self.nav.push(Screen(t("sync.title"), build))

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
        title = details.record_title(self.service, kind, record_id)
        self.nav.push(Screen(title, lambda: self._record_view(kind, record_id)))

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
            view = details.contact_view(
                contact,
                self.service.offers_of(record_id),
                datetime.now(),
                self.native_maps,
                self.open_record,
            )
            if self.guide is not None and self.guide.enrolled and isinstance(view, ft.Column):
                view.controls.insert(
                    0,
                    ft.OutlinedButton(
                        t("report.open"),
                        icon=ft.Icons.EDIT_NOTE,
                        height=48,
                        on_click=lambda _: self._open_report(record_id),
                    ),
                )
            return view
        if kind == "offer":
            offer = self.service.offer(record_id)
            return missing if offer is None else details.offer_view(offer, self.open_record)
        partner = self.service.partner(record_id)
        return missing if partner is None else details.partner_view(partner)

    def _open_report(self, contact_id: str) -> None:
        contact = self.service.contact_point(contact_id)
        if contact is None or self.guide is None:
            return
        guide = self.guide

        def finished(message: str) -> None:
            self.message.value = message
            self.nav.back()

        self.nav.push(
            Screen(t("report.open"), lambda: reports.report_form(contact, guide, finished))
        )

    def _replace_sheet(self, sheet_id: str) -> None:
        self.nav.stack.pop()
        self.open_record("info_sheet", sheet_id)
