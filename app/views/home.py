"""Home: search across the whole Wegweiser, the Kommune, the results, example-data notice
(what shows before anything is typed is `app.views.start`).

Functions of data and callbacks; the search screen (`app.views.screens.guide`) holds the state."""

from collections.abc import Callable
from dataclasses import dataclass, field

import flet as ft

from app.i18n import language, t
from app.views.fonts import FALLBACK
from app.views.start import Open, topic_icon
from app.views.style import TOUCH, button, button_row, heading
from wegweiser.model import ContactPoint, InfoSheet, Kommune, NetworkPartner, Offer
from wegweiser.search.results import SearchResults

_ALL = "__alle__"
KIND_ICONS = {
    ContactPoint.entity: ft.Icons.PLACE,
    InfoSheet.entity: ft.Icons.DESCRIPTION,
    Offer.entity: ft.Icons.EVENT,
    NetworkPartner.entity: ft.Icons.GROUPS,
}


@dataclass(frozen=True)
class SearchView:
    """What the search screen shows."""

    kommunen: list[Kommune]
    kommune: str | None = None
    """The chosen Kommune (None: all)."""
    query: str = ""
    results: SearchResults | None = None
    """None while nothing is typed: then `start` is shown."""
    start: list[ft.Control] = field(default_factory=list)
    example_data: bool = False
    missing: frozenset[str] = frozenset()
    """Kommunen whose entries this device does not hold."""
    field: ft.Ref[ft.TextField] | None = None
    """Set to the search field as drawn."""
    typed: str | None = None
    """What the field holds when the person typed last (their newer keys may have come in
    while `query`'s results were drawn); None: `query`, which the app set."""


@dataclass(frozen=True)
class SearchActions:
    """What the search screen's controls call."""

    on_query: Callable[[str], None]
    on_kommune: Callable[[str | None], None]
    open_topic: Callable[[str], None]
    open_record: Open
    fetch: Callable[[str], None] = lambda _: None
    """Add a Kommune to the device's and sync it."""
    on_typed: Callable[[str], None] | None = None
    """The person typed in the field (None: `on_query`, as when the app sets it)."""


def home_view(view: SearchView, actions: SearchActions) -> ft.Control:
    """The start screen: Kommune and search field, then results or `start` (favourites
    and topics) when nothing is typed. Kommunen in `missing` have no entries on this
    device: the picker says so, and choosing one offers to fetch it."""
    kommunen, kommune, query, results = view.kommunen, view.kommune, view.query, view.results
    missing, on_query, on_kommune = view.missing, actions.on_query, actions.on_kommune
    picker = ft.Dropdown(
        label=t("kommune.label"),
        value=kommune or _ALL,
        options=[ft.DropdownOption(key=_ALL, text=t("kommune.all"))]
        + [
            ft.DropdownOption(
                key=k.key,
                text=t("kommune.not_here", name=k.name) if k.key in missing else k.name,
            )
            for k in kommunen
        ],
        on_select=lambda e: on_kommune(
            None if e.control.value in (None, _ALL) else e.control.value
        ),
        # The whole width it is given: a fixed one cut "Alle Kommunen" at a large text.
        expand=True,
        # A field one can type in ("Hal" → Halberstadt): it also carries its label for
        # screen readers, which the plain dropdown button did not.
        editable=True,
        enable_filter=True,
        trailing_icon=ft.Icon(ft.Icons.ARROW_DROP_DOWN, semantics_label=t("kommune.choose")),
        # Open, the menu's button had no name at all.
        selected_trailing_icon=ft.Icon(ft.Icons.ARROW_DROP_UP, semantics_label=t("kommune.close")),
    )
    on_typed = actions.on_typed or on_query
    field = ft.TextField(
        label=t("search.label"),
        hint_text=t("search.hint"),
        # Never an older value than the field holds: drawn with the query being searched
        # while newer keys came in, the field was set back and those keys were lost.
        value=query if view.typed is None else view.typed,
        ref=view.field,
        prefix_icon=ft.Icons.SEARCH,
        # Only with something to clear: an empty field's clear button is a dead end.
        # No tooltip: after "Suche leeren" with a mouse the button comes back under the
        # pointer while the person types on, and its tooltip took the field's focus
        # after a few letters. The icon's label names it for screen readers.
        suffix_icon=ft.IconButton(
            ft.Icon(ft.Icons.CLEAR, semantics_label=t("search.clear")),
            on_click=lambda _: on_query(""),
            width=TOUCH,
            height=TOUCH,
        )
        if query
        else None,
        expand=True,
        on_change=lambda e: on_typed(e.control.value or ""),
    )
    shown = view.start if results is None else _result_controls(results, actions)
    absent = next((k for k in kommunen if k.key == kommune and k.key in missing), None)
    return ft.Column(
        [
            *([_example_banner()] if view.example_data else []),
            *([_missing_banner(absent, actions.fetch)] if absent is not None else []),
            ft.ResponsiveRow(
                [
                    ft.Container(picker, col={"xs": 12, "md": 4}),
                    ft.Container(ft.Row([field]), col={"xs": 12, "md": 8}),
                ]
            ),
            ft.Column(shown, spacing=4),
        ],
        expand=True,
        spacing=12,
        scroll=ft.ScrollMode.AUTO,
    )


def _missing_banner(kommune: Kommune, fetch: Callable[[str], None]) -> ft.Control:
    """Results would be silently incomplete: say so, and offer to fetch the Kommune."""
    return ft.Container(
        ft.Column(
            [
                ft.Text(t("kommune.missing", name=kommune.name)),
                button_row(
                    button(
                        t("kommune.fetch", name=kommune.name),
                        look="filled",
                        icon=ft.Icons.DOWNLOAD,
                        on_click=lambda _: fetch(kommune.key),
                    )
                ),
            ],
            spacing=8,
        ),
        padding=12,
        border_radius=8,
        bgcolor=ft.Colors.ERROR_CONTAINER,
    )


def _example_banner() -> ft.Control:
    return ft.Container(
        ft.Row(
            [ft.Icon(ft.Icons.INFO_OUTLINE), ft.Text(t("example.banner"), expand=True)],
        ),
        bgcolor=ft.Colors.TERTIARY_CONTAINER,
        padding=12,
        border_radius=8,
    )


def _result_controls(results: SearchResults, actions: SearchActions) -> list[ft.Control]:
    """The hits by kind; the correction searched instead; and when nothing is found,
    the same search in all Kommunen and the matching topics."""
    controls: list[ft.Control] = []
    if results.correction:
        controls.append(
            button(
                t("search.did_you_mean", word=results.correction),
                look="text",
                icon=ft.Icons.SPELLCHECK,
                on_click=lambda _: actions.on_query(results.correction or ""),
            )
        )
    if results.related and results.total:
        word, part = results.related
        controls.append(ft.Text(t("search.related", word=word, part=part)))
    if results.total == 0:
        empty = "search.empty_here" if results.elsewhere else "search.empty"
        controls.append(ft.Text(t(empty, query=results.query)))
        if results.elsewhere:
            controls.append(
                button(
                    t("search.everywhere", count=results.elsewhere),
                    look="tonal",
                    icon=ft.Icons.TRAVEL_EXPLORE,
                    on_click=lambda _: actions.on_kommune(None),
                )
            )
        if results.topics:
            controls.append(heading(t("search.topics")))
            controls.extend(
                ft.ListTile(
                    leading=ft.Icon(topic_icon(topic.icon)),
                    title=ft.Text(topic.title_in(language()), font_family_fallback=FALLBACK),
                    min_height=56,
                    on_click=lambda _, key=topic.key: actions.open_topic(key),
                )
                for topic in results.topics
            )
        if not results.elsewhere and not results.topics:
            controls.append(ft.Text(t("search.nothing_else")))
        return controls
    controls.append(ft.Text(t("search.count", count=results.total)))
    for kind, hits in results.groups.items():
        controls.append(heading(t(f"kind.{kind}")))
        controls.extend(
            ft.ListTile(
                leading=ft.Icon(KIND_ICONS[kind]),
                title=ft.Text(hit.title, font_family_fallback=FALLBACK),
                subtitle=ft.Text(hit.subtitle) if hit.subtitle else None,
                min_height=56,
                on_click=lambda _, k=hit.kind, i=hit.record_id: actions.open_record(k, i),
            )
            for hit in hits
        )
    return controls
