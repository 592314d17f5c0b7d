"""Geräte und Personen: a new enrolment code (text and QR code), and every account with
its devices and their last sync, each with "sperren" behind a second tap."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import flet as ft

from app.i18n import t
from app.services.people import NewCode, Person
from app.views.style import heading, hint, radio_choices
from wegweiser.protocol import DeviceInfo, Role

Target = tuple[str, str]
"""("device" | "account", id): what a revoke button is about."""


@dataclass(frozen=True)
class CodeForm:
    """What is typed for a new code, and the roles this person may hand out."""

    name: str
    role: Role
    roles: tuple[Role, ...]


def people_view(
    people: list[Person],
    form: CodeForm,
    new_code: NewCode | None,
    on_name: Callable[[str], None],
    on_role: Callable[[Role], None],
    create: Callable[[], None],
    confirming: Target | None,
    ask: Callable[[Target | None], None],
    revoke: Callable[[Target], None],
    this_device: str,
    message: str = "",
    failed: bool = False,
) -> ft.Control:
    """The code form (with the code made last) above the list of people."""
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
        ft.Row(
            [
                ft.FilledButton(
                    t("people.create"),
                    icon=ft.Icons.QR_CODE_2,
                    height=48,
                    on_click=lambda _: create(),
                )
            ]
        )
    )
    if message:
        controls.append(ft.Text(message, color=ft.Colors.ERROR if failed else ft.Colors.PRIMARY))
    if new_code is not None:
        controls.append(_code_card(new_code))
    controls.append(ft.Divider())
    controls.append(heading(t("people.title")))
    if not people:
        controls.append(ft.Text(t("people.none")))
    for person in people:
        controls.append(_person_card(person, confirming, ask, revoke, this_device))
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


def _person_card(
    person: Person,
    confirming: Target | None,
    ask: Callable[[Target | None], None],
    revoke: Callable[[Target], None],
    this_device: str,
) -> ft.Control:
    state = "" if person.active else f" · {t('people.revoked')}"
    lines: list[ft.Control] = [
        ft.Text(person.name, weight=ft.FontWeight.W_600),
        hint(t(f"role.{person.role.value}") + state),
    ]
    for device in person.devices:
        lines.append(_device_row(device, confirming, ask, revoke, this_device))
    # Nobody locks themselves out (the server refuses it too).
    if person.active and not any(device.id == this_device for device in person.devices):
        lines.append(
            _revoke_button(
                ("account", person.account_id), t("people.revoke_account"), confirming, ask, revoke
            )
        )
    return ft.Card(ft.Container(ft.Column(lines, spacing=6), padding=12))


def _device_row(
    device: DeviceInfo,
    confirming: Target | None,
    ask: Callable[[Target | None], None],
    revoke: Callable[[Target], None],
    this_device: str,
) -> ft.Control:
    seen = (
        t("people.last_sync", when=_local(device.last_seen_at))
        if device.last_seen_at
        else t("people.never_synced")
    )
    facts = [seen]
    if device.revoked:
        facts.append(t("people.revoked"))
    if device.id == this_device:
        facts.append(t("people.this_device"))
    parts: list[ft.Control] = [
        ft.Row([ft.Icon(ft.Icons.TABLET_ANDROID), ft.Text(device.name)], spacing=8),
        hint(" · ".join(facts)),
    ]
    if not device.revoked and device.id != this_device:
        parts.append(
            _revoke_button(
                ("device", device.id), t("people.revoke_device"), confirming, ask, revoke
            )
        )
    return ft.Container(ft.Column(parts, spacing=4), padding=ft.Padding.only(left=8))


def _revoke_button(
    target: Target,
    label: str,
    confirming: Target | None,
    ask: Callable[[Target | None], None],
    revoke: Callable[[Target], None],
) -> ft.Control:
    """First tap asks, second tap revokes: a revoked tablet wipes its private data."""
    if confirming != target:
        return ft.Row(
            [
                ft.OutlinedButton(
                    label, icon=ft.Icons.BLOCK, height=48, on_click=lambda _: ask(target)
                )
            ]
        )
    return ft.Row(
        [
            ft.FilledButton(
                t("people.confirm_revoke"),
                icon=ft.Icons.BLOCK,
                height=48,
                style=ft.ButtonStyle(bgcolor=ft.Colors.ERROR, color=ft.Colors.ON_ERROR),
                on_click=lambda _: revoke(target),
            ),
            ft.TextButton(t("people.cancel"), height=48, on_click=lambda _: ask(None)),
        ],
        wrap=True,
    )


def _local(moment: str | datetime) -> str:
    """Server times (UTC, with or without offset) in the device's local time."""
    when = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone().strftime("%d.%m.%Y %H:%M")
