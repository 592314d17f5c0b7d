"""Nothing a guide must read is ever cut: every screen, walked in-process on a phone's
width as the office sees it (every screen is open to it), holds no text that can be cut
short at a large text size.

What cut text in the browser (issue 23, item 3) was always one of five things: a
text ending in an ellipsis after a number of lines, a button of a fixed height whose
label wrapped to a second line, a row of a fixed height around a labelled checkbox, and
a button in a row that does not wrap, as wide as its label, and a checkbox's own
label (one line). Flutter clips such a control
to its parent, semantics included, so the browser cannot see the cut: the browser test
(tests/e2e/test_large_text.py) photographs the screens and checks what reaches past the
screen; this one finds the constructs on every screen.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import flet as ft
import pytest

from tests.app.views.test_shell import connected, go_on_with
from tests.support.flet_session import AppSession
from tests.support.server import Server
from wegweiser.dataset import Dataset
from wegweiser.protocol import Role

_BUTTONS = (ft.FilledButton, ft.FilledTonalButton, ft.OutlinedButton, ft.TextButton)
_ONE_LINE = 22
"""Characters of a line on a 360 px phone at "Sehr groß" beside a checkbox ("Oberharz
am Brocken" fits, "An Feiertagen geschlossen" did not)."""


def cut_short(tab: AppSession) -> list[str]:
    """Every text on the shown screen that a large text size could cut, described."""
    found: list[str] = []
    for control in tab.controls():
        if isinstance(control, ft.Text) and (control.max_lines or control.no_wrap):
            found.append(f"text kept to {control.max_lines or 1} lines: {control.value!r}")
        if isinstance(control, _BUTTONS) and control.height is not None:
            found.append(f"button {control.height} px high: {_words(control)!r}")
        if isinstance(control, ft.Row) and not control.wrap:
            # A row that does not wrap lets a button be as wide as its one line of
            # label: past the screen's edge on a phone ("Wernigerode auf das Gerät …").
            found += [
                f"button in a row that does not wrap: {_words(child)!r}"
                for child in control.controls
                if isinstance(child, _BUTTONS) and not child.expand
            ]
        if isinstance(control, ft.Checkbox | ft.Radio) and len(_words(control)) > _ONE_LINE:
            # Flet keeps a checkbox's own label to one line: longer than a phone's line
            # at "Sehr groß", it is cut (`style.check_row` wraps).
            found.append(f"label on one line: {_words(control)!r}")
        if isinstance(control, ft.Container) and control.height is not None:
            words = _words(control.content)
            if words:
                found.append(f"row {control.height} px high around {words!r}")
    return found


def _words(control: Any) -> str:
    """What a control shows as text: its own, its label's, its content's."""
    if control is None or isinstance(control, str):
        return control or ""
    for name in ("value", "label", "text"):
        value = getattr(control, name, None)
        if isinstance(value, str) and value:
            return value
    return _words(getattr(control, "content", None))


@pytest.fixture
def office(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sync_server: Server
) -> Iterator[AppSession]:
    tab = connected(tmp_path, monkeypatch, sync_server, Role.KOORDINATION, width=360)
    yield tab
    tab.close()


def test_no_screen_holds_text_that_can_be_cut(office: AppSession, demo_dataset: Dataset) -> None:
    assert cut_short(office) == []  # the first start's Kommunen
    go_on_with(office, "Halberstadt")

    def in_halberstadt(records: list[Any]) -> str:
        return next(r.id for r in records if "halberstadt" in r.kommune_keys)

    contact = in_halberstadt(demo_dataset.contact_points)
    offer = next(o.id for o in demo_dataset.offers if o.kommune_key == "halberstadt")
    partner = next(p.id for p in demo_dataset.partners if "halberstadt" in p.kommune_keys)
    sheet = next(s.id for s in demo_dataset.sheets if s.title.startswith("Notrufnummern"))
    record = f"/record/contact_point/{contact}"
    routes = [
        "/",
        f"/topic/{demo_dataset.topics[0].key}",
        record,
        f"{record}/report",
        f"{record}/show",
        f"{record}/edit",
        f"{record}/history",
        f"/record/info_sheet/{sheet}",
        f"/record/offer/{offer}",
        f"/record/network_partner/{partner}",
        "/handouts",
        "/reports",
        "/review",
        "/review/due",
        "/review/people",
        "/review/tables",
        "/review/edit",
        "/settings",
        "/settings/sign-out",
        "/sync",
        "/sync/conflicts",
    ]
    office.type("Suchen", "Jobcenter")
    found = {"/ (results)": cut_short(office)}
    # A Kommune not on the device: the banner that offers to load it.
    office.change(office.find(ft.Dropdown, "Kommune"), "wernigerode", event="select")
    assert "Wernigerode auf das Gerät laden" in [
        c.content for c in office.controls() if isinstance(c, ft.FilledButton)
    ]
    found["/ (Kommune not on the device)"] = cut_short(office)
    for route in routes:
        office.go(route)
        assert office.route == route
        found[route] = cut_short(office)
        assert "Dieser Eintrag ist nicht mehr vorhanden." not in office.texts()
    cut = {route: cut for route, cut in found.items() if cut}
    assert not cut, "\n".join(f"{route}: {c}" for route, c in cut.items())
