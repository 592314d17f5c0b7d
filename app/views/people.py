"""Geräte und Personen: a new enrolment code (text and QR code), and every account with
its devices and their last sync, each with "sperren" behind a second tap."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import flet as ft

from app.i18n import t
from app.services.people import NewCode, Person
from app.views.style import button, button_row, heading, hint, radio_choices
from wegweiser.protocol import DeviceInfo, Role

Target = tuple[str, str]
"""("device" | "account", id): what a revoke button is about."""


@dataclass(frozen=True)
class CodeForm:
    """What is typed for a new code, and the roles this person may hand out."""

    name: str
    role: Role
    roles: tuple[Role, ...]


@dataclass(frozen=True)
class PeopleView:
    """What the screen shows: the code form, the code made last, everybody's devices."""

    people: list[Person]
    form: CodeForm
    this_device: str
    """This device's id: nobody locks themselves out."""
    new_code: NewCode | None = None
    confirming: Target | None = None
    """The revoke button tapped once, asking for the second tap."""
    message: str = ""
    failed: bool = False


@dataclass(frozen=True)
class PeopleActions:
    """What the screen's controls call."""

    on_name: Callable[[str], None]
    on_role: Callable[[Role], None]
    create: Callable[[], None]
    ask: Callable[[Target | None], None]
    """A first tap on a revoke button (None: cancelled)."""
    revoke: Callable[[Target], None]


def people_view(view: PeopleView, actions: PeopleActions) -> ft.Control:
    """The code form (with the code made last) above the list of people."""
    form, on_name, on_role = view.form, actions.on_name, actions.on_role
    controls: list[ft.Control] = [heading(t("people.new_code"))]
    controls.append(
        ft.TextField(
            label=t("people.name"),
            value=form.name,
            max_length=100,
            on_change=lambda e: on_name(e.control.value or ""),
        )
    )
    if len(form.roles) > 1:
        controls.append(hint(t("people.role")))
        controls.append(
            radio_choices(
                t("people.role"),
                [(r.value, t(f"role.{r.value}")) for r in form.roles],
                form.role.value,
                lambda value: on_role(Role(value or form.role.value)),
            )
        )
    controls.append(
        button_row(
            button(
                t("people.create"),
                look="filled",
                icon=ft.Icons.QR_CODE_2,
                on_click=lambda _: actions.create(),
            )
        )
    )
    if view.message:
        color = ft.Colors.ERROR if view.failed else ft.Colors.PRIMARY
        controls.append(ft.Text(view.message, color=color))
    if view.new_code is not None:
        controls.append(_code_card(view.new_code))
    controls.append(ft.Divider())
    controls.append(heading(t("people.title")))
    if not view.people:
        controls.append(ft.Text(t("people.none")))
    for person in view.people:
        controls.append(_person_card(person, view, actions))
    return ft.Column(
        controls,
        spacing=12,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )


def _code_card(code: NewCode) -> ft.Control:
    """Large enough to scan from a tablet held up to another, and to read out."""
    until = _local(code.expires_at)
    return ft.Card(
        ft.Container(
            ft.Column(
                [
                    ft.Text(
                        t("people.code_for", name=code.account_name, role=t(f"role.{code.role}"))
                    ),
                    ft.Text(
                        code.code,
                        selectable=True,
                        size=28,
                        weight=ft.FontWeight.BOLD,
                        font_family="monospace",
                    ),
                    ft.Image(
                        src=code.qr_png,
                        width=264,
                        height=264,
                        semantics_label=t("people.qr"),
                    ),
                    hint(t("people.scan")),
                    hint(t("people.valid_until", when=until)),
                    ft.Text(code.link, selectable=True, size=12),
                ],
                spacing=8,
            ),
            padding=16,
        )
    )


def _person_card(person: Person, view: PeopleView, actions: PeopleActions) -> ft.Control:
    state = "" if person.active else f" · {t('people.revoked')}"
    if person.code_until is not None:
        state += f" · {t('people.code_waiting', when=_local(person.code_until))}"
    lines: list[ft.Control] = [
        ft.Text(person.name, weight=ft.FontWeight.W_600),
        hint(t(f"role.{person.role.value}") + state),
    ]
    for device in person.devices:
        lines.append(_device_row(device, view, actions))
    # Nobody locks themselves out (the server refuses it too).
    if person.active and not any(device.id == view.this_device for device in person.devices):
        target = ("account", person.account_id)
        lines.append(_revoke_button(target, t("people.revoke_account"), view, actions))
    return ft.Card(ft.Container(ft.Column(lines, spacing=6), padding=12))


def _device_row(device: DeviceInfo, view: PeopleView, actions: PeopleActions) -> ft.Control:
    seen = (
        t("people.last_sync", when=_local(device.last_seen_at))
        if device.last_seen_at
        else t("people.never_synced")
    )
    facts = [seen]
    if device.revoked:
        facts.append(t("people.revoked"))
    if device.id == view.this_device:
        facts.append(t("people.this_device"))
    parts: list[ft.Control] = [
        ft.Row([ft.Icon(ft.Icons.TABLET_ANDROID), ft.Text(device.name)], spacing=8),
        hint(" · ".join(facts)),
    ]
    if not device.revoked and device.id != view.this_device:
        target = ("device", device.id)
        parts.append(_revoke_button(target, t("people.revoke_device"), view, actions))
    return ft.Container(ft.Column(parts, spacing=4), padding=ft.Padding.only(left=8))


def _revoke_button(
    target: Target, label: str, view: PeopleView, actions: PeopleActions
) -> ft.Control:
    """First tap asks, second tap revokes: a revoked tablet wipes its private data."""
    if view.confirming != target:
        return button_row(
            button(label, icon=ft.Icons.BLOCK, on_click=lambda _: actions.ask(target))
        )
    return ft.Row(
        [
            button(
                t("people.confirm_revoke"),
                look="filled",
                icon=ft.Icons.BLOCK,
                style=ft.ButtonStyle(bgcolor=ft.Colors.ERROR, color=ft.Colors.ON_ERROR),
                on_click=lambda _: actions.revoke(target),
            ),
            button(t("people.cancel"), look="text", on_click=lambda _: actions.ask(None)),
        ],
        wrap=True,
    )


def _local(moment: str | datetime) -> str:
    """Server times (UTC, with or without offset) in the device's local time."""
    when = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone().strftime("%d.%m.%Y %H:%M")
