"""A stack of screens with a back button: the app's only navigation state."""

from collections.abc import Callable
from dataclasses import dataclass, field

import flet as ft


@dataclass
class Screen:
    """A title and a function that builds the screen's controls from current data."""

    title: str
    build: Callable[[], ft.Control]
    live: bool = False
    """Rebuilt when a sync changes the status (lists of reports, conflicts, sync details)."""


@dataclass
class Navigator:
    """Push screens, go back; `on_change` redraws the shell."""

    on_change: Callable[[], None]
    stack: list[Screen] = field(default_factory=list)

    @property
    def current(self) -> Screen:
        return self.stack[-1]

    @property
    def can_go_back(self) -> bool:
        return len(self.stack) > 1

    def root(self, screen: Screen) -> None:
        self.stack = [screen]
        self.on_change()

    def push(self, screen: Screen) -> None:
        self.stack.append(screen)
        self.on_change()

    def back(self) -> None:
        if self.can_go_back:
            self.stack.pop()
            self.on_change()
