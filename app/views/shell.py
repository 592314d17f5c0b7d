"""The frame around every screen: header with back button and title, then the screen."""

from datetime import datetime

import flet as ft

from app.i18n import t
from app.services.content import ContentService
from app.views import details
from app.views.fonts import FALLBACK
from app.views.home import HomeView
from app.views.navigation import Navigator, Screen


class AppShell(ft.Column):
    """Owns the navigator; screens are rebuilt from the services when shown."""

    def __init__(self, service: ContentService, native_maps: bool = False) -> None:
        super().__init__(expand=True, spacing=8)
        self.service = service
        self.native_maps = native_maps
        self.nav = Navigator(on_change=self._render)
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
        self.body = ft.Container(expand=True)
        self.controls = [ft.Row([self.back_button, self.title]), self.body]
        self.home = HomeView(service, self.open_record, self.open_topic)
        self.nav.stack = [Screen(t("app.title"), lambda: self.home)]
        self._render(update=False)

    def _render(self, update: bool = True) -> None:
        screen = self.nav.current
        self.back_button.visible = self.nav.can_go_back
        self.title.value = screen.title
        self.body.content = screen.build()
        if update:
            self.update()

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

    def _replace_sheet(self, sheet_id: str) -> None:
        self.nav.stack.pop()
        self.open_record("info_sheet", sheet_id)
