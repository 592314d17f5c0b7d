"""Showing a control that changed after the screen was built."""

import contextlib

import flet as ft


def redraw(control: ft.Control) -> None:
    """Send the control's new state to the client.

    A control that is not on a page (the screen was left, the session closed, or it is
    being checked in-process) has nothing to redraw; its new state shows when it is
    mounted again.
    """
    with contextlib.suppress(RuntimeError):
        control.update()
