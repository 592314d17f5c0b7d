"""Home: search across the whole Wegweiser, the Kommune, topics, example-data notice."""

from collections.abc import Callable

import flet as ft

from app.i18n import t
from app.services.content import ContentService, SearchResults
from app.services.guide import Saved
from app.views.fonts import FALLBACK
from app.views.style import heading
from wegweiser.model import ContactPoint, InfoSheet, NetworkPartner, Offer

_ALL = "__alle__"
KIND_ICONS = {
    ContactPoint.entity: ft.Icons.PLACE,
    InfoSheet.entity: ft.Icons.DESCRIPTION,
    Offer.entity: ft.Icons.EVENT,
    NetworkPartner.entity: ft.Icons.GROUPS,
}


class HomeView(ft.Column):
    """The start screen; keeps only UI state (query, Kommune), data comes from the service."""

    def __init__(
        self,
        service: ContentService,
        open_record: Callable[[str, str], None],
        open_topic: Callable[[str, str | None], None],
        kommune: str | None = None,
        favourites: Callable[[], list[Saved]] = list,
        example_data: bool = True,
    ) -> None:
        super().__init__(expand=True, spacing=12, scroll=ft.ScrollMode.AUTO)
        self.service = service
        self.open_record = open_record
        self.open_topic = open_topic
        self.favourites = favourites
        self.kommune: str | None = kommune
        self.results = ft.Column(spacing=4)
        self.query = ft.TextField(
            label=t("search.label"),
            hint_text=t("search.hint"),
            prefix_icon=ft.Icons.SEARCH,
            suffix_icon=ft.IconButton(
                ft.Icon(ft.Icons.CLEAR, semantics_label=t("search.clear")),
                tooltip=t("search.clear"),
                on_click=lambda _: self.clear(),
            ),
            expand=True,
            on_change=lambda _: self.refresh(),
        )
        self.kommune_picker = ft.Dropdown(
            label=t("kommune.label"),
            value=kommune or _ALL,
            options=[ft.DropdownOption(key=_ALL, text=t("kommune.all"))]
            + [ft.DropdownOption(key=k.key, text=k.name) for k in service.kommunen()],
            on_select=self._on_kommune,
            width=260,
        )
        self.controls = [
            *([_example_banner()] if example_data else []),
            ft.ResponsiveRow(
                [
                    ft.Container(self.kommune_picker, col={"xs": 12, "md": 4}),
                    ft.Container(ft.Row([self.query]), col={"xs": 12, "md": 8}),
                ]
            ),
            self.results,
        ]
        self.refresh(update=False)

    def _on_kommune(self, event: ft.Event[ft.Dropdown]) -> None:
        value = self.kommune_picker.value
        self.kommune = None if value in (None, _ALL) else value
        self.refresh()

    def clear(self) -> None:
        """Back to favourites and topics."""
        self.query.value = ""
        self.refresh()

    def refresh(self, update: bool = True) -> None:
        """Rebuild the results (or the topic tiles when nothing is typed)."""
        text = (self.query.value or "").strip()
        if text:
            self.results.controls = _result_controls(
                self.service.search(text, self.kommune), self.open_record
            )
        else:
            self.results.controls = self._topic_tiles()
        if update:
            self.update()

    def _topic_tiles(self) -> list[ft.Control]:
        tiles: list[ft.Control] = [
            ft.Container(
                ft.Column(
                    [
                        ft.Icon(topic_icon(topic.icon), size=32),
                        ft.Text(topic.title, text_align=ft.TextAlign.CENTER),
                    ],
                    horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                    alignment=ft.MainAxisAlignment.CENTER,
                ),
                width=160,
                height=110,
                padding=8,
                border_radius=12,
                bgcolor=ft.Colors.SECONDARY_CONTAINER,
                tooltip=topic.title,
                on_click=lambda _, key=topic.key: self.open_topic(key, self.kommune),
                ink=True,
            )
            for topic in self.service.topics()
        ]
        saved = self.favourites()
        favourites: list[ft.Control] = []
        if saved:
            favourites.append(heading(t("favourites.title")))
            favourites.extend(
                ft.ListTile(
                    leading=ft.Icon(ft.Icons.STAR),
                    title=ft.Text(s.title, font_family_fallback=FALLBACK),
                    min_height=56,
                    on_click=lambda _, k=s.kind, i=s.record_id: self.open_record(k, i),
                )
                for s in saved
            )
        return [
            ft.Text(t("search.start")),
            *favourites,
            heading(t("topics.title"), large=True),
            ft.Row(tiles, wrap=True, spacing=12, run_spacing=12),
        ]


def topic_icon(name: str) -> ft.IconData:
    """The Material icon a topic names in the data; a neutral one for unknown names."""
    icon = getattr(ft.Icons, name.upper(), None)
    return icon if isinstance(icon, ft.IconData) else ft.Icons.LABEL_OUTLINE


def _example_banner() -> ft.Control:
    return ft.Container(
        ft.Row(
            [ft.Icon(ft.Icons.INFO_OUTLINE), ft.Text(t("example.banner"), expand=True)],
        ),
        bgcolor=ft.Colors.TERTIARY_CONTAINER,
        padding=12,
        border_radius=8,
    )


def _result_controls(
    results: SearchResults, open_record: Callable[[str, str], None]
) -> list[ft.Control]:
    if results.total == 0:
        return [ft.Text(t("search.empty", query=results.query))]
    controls: list[ft.Control] = [ft.Text(t("search.count", count=results.total))]
    for kind, hits in results.groups.items():
        controls.append(heading(t(f"kind.{kind}")))
        controls.extend(
            ft.ListTile(
                leading=ft.Icon(KIND_ICONS[kind]),
                title=ft.Text(hit.title, font_family_fallback=FALLBACK),
                subtitle=ft.Text(hit.subtitle) if hit.subtitle else None,
                min_height=56,
                on_click=lambda _, k=hit.kind, i=hit.record_id: open_record(k, i),
            )
            for hit in hits
        )
    return controls
