"""The settings apply each choice; signing out asks first; the Kommunen are rows a finger hits."""

from types import SimpleNamespace
from typing import Any

import flet as ft

from app.services.preferences import Preferences
from app.views.settings import kommunen_choice, settings_view, sign_out_view
from app.views.style import ROW_PADDING
from tests.support.controls import click, texts, walk


def test_settings_apply_each_choice_and_sign_out_asks_first(services) -> None:
    content, _, sync = services
    applied: list[tuple[str, object]] = []
    asked: list[bool] = []
    view = settings_view(
        Preferences(),
        sync,
        content,
        lambda name, value: applied.append((name, value)),
        lambda: asked.append(True),
    )
    groups = [c for c in walk(view) if isinstance(c, ft.RadioGroup)]
    assert [g.value for g in groups] == ["de", "1.0", "system"]
    for group, value in zip(groups, ["en", "1.6", "dark"], strict=True):
        group.value = value
        changed: Any = group.on_change
        changed(SimpleNamespace(control=group))
    assert applied == [("language", "en"), ("text_scale", 1.6), ("theme", "dark")]
    # Each option is a row of 48 px at least that takes the tap, not only the radio in it.
    rows = [c for c in walk(view) if isinstance(c, ft.GestureDetector)]
    assert len(rows) == 12 and all(row.content.padding == ROW_PADDING for row in rows)
    applied.clear()
    tapped: Any = rows[-1].on_tap
    tapped(None)  # "Dunkel", tapped beside the radio
    assert applied == [("theme", "dark")]
    shown = texts(view)
    assert "Nicht verbunden (nur Beispieldaten)" in shown
    assert str(sync.store.path) in shown
    click(view, "Mit einem Server verbinden")
    assert asked == [True]

    confirmed: list[bool] = []
    confirm = sign_out_view(2, True, lambda: confirmed.append(True))
    assert any("2 Änderung" in line and "verloren" in line for line in texts(confirm))
    assert confirmed == []
    click(confirm, "Ja, alles löschen")
    assert confirmed == [True]


def test_kommune_boxes_are_48_px_rows_that_take_the_tap(services) -> None:
    content, _, _ = services
    toggled: list[tuple[str, bool]] = []
    view = kommunen_choice(
        content.kommunen(), {"thale"}, "", lambda key, on: toggled.append((key, on)), print
    )
    rows = [c for c in walk(view) if isinstance(c, ft.GestureDetector)]
    assert len(rows) == len(content.kommunen())
    assert all(r.content.padding == ROW_PADDING for r in rows)
    by_name = {r.content.content.label: r for r in rows}
    for name in ("Thale", "Halberstadt"):
        tapped: Any = by_name[name].on_tap
        tapped(None)  # beside the box
    assert toggled == [("thale", False), ("halberstadt", True)]
