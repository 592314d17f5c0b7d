"""A broken store shows its German message and a button that really starts afresh."""

from pathlib import Path
from typing import Any

import flet as ft
import pytest

from app.store.database import StoreCorruptError, StoreTooNewError, open_store, quarantine
from app.views.store_error import store_error_view


def texts(control: ft.Control) -> list[str]:
    found = [control.value] if isinstance(control, ft.Text) else []
    for child in getattr(control, "controls", None) or []:
        found += texts(child)
    return found


def buttons(control: ft.Control) -> list[ft.FilledButton]:
    return [c for c in getattr(control, "controls", []) if isinstance(c, ft.FilledButton)]


def test_corrupt_store_offers_the_way_out(tmp_path: Path) -> None:
    path = tmp_path / "wegweiser.sqlite"
    path.write_bytes(b"kaputt" * 1000)
    with pytest.raises(StoreCorruptError) as info:
        open_store(path)
    restarted: list[Path] = []

    view = store_error_view(info.value, lambda: restarted.append(quarantine(path)))

    shown = texts(view)
    assert "Die Daten auf diesem Gerät können nicht geöffnet werden" in shown
    assert info.value.message in shown
    (button,) = buttons(view)
    assert button.content == "Beiseitelegen und neu beginnen"
    pressed: Any = button.on_click
    pressed(None)
    assert restarted and restarted[0].read_bytes() == b"kaputt" * 1000
    open_store(path).close()  # the app can start with a fresh store now


def test_store_from_newer_app_has_no_destructive_button(tmp_path: Path) -> None:
    error = StoreTooNewError("Bitte aktualisieren Sie die App.", tmp_path / "x.sqlite")
    view = store_error_view(error, lambda: None)
    assert buttons(view) == []
    assert "Bitte aktualisieren Sie die App." in texts(view)
