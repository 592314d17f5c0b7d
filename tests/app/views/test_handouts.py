"""Kept handouts listed with share and save; the office downloads every Kommune's Wegweiser."""

import asyncio
from typing import Any

import flet as ft

from app.services.handouts import KeptHandout
from app.views.handouts import handouts_view
from app.views.tables import TablesActions, tables_view
from tests.support.controls import texts, walk


def test_kept_handouts_are_listed_with_share_and_save() -> None:
    async def nothing(*_: object) -> None:
        return None

    kept = [
        KeptHandout("thale", "Thale", "ar", "wegweiser-thale-ar.pdf", '"t"', "2026-11-28T10:00"),
        KeptHandout("thale", "Thale", "de", "wegweiser-thale-de.pdf", '"t"', "2026-11-28T10:00"),
    ]
    view = handouts_view(kept, "", False, nothing, nothing, nothing)
    shown = texts(view)
    assert "Thale · Deutsch" in shown and "Thale · العربية" in shown
    assert shown.index("Thale · Deutsch") < shown.index("Thale · العربية")  # German first
    labels = [c.content for c in walk(view) if isinstance(c, ft.OutlinedButton)]
    assert labels == ["Teilen", "Speichern", "Teilen", "Speichern"]
    empty = texts(handouts_view([], "", False, nothing, nothing, nothing))
    assert any("Noch keine PDFs" in line for line in empty)


def test_the_office_downloads_every_kommunes_wegweiser_in_a_language() -> None:
    asked: list[str] = []

    async def nothing(*_: object) -> None:
        return None

    async def print_all(language: str) -> None:
        asked.append(language)

    actions = TablesActions(nothing, nothing, nothing, nothing, lambda: None, print_all)
    view = tables_view(actions, None)
    buttons = {c.content: c for c in walk(view) if isinstance(c, ft.OutlinedButton) and c.tooltip}
    assert list(buttons) == ["Deutsch", "English", "العربية", "Українська", "فارسی", "Русский"]
    handler: Any = buttons["العربية"].on_click
    asyncio.run(handler(None))
    assert asked == ["ar"]
    assert "Gedruckter Wegweiser" in texts(view)
