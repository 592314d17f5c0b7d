"""Einstellungen: language, text size, light/dark, Kommunen, device info, sign out."""

from collections.abc import Callable
from functools import partial
from typing import Any

import flet as ft

from app import VERSION
from app.i18n import UI_LANGUAGES, t
from app.services.content import ContentService
from app.services.preferences import TEXT_SCALES, THEMES, Preferences
from app.services.sync import SyncService
from app.views.style import CHOICE_LABEL, button, heading, lead, radio_choices, touch_row
from wegweiser.languages import LANGUAGE_NAMES
from wegweiser.model import Kommune

ROLE_KEYS = {"lotse": "role.lotse", "koordination": "role.koordination", "admin": "role.admin"}


def _choice(
    title: str, options: list[tuple[str, str]], value: str, on_change: Callable[[str], None]
) -> ft.Control:
    """A labelled group of radio buttons: large targets, every option visible at once."""
    return ft.Column([heading(title), radio_choices(title, options, value, on_change)], spacing=4)


def _info_row(label: str, value: str) -> ft.Control:
    """Label beside the value on a tablet, above it on a phone."""
    return ft.ResponsiveRow(
        [
            ft.Text(label, weight=ft.FontWeight.W_600, col={"xs": 12, "sm": 4}),
            ft.Text(value, col={"xs": 12, "sm": 8}),
        ],
        spacing=4,
        run_spacing=0,
    )


def settings_view(
    preferences: Preferences,
    sync: SyncService,
    content: ContentService,
    change: Callable[[str, Any], None],
    sign_out: Callable[[], None],
    kommunen: ft.Control | None = None,
) -> ft.Control:
    """The settings; `change(name, value)` stores and shows one preference, `sign_out`
    asks first, `kommunen` is the choice of Kommunen (when connected). One name at a
    time, so a tap that races a redraw cannot undo another."""
    parts: list[ft.Control] = [
        _choice(
            t("settings.language"),
            [(code, LANGUAGE_NAMES[code]) for code in UI_LANGUAGES],
            preferences.language,
            lambda v: change("language", v),
        ),
        _choice(
            t("settings.text_size"),
            [(str(scale), t(f"settings.text_size.{i}")) for i, scale in enumerate(TEXT_SCALES)],
            str(preferences.text_scale),
            lambda v: change("text_scale", float(v)),
        ),
        _choice(
            t("settings.theme"),
            [(theme, t(f"settings.theme.{theme}")) for theme in THEMES],
            preferences.theme,
            lambda v: change("theme", v),
        ),
    ]
    state = sync.sync_state()
    if kommunen is not None:
        parts.append(kommunen)
    parts.append(ft.Divider())
    parts.append(heading(t("settings.device")))
    meta = content.dataset_meta()
    names = {k.key: k.name for k in content.kommunen()}
    rows = [
        (t("settings.app_version"), VERSION),
        (t("settings.data_file"), str(sync.store.path)),
    ]
    if state.enrolled:
        rows = [
            (t("settings.server"), state.server_url),
            (t("settings.account"), state.account_name),
            (t("settings.role"), t(ROLE_KEYS.get(state.role, "role.lotse"))),
            (t("settings.device_id"), state.device_id),
            (t("settings.kommunen"), ", ".join(names.get(k, k) for k in state.followed)),
            *rows,
        ]
    else:
        rows.insert(0, (t("settings.server"), t("settings.not_connected")))
    if meta is not None:
        rows.append((t("settings.dataset"), f"{meta.title} ({meta.dataset_version})"))
    parts.extend(_info_row(label, value) for label, value in rows)
    parts.append(ft.Divider())
    parts.append(
        button(
            t("settings.sign_out") if state.enrolled else t("settings.connect"),
            icon=ft.Icons.LOGOUT if state.enrolled else ft.Icons.LINK,
            on_click=lambda _: sign_out(),
        )
    )
    return ft.Column(parts, spacing=14, scroll=ft.ScrollMode.AUTO, expand=True)


def kommunen_choice(
    kommunen: list[Kommune],
    chosen: set[str],
    feedback: str,
    toggle: Callable[[str, bool], None],
    save: Callable[[], None],
) -> ft.Control:
    """Which Kommunen this device keeps; new ones are fetched at the next sync."""
    boxes = [
        touch_row(
            ft.Checkbox(
                label=k.name,
                label_style=CHOICE_LABEL,
                value=k.key in chosen,
                on_change=lambda e, key=k.key: toggle(key, bool(e.control.value)),
            ),
            partial(toggle, k.key, k.key not in chosen),
        )
        for k in kommunen
    ]
    return ft.Column(
        [
            heading(t("settings.my_kommunen")),
            ft.ResponsiveRow(
                [ft.Container(box, col={"xs": 12, "sm": 6, "md": 4}) for box in boxes],
                spacing=0,
                run_spacing=0,
            ),
            ft.Row(
                [
                    button(
                        t("settings.kommunen_save"),
                        icon=ft.Icons.SAVE,
                        on_click=lambda _: save(),
                    ),
                    ft.Text(feedback),
                ],
                wrap=True,
            ),
        ],
        spacing=4,
    )


def sign_out_view(pending: int, enrolled: bool, confirm: Callable[[], None]) -> ft.Control:
    """The confirmation: says what is lost, unsent changes first."""
    lines = [t("signout.explain") if enrolled else t("signout.explain_demo")]
    if pending:
        lines.append(t("signout.pending", count=pending))
    return ft.Column(
        [
            *(lead(line) for line in lines),
            button(
                t("signout.confirm"),
                look="filled",
                icon=ft.Icons.DELETE_FOREVER,
                style=ft.ButtonStyle(bgcolor=ft.Colors.ERROR, color=ft.Colors.ON_ERROR),
                on_click=lambda _: confirm(),
            ),
        ],
        spacing=16,
    )
