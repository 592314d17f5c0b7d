"""The device's screens: settings with the Kommunen it follows, signing out, the sync and
its conflicts."""

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import flet as ft

from app.i18n import t
from app.services import preferences
from app.sync.errors import SyncError
from app.views import conflicts, settings, syncing
from app.views.frame import Frame, use_go
from app.views.state import use_services, use_sync, use_typed, use_ui


@ft.component
def SettingsScreen() -> ft.Control:
    """Language, text size, theme, Kommunen, device facts, sign out."""
    services = use_services()
    ui = use_ui()
    go = use_go()

    def change(name: str, value: Any) -> None:
        chosen = replace(ui.preferences, **{name: value})
        preferences.save(services.sync.store, chosen)
        ui.preferences = chosen

    choice = KommunenChoice() if services.sync.enrolled else None
    body = settings.settings_view(
        ui.preferences,
        services.sync,
        services.content,
        change,
        lambda: go("/settings/sign-out"),
        choice,
    )
    return Frame(t("settings.title"), body)


@ft.component
def KommunenChoice() -> ft.Control:
    """The Kommunen this device follows, saved on demand."""
    services = use_services()
    chosen = use_typed(lambda: frozenset(services.sync.sync_state().followed))
    feedback, set_feedback = ft.use_state("")

    def toggle(key: str, on: bool) -> None:
        chosen.update(lambda old: old | {key} if on else old - {key})

    def save() -> None:
        if not chosen.value:
            set_feedback(t("first.choose_one"))
            return
        services.sync.choose_kommunen(sorted(chosen.value))
        services.sync.request_sync()
        set_feedback(t("settings.kommunen_saved"))

    return settings.kommunen_choice(
        services.content.kommunen(), set(chosen.value), feedback, toggle, save
    )


@ft.component
def SignOutScreen() -> ft.Control:
    """The confirmation before everything on the device is deleted."""
    services = use_services()
    enrolled = services.sync.enrolled

    def confirm() -> None:
        services.sync.sign_out()
        ft.context.page.navigate("/")
        services.restart()

    body = settings.sign_out_view(services.sync.status().pending, enrolled, confirm)
    title = t("signout.title") if enrolled else t("settings.connect")
    return Frame(title, body, back_to="/settings")


@ft.component
def SyncScreen() -> ft.Control:
    """What the sync is doing, what waits, and "Jetzt synchronisieren"."""
    services = use_services()
    sync = use_sync()
    status = sync.status
    go = use_go()
    path = ft.use_view_path()
    code = use_typed(str)
    answer, set_answer = ft.use_state(("", False))

    def sign_in_again() -> None:
        try:
            services.sync.sign_in_again(code.value)
        except SyncError as exc:
            set_answer((exc.message, True))
            return
        code.set("")
        set_answer((t("sync.signed_in_again"), False))
        sync.status = services.sync.status()

    def sync_now() -> None:
        services.sync.request_sync()
        # Said at once: offline, the answer may be the same as before, and a button
        # that seems to do nothing is pressed again and again.
        sync.message, sync.message_at = t("sync.started"), path

    body = syncing.sync_view(
        status,
        datetime.now(UTC),
        sync_now,
        lambda: go("/sync/conflicts"),
        services.sync.waiting(),
        syncing.SignInAgain(code.value, code.set, sign_in_again, *answer),
    )
    return Frame(t("sync.title"), body, back_to="/")


@ft.component
def ConflictsScreen() -> ft.Control:
    """Every open conflict; the person decides each one."""
    services = use_services()
    sync = use_sync()
    path = ft.use_view_path()

    def decide(mutation_id: str, keep_mine: bool) -> None:
        services.sync.resolve(mutation_id, keep_mine)
        # Drawn again at once (the chip and this list), with the answer on this screen.
        sync.message, sync.message_at = t("conflict.decided"), path
        sync.status = services.sync.status()

    body = conflicts.conflicts_view(services.sync.conflicts(), decide)
    return Frame(t("conflict.title"), body, back_to="/sync")
