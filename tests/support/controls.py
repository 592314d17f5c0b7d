"""Looking into a tree of Flet controls built in-process, as a person would scan a screen."""

from typing import Any

import flet as ft


def walk(control: object) -> list[Any]:
    """The control and everything inside it, in reading order."""
    found = [control]
    for name in ("controls", "content", "title", "subtitle", "label", "leading", "suffix_icon"):
        child = getattr(control, name, None)
        if isinstance(child, list):
            for item in child:
                found += walk(item)
        elif isinstance(child, ft.Control):
            found += walk(child)
    return found


def texts(control: object) -> list[str]:
    """Every text shown, in reading order."""
    return [c.value for c in walk(control) if isinstance(c, ft.Text)]


def button(control: object, label: str) -> Any:
    """The button whose text is `label` (fails the test when there is none)."""
    found = [
        c
        for c in walk(control)
        if isinstance(c, ft.FilledButton | ft.OutlinedButton | ft.TextButton) and c.content == label
    ]
    assert found, f"no button {label!r}"
    return found[0]


def click(control: object, label: str) -> None:
    """Run the button's click handler as Flet would."""
    button(control, label).on_click(None)
