"""A guide's favourites and private notes on a contact point."""

from types import SimpleNamespace
from typing import Any

import flet as ft

from app.views.personal import favourite_button, note_box
from app.views.start import start_view
from tests.app.views.conftest import PRIVACY, first
from tests.support.controls import click, texts, walk
from wegweiser.model import ContactPoint


def test_favourite_and_note_on_a_contact_point(services) -> None:
    content, guide, _ = services
    contact = first(content, ContactPoint)
    toggled: list[bool] = []
    star: Any = favourite_button(False, lambda: toggled.append(True))
    assert star.content == "Als Favorit merken"
    star.on_click(None)
    assert toggled == [True]
    assert favourite_button(True, lambda: None).content == "Favorit entfernen"  # type: ignore[attr-defined]
    guide.set_favourite("contact_point", contact.id, True)
    assert guide.is_favourite("contact_point", contact.id)

    start = ft.Column(start_view(content.topics(), guide.favourites(), print, print))
    shown = texts(start)
    assert shown.index("Meine Favoriten") < shown.index(contact.name) < shown.index("Themen")

    typed: list[str] = []
    saved: list[bool] = []
    box = note_box("", "", False, typed.append, lambda: saved.append(True))
    assert PRIVACY in texts(box)
    field = next(c for c in walk(box) if isinstance(c, ft.TextField))
    changed: Any = field.on_change
    changed(SimpleNamespace(control=SimpleNamespace(value="Hintereingang nutzen")))
    click(box, "Notiz speichern")
    assert typed == ["Hintereingang nutzen"] and saved == [True]
    assert "Notiz gespeichert." in texts(note_box("x", "Notiz gespeichert.", False, print, print))
