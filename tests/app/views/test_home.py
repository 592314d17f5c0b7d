"""The search screen's leaf view, built in-process from real search results: the
correction, and what is offered when a Kommune has no hits."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import flet as ft
import pytest

from app.services.content import ContentService
from app.services.sync import SyncService
from app.store.database import open_store
from app.views.home import SearchActions, SearchView, home_view
from tests.support.controls import button, texts, walk
from wegweiser.protocol import Role
from wegweiser.search.results import SearchResults


@pytest.fixture
def content(tmp_path: Path) -> Iterator[ContentService]:
    store = open_store(tmp_path / "wegweiser.sqlite")
    service = ContentService(store)
    service.ensure_content()
    yield service
    store.close()


def screen(content: ContentService, query: str, kommune: str | None, calls: list[Any]) -> Any:
    return home_view(
        SearchView(content.kommunen(), kommune, query, content.search(query, kommune)),
        SearchActions(
            lambda text: calls.append(("query", text)),
            lambda key: calls.append(("kommune", key)),
            lambda key: calls.append(("topic", key)),
            lambda kind, record_id: calls.append(("record", kind)),
        ),
    )


def tap(view: Any, label: str) -> None:
    [button] = [
        c
        for c in walk(view)
        if isinstance(c, ft.TextButton | ft.FilledTonalButton) and str(c.content).startswith(label)
    ]
    clicked: Any = button.on_click
    clicked(None)


def test_a_corrected_word_is_offered_and_its_results_shown(content: ContentService) -> None:
    calls: list[Any] = []
    view = screen(content, "Jobcentr", None, calls)
    assert "Jobcenter Landkreis Harz – Standort Halberstadt" in texts(view)
    tap(view, "Meinten Sie: Jobcenter?")
    assert calls == [("query", "Jobcenter")]


def test_no_hits_in_a_kommune_offers_all_kommunen_never_a_bare_no(
    content: ContentService,
) -> None:
    calls: list[Any] = []
    view = screen(content, "Fahrrad", "thale", calls)
    shown = texts(view)
    assert "Keine Treffer für „Fahrrad“ in dieser Kommune." in shown
    tap(view, "In allen Kommunen suchen (")
    assert calls == [("kommune", None)]
    assert screen(content, "Fahrrad", None, [])  # and there they are
    assert content.search("Fahrrad", None).total > 0


def test_nothing_anywhere_still_suggests_topics_or_other_words(content: ContentService) -> None:
    nothing = texts(screen(content, "Hasselfelde", None, []))
    assert "Keine Treffer für „Hasselfelde“." in nothing
    assert any(line.startswith("Versuchen Sie ein anderes Wort") for line in nothing)

    health = next(topic for topic in content.topics() if topic.key == "gesundheit")
    calls: list[Any] = []
    view = home_view(
        SearchView([], None, "Gesundh", SearchResults("Gesundh", topics=[health])),
        SearchActions(print, print, lambda key: calls.append(key), print),
    )
    assert texts(view)[-2:] == ["Passende Themen", health.title]
    [tile] = [c for c in walk(view) if isinstance(c, ft.ListTile)]
    clicked: Any = tile.on_click
    clicked(None)
    assert calls == ["gesundheit"]


def clear_buttons(view: Any) -> list[Any]:
    return [
        c
        for c in walk(view)
        if isinstance(c, ft.IconButton)
        and isinstance(c.icon, ft.Icon)
        and c.icon.semantics_label == "Suche leeren"
    ]


def test_the_clear_button_shows_only_with_something_to_clear(content: ContentService) -> None:
    calls: list[Any] = []
    assert clear_buttons(screen(content, "", None, calls)) == []
    [clear] = clear_buttons(screen(content, "Jobcenter", None, calls))
    assert (clear.width, clear.height) == (48, 48)  # a tablet's touch target
    clear.on_click(None)
    assert calls == [("query", "")]


def test_a_kommune_not_on_the_device_is_named_so_and_can_be_fetched(make_tablet) -> None:
    """Choosing a Kommune whose entries the device does not hold gave silently incomplete
    results; now the picker says so and one tap fetches it."""
    tablet = make_tablet("lotsin", role=Role.LOTSE, kommunen=("thale",))
    tablet.engine.sync()
    content, sync = ContentService(tablet.store), SyncService(tablet.store, tablet.engine)
    missing = sync.kommunen_not_here()
    assert "halberstadt" in missing and "thale" not in missing
    fetched: list[str] = []

    def view(kommune: str | None) -> Any:
        return home_view(
            SearchView(content.kommunen(), kommune, missing=sync.kommunen_not_here()),
            SearchActions(print, print, print, print, fetched.append),
        )

    picker = next(c for c in walk(view(None)) if isinstance(c, ft.Dropdown))
    names = {option.key: option.text for option in picker.options or []}
    assert names["halberstadt"] == "Halberstadt (nicht auf dem Gerät)"
    assert names["thale"] == "Thale"
    shown = view("halberstadt")
    assert any(line.startswith("Die Einträge von Halberstadt sind nicht") for line in texts(shown))
    button(shown, "Halberstadt auf das Gerät laden").on_click(None)
    assert fetched == ["halberstadt"]
    sync.choose_kommunen(["halberstadt", "thale"])  # what the screen's fetch does
    tablet.engine.sync()
    assert "halberstadt" not in sync.kommunen_not_here()
    found = content.search("Jobcenter Halberstadt", "halberstadt").groups.get("contact_point", [])
    assert any("Halberstadt" in hit.title for hit in found)
