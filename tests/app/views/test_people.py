"""The office's people screen built in-process: which roles a code may carry."""

import flet as ft

from app.views.people import CodeForm, PeopleActions, PeopleView, people_view
from tests.support.controls import choose, chosen, walk
from wegweiser.protocol import Role


def _view(form: CodeForm, chosen_roles: list[Role]) -> ft.Control:
    return people_view(
        PeopleView([], form, this_device="d1"),
        PeopleActions(
            on_name=lambda _: None,
            on_role=chosen_roles.append,
            create=lambda: None,
            ask=lambda _: None,
            revoke=lambda _: None,
        ),
    )


def test_an_administrator_chooses_the_role_in_a_named_group() -> None:
    picked: list[Role] = []
    form = CodeForm("Ben", Role.LOTSE, (Role.LOTSE, Role.KOORDINATION, Role.ADMIN))
    view = _view(form, picked)
    assert chosen(view, "Rolle") == "Integrationslotsin / Integrationslotse"
    choose(view, "Koordinierungsstelle")
    assert picked == [Role.KOORDINATION]


def test_a_coordinator_hands_out_guide_codes_only_and_sees_no_choice() -> None:
    form = CodeForm("Ben", Role.LOTSE, (Role.LOTSE,))
    assert not [c for c in walk(_view(form, [])) if isinstance(c, ft.Radio)]
