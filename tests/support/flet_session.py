"""The app's whole component tree in an in-process Flet session: the real components,
hooks, contexts, router and services, with no browser and no Flutter.

Flet's socket server does three things this class does too: it registers the page (its
size, route and platform as a browser would report them), it encodes every message to
the client (encoding is what records the client's state, so the next patch holds only
what changed) and it dispatches the client's events to controls. The messages are then
dropped: what a person would see is read from the rendered tree (`texts`, `find`).
Use it for the glue between screens and services; how Flutter draws is the browser
tests' job.
"""

import asyncio
import dataclasses
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import flet as ft
import msgpack
from flet.components.component import Component
from flet.controls.base_control import BaseControl
from flet.controls.context import _context_page
from flet.messaging.connection import Connection
from flet.messaging.protocol import (
    Message,
    MessageAction,
    RegisterClientResponseBody,
    configure_encode_object_for_msgpack,
)
from flet.messaging.session import Session
from flet.pubsub.pubsub_hub import PubSubHub

from app.views.app import OPENING_KEY

_ENCODE = configure_encode_object_for_msgpack(BaseControl)


class _Client(Connection):
    """A connection whose client draws nothing: messages are encoded, then dropped; a
    new route is taken as a browser takes it (the route changes, the page hears it); the
    platform's file dialogs answer with what the test put there."""

    session: Session | None = None
    picked: list[tuple[str, bytes]]
    """What the next file dialog returns (name, content); empty: the person cancels."""
    saved: dict[str, bytes]
    """What the app saved through the platform's dialog, by file name."""
    launched: list[str]
    """The addresses the app handed to the platform (a call, a map, a web page)."""
    sent: list[bytes]
    """Every message to the client, as it went over the wire, in order."""

    def send_message(self, message: Message) -> None:
        self.sent.append(msgpack.packb([message.action, message.body], default=_ENCODE))
        body = message.body
        if message.action != MessageAction.INVOKE_METHOD:
            return
        if body.name == "push_route":
            self.loop.create_task(self._route_changed(body.control_id, body.call_id, body.args))
        elif body.name == "pick_files":
            files = [
                {"id": i, "name": name, "size": len(data), "bytes": data}
                for i, (name, data) in enumerate(self.picked)
            ]
            self.picked = []
            self.loop.call_soon(self._answer, body.control_id, body.call_id, files)
        elif body.name == "launch_url":
            self.launched.append(body.args["url"])
            self.loop.call_soon(self._answer, body.control_id, body.call_id, None)
        elif body.name == "save_file":
            self.saved[body.args["file_name"]] = body.args["src_bytes"]
            self.loop.call_soon(self._answer, body.control_id, body.call_id, None)

    def _answer(self, control_id: int, call_id: str, result: Any) -> None:
        assert self.session is not None
        self.session.handle_invoke_method_results(control_id, call_id, result, None)

    async def _route_changed(self, control_id: int, call_id: str, args: Any) -> None:
        assert self.session is not None
        route = args["route"]
        self.session.apply_page_patch({"route": route})
        self.session.handle_invoke_method_results(control_id, call_id, None, None)
        await self.session.dispatch_event(self.session.page._i, "route_change", {"route": route})


class AppSession:
    """One browser tab's session of the app, driven from a test."""

    def __init__(
        self, main: Callable[[ft.Page], None], route: str = "/", width: int = 1280
    ) -> None:
        self.loop = asyncio.new_event_loop()
        self.executor = ThreadPoolExecutor(max_workers=2)
        self.taps: list[asyncio.Task[None]] = []
        """Taps still handled (`tap_and_go_on`), held so that none is collected."""
        client = _Client()
        client.loop, client.executor = self.loop, self.executor
        client.page_url = "http://127.0.0.1:8550"
        client.picked, client.saved, client.launched, client.sent = [], {}, [], []
        client.pubsubhub = PubSubHub(self.loop, self.executor)
        self.client = client
        self.session: Session = self._run(self._register(main, route, width))
        self.settle()
        self._wait_until_opened()

    async def _register(self, main: Callable[[ft.Page], None], route: str, width: int) -> Session:
        session = Session(self.client)
        self.client.session = session
        _context_page.set(session.page)
        session.apply_page_patch({"route": route, "width": width, "height": 800})
        body = RegisterClientResponseBody(session.id, session.get_page_patch(), "")
        self.client.send_message(Message(MessageAction.REGISTER_CLIENT, body))
        main(session.page)
        return session

    def _wait_until_opened(self, timeout: float = 30) -> None:
        """Settle until the app's opening frame is gone: the store opens in a worker
        thread after the first frame (`app.views.app`)."""
        deadline = time.monotonic() + timeout
        while self.opening():
            assert time.monotonic() < deadline, "the store did not open"
            self.settle(rounds=4)

    def opening(self) -> bool:
        """Whether the app still shows its opening frame."""
        views = _controls_in(self.page.views)
        return any(getattr(view, "key", None) == OPENING_KEY for view in views)

    def _run(self, work: Any) -> Any:
        return self.loop.run_until_complete(work)

    @property
    def page(self) -> ft.Page:
        return self.session.page

    def settle(self, rounds: int = 30) -> None:
        """Let the session's scheduler draw what changed and run effects and tasks
        (navigation, handlers that await), as the event loop of a server would."""

        async def idle() -> None:
            for _ in range(rounds):
                await asyncio.sleep(0.005)

        self._run(idle())

    def settle_until(self, shown: Callable[[], bool], timeout: float = 20) -> None:
        """Settle until `shown()` holds: a handler that waits for a worker thread (the
        server's answer) draws its result later than `settle` waits."""
        deadline = time.monotonic() + timeout
        while not shown():
            assert time.monotonic() < deadline, f"never shown: {self.texts()}"
            self.settle(rounds=10)

    # --- what a person sees --------------------------------------------------------

    def controls(self) -> list[Any]:
        """Every control of the top view, in reading order."""
        views = _controls_in(self.page.views)
        shown = [view for view in views if isinstance(view, ft.View)]
        return list(_walk(shown[-1], set())) if shown else []

    def texts(self) -> list[str]:
        """Every text of the top view, in reading order."""
        return [str(c.value) for c in self.controls() if isinstance(c, ft.Text) and c.value]

    def find(self, kind: type, label: str, handling: str = "") -> Any:
        """The one control of `kind` named `label` (its text, label or tooltip); with
        `handling`, the one with a handler of that event."""
        found = [
            c
            for c in self.controls()
            if isinstance(c, kind)
            and label in _names(c)
            and (not handling or getattr(c, f"on_{handling}", None) is not None)
        ]
        assert len(found) == 1, f"{len(found)} × {kind.__name__} {label!r}: {self.texts()}"
        return found[0]

    @property
    def route(self) -> str:
        return str(self.page.route)

    # --- what a person does --------------------------------------------------------

    def click(self, label: str, kind: type = BaseControl) -> None:
        """Tap the control named `label`."""
        self.event(self.find(kind, label, handling="click"), "click")

    def type(self, label: str, text: str) -> None:
        """Type `text` into the field labelled `label`, as the client reports it."""
        field = self.find(ft.TextField, label)
        self.change(field, text)

    def change(self, control: Any, value: Any, event: str = "change") -> None:
        """The client's new value of `control`, then its change event."""
        self.session.apply_patch(control._i, {"value": value})
        self.event(control, event)

    def event(self, control: Any, name: str, data: Any = None) -> None:
        self._run(self.session.dispatch_event(control._i, name, data))
        self.settle()

    def tap_and_go_on(self, label: str) -> None:
        """Tap `label` as the server takes a tap: its handler runs as a task of its own
        (`flet_web`'s app), and this returns once the screen was drawn again, while the
        handler may still wait for a worker thread."""
        control = self.find(BaseControl, label, handling="click")
        self.taps.append(
            self.loop.create_task(self.session.dispatch_event(control._i, "click", None))
        )
        self.settle()

    def at_once(self, typed: tuple[Any, str], tapped: Any) -> None:
        """The last keys typed into a field and a tap, in one message from a slow tablet:
        both are handled before the screen is drawn again."""
        field, value = typed

        async def handle() -> None:
            self.session.apply_patch(field._i, {"value": value})
            await self.session.dispatch_event(field._i, "change", None)
            await self.session.dispatch_event(tapped._i, "click", None)

        self._run(handle())
        self.settle()

    def pick(self, name: str, data: bytes) -> None:
        """The file the person will choose in the next file dialog."""
        self.client.picked = [(name, data)]

    @property
    def saved(self) -> dict[str, bytes]:
        """Files the app saved through the platform's dialog, by name."""
        return self.client.saved

    @property
    def launched(self) -> list[str]:
        """Addresses the app handed to the platform (tel:, geo:, https:), in order."""
        return self.client.launched

    def go(self, route: str) -> None:
        """Open `route` as the browser's address bar would."""
        self._run(self.page.push_route(route))
        self.settle()

    def close(self) -> None:
        """The tab closed: the session ends (the page hears it: the app stops its sync)."""

        async def end() -> None:
            self.session.close()
            await asyncio.sleep(0.05)

        self._run(end())
        self.loop.close()
        self.executor.shutdown(wait=True)


def _controls_in(value: Any) -> list[Any]:
    if isinstance(value, Component):
        return _controls_in(value._b)
    if isinstance(value, list):
        return [found for item in value for found in _controls_in(item)]
    return [value] if isinstance(value, BaseControl) else []


def _walk(control: Any, seen: set[int]) -> Iterator[Any]:
    if id(control) in seen:
        return
    seen.add(id(control))
    if isinstance(control, Component):
        for child in _controls_in(control._b):
            yield from _walk(child, seen)
        return
    yield control
    for field in dataclasses.fields(control):
        if field.name.startswith("_"):
            continue
        value = getattr(control, field.name, None)
        for child in _controls_in(value) if isinstance(value, list | BaseControl) else []:
            yield from _walk(child, seen)


def _names(control: Any) -> list[str]:
    names = []
    for attribute in ("content", "title", "label", "tooltip", "text", "value", "semantics_label"):
        value = getattr(control, attribute, None)
        if isinstance(value, str):
            names.append(value)
        elif isinstance(value, ft.Text) and isinstance(value.value, str):
            names.append(value.value)
    icon = getattr(control, "icon", None)
    if isinstance(icon, ft.Icon) and isinstance(icon.semantics_label, str):
        names.append(icon.semantics_label)
    content = getattr(control, "content", None)
    if isinstance(content, ft.Icon) and isinstance(content.semantics_label, str):
        names.append(content.semantics_label)
    return names
