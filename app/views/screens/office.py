"""The office's tools (devices of the Koordinierungsstelle): Geräte und Personen,
Tabellen, Aktualität and an entry's Verlauf."""

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from functools import partial

import flet as ft

from app.i18n import t
from app.services.due import DueEntry
from app.services.people import NewCode, Person
from app.services.tables import DUE_FILE, REGION_FILE, TABLES, Imported, handouts_file
from app.sync.errors import SyncError
from app.views import due, history, tables
from app.views.frame import Frame, up, use_go
from app.views.people import CodeForm, PeopleActions, PeopleView, people_view
from app.views.platform import file_picker
from app.views.state import State, use_services, use_typed, use_ui
from wegweiser.edits import EditRefused
from wegweiser.freshness import DEFAULT_MONTHS
from wegweiser.protocol import AuditView, Role
from wegweiser.roles import roles_managed_by
from wegweiser.self_service import UpdateRequestView


@ft.component
def PeopleScreen() -> ft.Control:
    """Geräte und Personen: enrolment codes with QR code, devices, revoking."""
    services = use_services()
    back = up(ft.use_view_path(), 1)
    loaded: State[list[Person] | None] = ft.use_state(None)
    people, set_people = loaded
    state = services.sync.sync_state()
    roles = roles_managed_by(state.role)
    form = use_typed(lambda: CodeForm("", Role.LOTSE, roles))
    made: State[NewCode | None] = ft.use_state(None)
    new_code, set_new_code = made
    asking: State[tuple[str, str] | None] = ft.use_state(None)
    confirming, set_confirming = asking
    said: State[tuple[str, bool]] = ft.use_state(("", False))
    (message, failed), set_said = said

    def load() -> None:
        try:
            set_people(services.people.people())
        except SyncError as exc:
            set_people([])
            set_said((exc.message, True))

    ft.use_effect(load, [])
    if not services.sync.staff:
        return Frame(t("people.title"), ft.Text(t("review.staff_only")), back_to=back)
    if people is None:
        return Frame(
            t("people.title"), ft.Row([ft.ProgressRing(width=32, height=32)]), back_to=back
        )

    def create() -> None:
        entered = form.value
        if len(entered.name.strip()) < 2:
            set_said((t("people.name_needed"), True))
            return
        try:
            set_new_code(services.people.create_code(entered.name, entered.role))
        except SyncError as exc:
            set_said((exc.message, True))
            return
        form.update(lambda old: replace(old, name=""))
        set_said(("", False))

    def revoke(target: tuple[str, str]) -> None:
        what, target_id = target
        try:
            if what == "account":
                services.people.revoke_account(target_id)
            else:
                services.people.revoke_device(target_id)
        except SyncError as exc:
            set_said((exc.message, True))
        else:
            set_said((t("people.revoked_done"), False))
        set_confirming(None)
        load()

    shown = PeopleView(
        people, form.value, state.device_id or "", new_code, confirming, message, failed
    )
    actions = PeopleActions(
        on_name=lambda name: form.update(lambda old: replace(old, name=name)),
        on_role=lambda role: form.update(lambda old: replace(old, role=role)),
        create=create,
        ask=set_confirming,
        revoke=revoke,
    )
    body = people_view(shown, actions)
    return Frame(t("people.title"), body, back_to=back)


@ft.component
def TablesScreen() -> ft.Control:
    """Tabellen: spreadsheets of contact points and offers out and in, the region out."""
    services = use_services()
    back = up(ft.use_view_path(), 1)
    imported: State[Imported | None] = ft.use_state(None)
    result, set_result = imported
    uploaded: State[tuple[str, bytes] | None] = ft.use_state(None)
    """The file whose preview is shown, with its kind, until confirmed or discarded."""
    pending, set_pending = uploaded
    said: State[tuple[str, bool]] = ft.use_state(("", False))
    (message, failed), set_said = said
    if not services.sync.staff:
        return Frame(t("tables.title"), ft.Text(t("review.staff_only")), back_to=back)

    async def save(make: Callable[[], bytes], name: str) -> None:
        # Said at once: the printed Wegweiser of every Kommune takes minutes in Arabic.
        set_said((t("tables.working", name=name), False))
        try:
            data = await asyncio.to_thread(make)
        except SyncError as exc:
            set_said((exc.message, True))
            return
        await file_picker().save_file(file_name=name, src_bytes=data)
        set_said((t("tables.saved", name=name), False))

    async def download(kind: str) -> None:
        await save(lambda: services.tables.export(kind), TABLES[kind][1])

    async def download_region() -> None:
        await save(services.tables.export_region, REGION_FILE)

    async def upload(kind: str) -> None:
        files = await file_picker().pick_files(
            file_type=ft.FilePickerFileType.CUSTOM, allowed_extensions=["csv"], with_data=True
        )
        if not files or files[0].bytes is None:
            set_said((t("tables.cancelled"), True))
            return
        data = files[0].bytes
        try:
            shown = await asyncio.to_thread(services.tables.preview_csv, kind, data)
        except SyncError as exc:
            set_said((exc.message, True))
            return
        set_result(shown)
        set_pending((kind, data) if shown.preview is not None else None)
        set_said(("", False))

    async def confirm() -> None:
        if pending is None or result is None or result.preview is None:
            return
        kind, data = pending
        try:
            done = await asyncio.to_thread(services.tables.import_csv, kind, data, result.preview)
        except SyncError as exc:
            # Changed since the preview (or refused): nothing was written; show it anew.
            set_said((exc.message, True))
            set_result(None)
        else:
            set_result(done)
            set_said(("", False))
        set_pending(None)

    def discard() -> None:
        set_result(None)
        set_pending(None)
        set_said((t("tables.discarded"), False))

    async def print_all(language: str) -> None:
        await save(partial(services.tables.export_handouts, language), handouts_file(language))

    actions = tables.TablesActions(download, upload, download_region, confirm, discard, print_all)
    body = tables.tables_view(actions, result, message, failed)
    return Frame(t("tables.title"), body, back_to=back)


@ft.component
def DueScreen() -> ft.Control:
    """Aktualität: entries due for a check, on this device's copy (offline too)."""
    services = use_services()
    text_scale = use_ui().preferences.text_scale
    go = use_go()
    back = up(ft.use_view_path(), 1)
    months = use_typed(lambda: DEFAULT_MONTHS)
    said, set_said = ft.use_state("")
    chosen_kind, set_kind = ft.use_state("")
    today = datetime.now().date()
    asked: State[dict[str, UpdateRequestView]] = ft.use_state({})
    standing, set_standing = asked

    def load_standing() -> None:
        if not services.sync.staff:
            return
        # Offline: Aktualität works on this device's copy; asking needs the server.
        with contextlib.suppress(SyncError):
            set_standing(services.asking.standing())

    ft.use_effect(load_standing, [])

    async def letter(entry: DueEntry) -> None:
        try:
            data = await asyncio.to_thread(services.asking.letter, entry.record_id)
        except SyncError as exc:
            set_said(exc.message)
            return
        name = f"anfrage-{entry.record_id[:8]}.pdf"
        await file_picker().save_file(file_name=name, src_bytes=data)
        set_said(t("tables.saved", name=name))
        load_standing()

    def ask(record_ids: list[str] | None) -> None:
        try:
            if record_ids is None:
                counts = services.asking.ask_due(months.value)
            else:
                counts = services.asking.ask(record_ids)
        except SyncError as exc:
            set_said(exc.message)
            return
        set_said(
            t(
                "due.asking.done",
                asked=counts["asked"],
                open=counts["open"],
                no_email=counts["no_email"],
            )
        )
        load_standing()

    async def export(_: object) -> None:
        try:
            data = await asyncio.to_thread(services.tables.export_due, months.value)
        except SyncError as exc:
            set_said(exc.message)
            return
        await file_picker().save_file(file_name=DUE_FILE, src_bytes=data)
        set_said(t("tables.saved", name=DUE_FILE))

    def mark(entry: DueEntry) -> None:
        try:
            services.due.mark_checked(entry.kind, entry.record_id, today)
        except EditRefused as exc:
            set_said(str(exc))
        else:
            set_said(t("due.marked", title=entry.title))

    body = due.due_view(
        services.due.due(today, months.value),
        months.value,
        months.set,
        mark,
        lambda entry: go(f"/record/{entry.kind}/{entry.record_id}"),
        said,
        chosen_kind,
        set_kind,
        export if services.sync.staff else None,
        due.Asking(today, standing, lambda entry: ask([entry.record_id]), lambda: ask(None))
        if services.sync.staff
        else None,
        text_scale,
    )
    return Frame(t("due.title"), body, back_to=back)


@ft.component
def HistoryScreen() -> ft.Control:
    """Verlauf: an entry's audit trail from the server (devices of the office)."""
    services = use_services()
    back = up(ft.use_view_path(), 1)
    record_id = ft.use_route_params().get("id", "")
    loaded: State[tuple[list[AuditView], str] | None] = ft.use_state(None)
    trail, set_trail = loaded

    def load() -> None:
        try:
            set_trail((services.review.history(record_id), ""))
        except SyncError as exc:
            set_trail(([], exc.message))

    ft.use_effect(load, [])
    if not services.sync.staff:
        return Frame(t("history.title"), ft.Text(t("review.staff_only")), back_to=back)
    if trail is None:
        return Frame(
            t("history.title"), ft.Row([ft.ProgressRing(width=32, height=32)]), back_to=back
        )
    return Frame(t("history.title"), history.history_view(*trail), back_to=back)
