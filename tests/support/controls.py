"""Looking into a tree of Flet controls built in-process, as a person would scan a screen."""

from typing import Any

import flet as ft


def walk(control: object) -> list[Any]:
    """The control (or list of controls) and everything inside, in reading order."""
    if isinstance(control, list):
        return [found for item in control for found in walk(item)]
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


def choose(control: object, label: str) -> None:
    """Tap the radio button named `label` where a finger would: on its 48 px row."""
    rows: list[Any] = [
        c
        for c in walk(control)
        if isinstance(c, ft.GestureDetector)
        and any(isinstance(r, ft.Radio) and r.label == label for r in walk(c))
    ]
    assert rows, f"no radio {label!r}"
    rows[0].on_tap(None)


def chosen(control: object, name: str) -> str | None:
    """The label of the radio chosen in the group named `name` (None when none is)."""
    groups = [c for c in walk(control) if isinstance(c, ft.Semantics) and c.label == name]
    assert groups, f"no group {name!r}"
    group = groups[0].content
    assert isinstance(group, ft.RadioGroup)
    labels = [r.label for r in walk(group) if isinstance(r, ft.Radio) and r.value == group.value]
    return labels[0] if labels else None
