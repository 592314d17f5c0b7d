"""The screens: one component per route, each drawn from the services and the shared
state (`app.views.state`), each the content of a `Frame`. The leaf views they use
(`home`, `details`, `reports`, `personal`, `settings`, `conflicts`) are functions of data.

Routes (`ROUTES`), each level a view of the navigation stack so that back - the button,
Android's back gesture, the browser's back - returns to the level above:

    /                               search (start)
    /topic/:key                     a topic for the chosen Kommune
    .../record/:kind/:id            a record, from search, topic or another record
    .../record/:kind/:id/report     "Änderung melden" for it
    .../record/:kind/:id/show       a contact point for a newcomer, with its vCard as QR
    .../record/:kind/:id/edit       its editor (devices of the Koordinierungsstelle)
    .../record/:kind/:id/history    its audit trail (the same devices)
    /reports                        my change reports
    /reports/:report/correct        a report the server refused, to correct
    /review                         Meldungen prüfen (staff)
    /review/due                     Aktualität
    /review/people                  Geräte und Personen: enrolment codes, revoking
    /review/tables                  Tabellen: CSV out and in, the region's file out
    /review/edit, .../:kind/:id     Einträge bearbeiten, one entry's editor (id "neu": new)
    /settings, /settings/sign-out   settings, signing out
    /sync, /sync/conflicts          sync details, conflicts to decide
"""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar

import flet as ft

from app.i18n import t
from app.services import preferences
from app.services.due import DueEntry
from app.services.editing import (
    EditingService,
    EditorEntry,
    FormRefused,
    corrected_fields,
    form_values,
    shown_field,
)
from app.services.handouts import KeptHandout
from app.services.newcomer import newcomer_card
from app.services.people import NewCode, Person
from app.services.tables import DUE_FILE, REGION_FILE, TABLES, Imported, handouts_file
from app.sync.client import SyncError
from app.views import (
    conflicts,
    details,
    due,
    editor,
    history,
    home,
    personal,
    reports,
    review,
    settings,
    syncing,
    tables,
)
from app.views.frame import Frame, up, use_go
from app.views.handouts import handouts_view
from app.views.newcomer import newcomer_view
from app.views.people import CodeForm, people_view
from app.views.records import VIEWS, Shown
from app.views.state import State, use_services, use_sync, use_ui
from wegweiser.edits import EditRefused
from wegweiser.freshness import DEFAULT_MONTHS
from wegweiser.kinds import KINDS, title_of
from wegweiser.markdown_rules import ENTRY_LINK
from wegweiser.model import ContactPoint, InfoSheet, Publication, ReportFlag, SyncedRecord
from wegweiser.protocol import AuditView, ReportView, Role


def _join(base: str, route: str) -> str:
    return f"{base.rstrip('/')}/{route}"


@ft.component
def SearchScreen() -> ft.Control:
    """Search across the Wegweiser; favourites and topics before anything is typed."""
    services = use_services()
    ui = use_ui()
    sync = use_sync()  # drawn again after a sync: content and favourites may have changed
    go = use_go()
    query, set_query = ft.use_state("")

    def open_record(kind: str, record_id: str) -> None:
        go(f"/record/{kind}/{record_id}")

    def choose_kommune(key: str | None) -> None:
        ui.kommune = key

    def choose_visit_language(code: str) -> None:
        ui.visit_language = code

    def open_topic(key: str) -> None:
        go(f"/topic/{key}")

    def fetch(key: str) -> None:
        followed = services.sync.sync_state().kommunen
        services.sync.choose_kommunen(sorted({*followed, key}))
        services.sync.request_sync()

    content = services.content
    typed = query.strip()
    results = content.search(typed, ui.kommune) if typed else None
    start = (
        home.start_view(
            content.topics(),
            services.personal.favourites(),
            open_topic,
            open_record,
            ui.preferences.text_scale,
            visit=(ui.visit_language, choose_visit_language),
            open_handouts=lambda: go("/handouts"),
        )
        if results is None
        else []
    )
    body = home.home_view(
        content.kommunen(),
        ui.kommune,
        query,
        results,
        start,
        sync.example_data,
        set_query,
        choose_kommune,
        open_topic,
        open_record,
        services.sync.kommunen_not_here(),
        fetch,
    )
    return Frame(t("app.title"), body)


@ft.component
def TopicScreen() -> ft.Control:
    """Everything a topic holds for the chosen Kommune and the district."""
    services = use_services()
    ui = use_ui()
    use_sync()
    go = use_go()
    path = ft.use_view_path()
    entries = services.content.topic(ft.use_route_params().get("key", ""), ui.kommune)
    if entries is None:
        return Frame("", ft.Text(t("record.missing")), back_to="/")
    body = details.topic_view(entries, lambda kind, i: go(_join(path, f"record/{kind}/{i}")))
    return Frame(entries.topic.title, body, back_to="/")


@ft.component
def RecordScreen() -> ft.Control:
    """A record with the guide's actions: favourite, report a change, private note."""
    services = use_services()
    ui = use_ui()
    use_sync()
    go = use_go()
    path = ft.use_view_path()
    back = up(path, 3)
    params = ft.use_route_params()
    kind, record_id = params.get("kind", ""), params.get("id", "")
    personal_service = services.personal
    starred: State[bool] = ft.use_state(lambda: personal_service.is_favourite(kind, record_id))
    noted: State[str] = ft.use_state(lambda: personal_service.note(kind, record_id))
    (favourite, set_favourite), (note, set_note) = starred, noted
    note_answer, set_note_answer = ft.use_state(("", False))

    record = services.content.record(kind, record_id)
    view = VIEWS.get(kind)
    if record is None or view is None:
        return Frame("", ft.Text(t("record.missing")), back_to=back)

    async def open_link(url: str) -> None:
        entry = ENTRY_LINK.fullmatch(url)
        if entry is not None:
            go(_join(path, f"record/{entry.group(1)}/{entry.group(2)}"))
        else:
            await _page_service(ft.UrlLauncher).launch_url(url)

    shown = Shown(
        content=services.content,
        now=datetime.now(),
        maps=services.maps,
        text_scale=ui.preferences.text_scale,
        open_record=lambda k, i: go(_join(path, f"record/{k}/{i}")),
        replace_with=lambda other: go(_join(back, f"record/{kind}/{other}")),
        open_link=open_link,
        visit_language=ui.visit_language,
    )
    body = view(record, shown)

    def toggle_favourite() -> None:
        personal_service.set_favourite(kind, record_id, not favourite)
        set_favourite(not favourite)

    def save_note() -> None:
        try:
            personal_service.save_note(kind, record_id, note)
        except EditRefused as exc:
            set_note_answer((str(exc), True))
        else:
            set_note_answer((t("note.saved"), False))

    described = KINDS[kind]
    actions: list[ft.Control] = [personal.favourite_button(favourite, toggle_favourite)]
    if isinstance(record, ContactPoint):
        actions.append(
            ft.FilledButton(
                t("newcomer.open"),
                icon=ft.Icons.QR_CODE_2,
                height=48,
                on_click=lambda _: go(_join(path, "show")),
            )
        )
    if services.sync.staff and kind in editor.EDITABLE_KINDS:
        # The office changes entries directly; a report would only come back to it.
        for label, icon, route in (
            ("editor.edit", ft.Icons.EDIT, "edit"),
            ("history.open", ft.Icons.HISTORY, "history"),
        ):
            actions.append(
                ft.OutlinedButton(
                    t(label),
                    icon=icon,
                    height=48,
                    on_click=lambda _, route=route: go(_join(path, route)),
                )
            )
    elif services.sync.enrolled and described.reportable:
        actions.append(
            ft.OutlinedButton(
                t("report.open"),
                icon=ft.Icons.EDIT_NOTE,
                height=48,
                on_click=lambda _: go(_join(path, "report")),
            )
        )
    assert isinstance(body, ft.Column)  # every record view is a scrolling column
    body.controls.insert(0, ft.Row(actions, wrap=True, spacing=8, run_spacing=8))
    if described.notes:
        body.controls.append(ft.Divider())
        text, failed = note_answer
        body.controls.append(personal.note_box(note, text, failed, set_note, save_note))
    return Frame(title_of(record), body, back_to=back)


@ft.component
def NewcomerScreen() -> ft.Control:
    """A contact point for the newcomer to read, with its vCard as a QR code."""
    services = use_services()
    ui = use_ui()
    back = up(ft.use_view_path(), 1)
    params = ft.use_route_params()
    record = services.content.record(params.get("kind", ""), params.get("id", ""))
    if not isinstance(record, ContactPoint):
        return Frame(t("newcomer.open"), ft.Text(t("record.missing")), back_to=back)
    card = newcomer_card(record, datetime.now(), ui.visit_language)

    async def share() -> None:
        contact = ft.ShareFile.from_bytes(
            card.vcard.encode("utf-8"), mime_type="text/vcard", name="kontakt.vcf"
        )
        await _page_service(ft.Share).share_files([contact], title=card.name)

    return Frame(
        title_of(record),
        newcomer_view(card, ui.preferences.text_scale, ui.wide, share),
        back_to=back,
    )


@ft.component
def ReportScreen() -> ft.Control:
    """Änderung melden: the record's reportable fields, only changes are sent."""
    services = use_services()
    back = up(ft.use_view_path(), 1)
    params = ft.use_route_params()
    record = services.content.record(params.get("kind", ""), params.get("id", ""))
    if record is None:
        return Frame(t("report.open"), ft.Text(t("record.missing")), back_to=back)
    return ReportForm(record, reports.current_values(record), back=back)


@ft.component
def CorrectReportScreen() -> ft.Control:
    """A report the server refused, in the form again with the reason, to correct."""
    services = use_services()
    report_id = ft.use_route_params().get("report", "")
    found = next((r for r in services.personal.my_reports() if r.id == report_id), None)
    record = services.content.record(found.target_entity, found.target_id) if found else None
    if found is None or record is None:
        return Frame(t("report.open"), ft.Text(t("record.missing")), back_to="/reports")
    return ReportForm(
        record,
        reports.with_reported(record, found.changes),
        found.comment,
        ReportFlag(found.flag) if found.flag else None,
        replaces=found.id,
        refusal=found.reason or "",
        back="/reports",
    )


@ft.component
def ReportForm(
    record: SyncedRecord,
    initial: dict[str, Any],
    initial_comment: str = "",
    initial_flag: ReportFlag | None = None,
    replaces: str | None = None,
    refusal: str = "",
    back: str = "/",
) -> ft.Control:
    """The report form with its state; sending queues the report (and, correcting one the
    server refused, puts it in that one's place)."""
    services = use_services()
    go = use_go()
    typed: State[dict[str, Any]] = ft.use_state(initial)
    values, set_values = typed
    comment, set_comment = ft.use_state(initial_comment)
    found: State[ReportFlag | None] = ft.use_state(initial_flag)
    flag, set_flag = found
    error, set_error = ft.use_state(refusal)

    def send() -> None:
        refused = reports.send_report(
            services.personal, record, values, comment, flag, replaces=replaces
        )
        if refused:
            set_error(refused)
        else:
            go(back, t("report.saved"))

    form = reports.report_form(
        values,
        comment,
        error,
        lambda name, value: set_values(lambda old: {**old, name: value}),
        set_comment,
        send,
        flag,
        set_flag,
    )
    return Frame(t("report.open"), form, back_to=back)


@ft.component
def ReportsScreen() -> ft.Control:
    """Meine Meldungen, with the state of each; a refused one can be corrected."""
    services = use_services()
    go = use_go()
    use_sync()  # a sync changes the states
    if not services.sync.enrolled:
        return Frame(t("reports.title"), ft.Text(t("reports.not_connected")))
    body = reports.my_reports_view(
        services.personal.my_reports(), lambda report: go(f"/reports/{report.id}/correct")
    )
    return Frame(t("reports.title"), body)


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
    followed: State[frozenset[str]] = ft.use_state(
        lambda: frozenset(services.sync.sync_state().kommunen)
    )
    chosen, set_chosen = followed
    feedback, set_feedback = ft.use_state("")

    def toggle(key: str, on: bool) -> None:
        set_chosen(lambda old: old | {key} if on else old - {key})

    def save() -> None:
        if not chosen:
            set_feedback(t("first.choose_one"))
            return
        services.sync.choose_kommunen(sorted(chosen))
        services.sync.request_sync()
        set_feedback(t("settings.kommunen_saved"))

    return settings.kommunen_choice(
        services.content.kommunen(), set(chosen), feedback, toggle, save
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

    def sync_now() -> None:
        services.sync.request_sync()
        # Said at once: offline, the answer may be the same as before, and a button
        # that seems to do nothing is pressed again and again.
        sync.message, sync.message_at = t("sync.started"), path

    body = syncing.sync_view(status, datetime.now(UTC), sync_now, lambda: go("/sync/conflicts"))
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


@dataclass(frozen=True)
class _Loaded:
    """The queue as fetched: reports so far, the next page's start, the filters used."""

    reports: list[ReportView]
    next_after: str | None
    status: str
    kommune: str


@ft.component
def ReviewScreen() -> ft.Control:
    """Meldungen prüfen (devices of the Koordinierungsstelle): the queue, online, a page
    at a time, filtered by state and Kommune (on the server) and topic (on this device)."""
    services = use_services()
    ui = use_ui()
    go = use_go()
    fetched: State[_Loaded | None] = ft.use_state(None)
    loaded, set_loaded = fetched
    filters: State[dict[str, str]] = ft.use_state({"status": "pending", "kommune": "", "topic": ""})
    chosen, set_chosen = filters
    typed: State[dict[str, str]] = ft.use_state({})
    reasons, set_reasons = typed
    correcting: State[dict[str, dict[str, Any]]] = ft.use_state({})
    corrections, set_corrections = correcting
    failed: State[tuple[str, str]] = ft.use_state(("", ""))
    error, set_error = failed
    staff = services.sync.staff

    def fetch(status: str, kommune: str, more_of: _Loaded | None = None) -> None:
        after = more_of.next_after if more_of else None
        try:
            page = services.review.fetch(status, kommune or None, after)
        except SyncError as exc:
            set_error(("", exc.message))
            if loaded is None:
                set_loaded(_Loaded([], None, status, kommune))
            return
        earlier = more_of.reports if more_of else []
        set_loaded(_Loaded(earlier + page.reports, page.next_after, status, kommune))
        set_error(("", ""))

    def load() -> None:
        if staff:
            fetch(chosen["status"], chosen["kommune"])

    # After the screen is up: the queue comes from the server, which takes a moment.
    ft.use_effect(load, [])
    if not staff:
        return Frame(t("review.title"), ft.Text(t("review.staff_only")))
    if loaded is None:
        return Frame(t("review.title"), ft.Row([ft.ProgressRing(width=32, height=32)]))

    def refilter(name: str, value: str) -> None:
        new = {**chosen, name: value}
        set_chosen(new)
        if name != "topic":  # the topic is filtered here, on what was fetched
            fetch(new["status"], new["kommune"])

    def correct(report_id: str, on: bool) -> None:
        if not on:
            set_corrections(lambda old: {k: v for k, v in old.items() if k != report_id})
            return
        report = next(r for r in loaded.reports if r.id == report_id)
        values = {
            name: shown_field(report.target_entity, name, value)
            for name, value in report.changes.items()
        }
        set_corrections(lambda old: {**old, report_id: values})

    def decide(report_id: str, accepting: bool) -> None:
        reason = reasons.get(report_id, "").strip()
        if not accepting and len(reason) < 3:
            set_error((report_id, t("review.reason_needed")))
            return
        report = next(r for r in loaded.reports if r.id == report_id)
        try:
            if not accepting:
                services.review.reject(report_id, reason)
            elif report_id in corrections:
                fields = corrected_fields(report.target_entity, corrections[report_id])
                services.review.accept(report_id, fields)
            else:
                services.review.accept(report_id)
        except (SyncError, EditRefused) as exc:
            set_error((report_id, exc.message if isinstance(exc, SyncError) else str(exc)))
            return
        set_corrections(lambda old: {k: v for k, v in old.items() if k != report_id})
        fetch(loaded.status, loaded.kommune)

    queue = review.QueueView(
        entries=services.review.group(loaded.reports, chosen["topic"] or None),
        status=loaded.status,
        kommune=loaded.kommune,
        topic=chosen["topic"],
        kommunen=services.content.kommunen(),
        topics=services.content.topics(),
        more=loaded.next_after is not None,
        reasons=reasons,
        corrections=corrections,
        error=error,
    )
    actions = review.QueueActions(
        accept=lambda report_id: decide(report_id, True),
        reject=lambda report_id: decide(report_id, False),
        on_reason=lambda report_id, text: set_reasons(lambda old: {**old, report_id: text}),
        correct=correct,
        on_correction=lambda report_id, name, value: set_corrections(
            lambda old: {**old, report_id: {**old.get(report_id, {}), name: value}}
        ),
        filter=refilter,
        load_more=lambda: fetch(loaded.status, loaded.kommune, loaded),
        reload=lambda: fetch(loaded.status, loaded.kommune),
        open_due=lambda: go("/review/due"),
        open_editor=lambda: go("/review/edit"),
        open_people=lambda: go("/review/people"),
        open_tables=lambda: go("/review/tables"),
        open_entry=lambda kind, record_id: go(f"/record/{kind}/{record_id}"),
    )
    return Frame(t("review.title"), review.review_view(queue, actions, ui.preferences.text_scale))


@ft.component
def PeopleScreen() -> ft.Control:
    """Geräte und Personen: enrolment codes with QR code, devices, revoking."""
    services = use_services()
    back = up(ft.use_view_path(), 1)
    loaded: State[list[Person] | None] = ft.use_state(None)
    people, set_people = loaded
    state = services.sync.sync_state()
    roles = (
        (Role.LOTSE, Role.KOORDINATION, Role.ADMIN) if state.role == Role.ADMIN else (Role.LOTSE,)
    )
    typed: State[CodeForm] = ft.use_state(CodeForm("", Role.LOTSE, roles))
    form, set_form = typed
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
        if len(form.name.strip()) < 2:
            set_said((t("people.name_needed"), True))
            return
        try:
            set_new_code(services.people.create_code(form.name, form.role))
        except SyncError as exc:
            set_said((exc.message, True))
            return
        set_form(replace(form, name=""))
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

    body = people_view(
        people,
        form,
        new_code,
        lambda name: set_form(replace(form, name=name)),
        lambda role: set_form(replace(form, role=role)),
        create,
        confirming,
        set_confirming,
        revoke,
        state.device_id or "",
        message,
        failed,
    )
    return Frame(t("people.title"), body, back_to=back)


S = TypeVar("S", bound=ft.Service)


def _page_service(kind: type[S]) -> S:
    """The page's one service of a kind (file picker, URL launcher), kept across screens."""
    page = ft.context.page
    for service in page.services:
        if isinstance(service, kind):
            return service
    created = kind()
    page.services.append(created)
    page.update()
    return created


def _file_picker() -> ft.FilePicker:
    return _page_service(ft.FilePicker)


@ft.component
def HandoutsScreen() -> ft.Control:
    """Wegweiser zum Weitergeben: the kept PDFs, refreshed while online, shared or saved
    at any time."""
    services = use_services()
    ui = use_ui()
    listed: State[list[KeptHandout]] = ft.use_state(services.handouts.kept)
    kept, set_kept = listed
    said: State[tuple[str, bool]] = ft.use_state(("", False))
    (message, failed), set_said = said

    async def refresh() -> None:
        try:
            await asyncio.to_thread(services.handouts.refresh, ["de", ui.visit_language])
        except SyncError as exc:
            set_said((exc.message, True))
        else:
            set_said((t("handouts.refreshed"), False))
        set_kept(services.handouts.kept())

    async def share(handout: KeptHandout) -> None:
        data = services.handouts.path(handout).read_bytes()
        await _page_service(ft.Share).share_files(
            [ft.ShareFile.from_bytes(data, mime_type="application/pdf", name=handout.file)],
            title=t("handouts.title"),
        )

    async def save(handout: KeptHandout) -> None:
        data = services.handouts.path(handout).read_bytes()
        await _file_picker().save_file(file_name=handout.file, src_bytes=data)

    return Frame(
        t("handouts.title"),
        handouts_view(kept, message, failed, refresh, share, save),
        back_to="/",
    )


@ft.component
def TablesScreen() -> ft.Control:
    """Tabellen: spreadsheets of contact points and offers out and in, the region out."""
    services = use_services()
    back = up(ft.use_view_path(), 1)
    imported: State[Imported | None] = ft.use_state(None)
    result, set_result = imported
    said: State[tuple[str, bool]] = ft.use_state(("", False))
    (message, failed), set_said = said
    if not services.sync.staff:
        return Frame(t("tables.title"), ft.Text(t("review.staff_only")), back_to=back)

    async def save(make: Callable[[], bytes], name: str) -> None:
        try:
            data = await asyncio.to_thread(make)
        except SyncError as exc:
            set_said((exc.message, True))
            return
        await _file_picker().save_file(file_name=name, src_bytes=data)
        set_said((t("tables.saved", name=name), False))

    async def download(kind: str) -> None:
        await save(lambda: services.tables.export(kind), TABLES[kind][1])

    async def download_region() -> None:
        await save(services.tables.export_region, REGION_FILE)

    async def upload(kind: str) -> None:
        files = await _file_picker().pick_files(
            file_type=ft.FilePickerFileType.CUSTOM, allowed_extensions=["csv"], with_data=True
        )
        if not files or files[0].bytes is None:
            set_said((t("tables.cancelled"), True))
            return
        data = files[0].bytes
        try:
            set_result(await asyncio.to_thread(services.tables.import_csv, kind, data))
        except SyncError as exc:
            set_said((exc.message, True))
            return
        set_said(("", False))

    async def print_all(language: str) -> None:
        await save(partial(services.tables.export_handouts, language), handouts_file(language))

    body = tables.tables_view(download, upload, download_region, result, message, failed, print_all)
    return Frame(t("tables.title"), body, back_to=back)


@ft.component
def DueScreen() -> ft.Control:
    """Aktualität: entries due for a check, on this device's copy (offline too)."""
    services = use_services()
    go = use_go()
    back = up(ft.use_view_path(), 1)
    age: State[int] = ft.use_state(DEFAULT_MONTHS)
    months, set_months = age
    said, set_said = ft.use_state("")
    chosen_kind, set_kind = ft.use_state("")
    today = datetime.now().date()

    async def export(_: object) -> None:
        try:
            data = await asyncio.to_thread(services.tables.export_due, months)
        except SyncError as exc:
            set_said(exc.message)
            return
        await _file_picker().save_file(file_name=DUE_FILE, src_bytes=data)
        set_said(t("tables.saved", name=DUE_FILE))

    def mark(entry: DueEntry) -> None:
        try:
            services.due.mark_checked(entry.kind, entry.record_id, today)
        except EditRefused as exc:
            set_said(str(exc))
        else:
            set_said(t("due.marked", title=entry.title))

    body = due.due_view(
        services.due.due(today, months),
        months,
        set_months,
        mark,
        lambda entry: go(f"/record/{entry.kind}/{entry.record_id}"),
        said,
        chosen_kind,
        set_kind,
        export if services.sync.staff else None,
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


@ft.component
def EditorListScreen() -> ft.Control:
    """Einträge bearbeiten: entries of a kind in every state, and "Neuer Eintrag"."""
    services = use_services()
    use_sync()  # a sync brings colleagues' entries
    go = use_go()
    path = ft.use_view_path()
    chosen_kind, set_kind = ft.use_state(editor.EDITABLE_KINDS[0])
    state: State[Publication | None] = ft.use_state(None)
    status, set_status = state
    said, set_said = ft.use_state("")

    def publish(entry: EditorEntry) -> None:
        services.editing.set_status(entry.kind, entry.record_id, Publication.PUBLISHED)
        set_said(t("editor.published", title=entry.title))

    body = editor.editor_list_view(
        chosen_kind,
        status,
        services.editing.entries(chosen_kind, status),
        set_kind,
        set_status,
        lambda entry: go(_join(path, f"{entry.kind}/{entry.record_id}")),
        lambda: go(_join(path, f"{chosen_kind}/{NEW}")),
        publish,
        said,
    )
    return Frame(t("editor.title"), body, back_to=up(path, 1))


NEW = "neu"
"""The id in an editor's route for an entry not yet saved."""


@ft.component
def EditorScreen() -> ft.Control:
    """One entry's editor, from the list (or "neu") or from the entry's own screen."""
    services = use_services()
    ui = use_ui()
    go = use_go()
    path = ft.use_view_path()
    params = ft.use_route_params()
    kind, record_id = params.get("kind", ""), params.get("id", "")
    creating = record_id == NEW
    back = up(path, 1) if path.endswith("/edit") else up(path, 2)
    record = (
        None
        if creating or kind not in editor.EDITABLE_KINDS
        else (services.editing.record(kind, record_id))
    )
    typed: State[dict[str, Any]] = ft.use_state(lambda: form_values(record, kind))
    values, set_values = typed
    refused: State[tuple[str, str]] = ft.use_state(("", ""))
    error, set_error = refused
    if kind not in editor.EDITABLE_KINDS or (record is None and not creating):
        return Frame("", ft.Text(t("record.missing")), back_to=back)
    if not services.sync.staff:
        return Frame(t("editor.title"), ft.Text(t("review.staff_only")), back_to=back)

    def save() -> None:
        try:
            services.editing.save(kind, None if creating else record_id, values)
        except FormRefused as exc:
            set_error((exc.field, str(exc)))
        except EditRefused as exc:
            set_error(("", str(exc)))
        else:
            go(back, t("editor.saved"))

    form = editor.editor_form(
        kind,
        values,
        services.content.kommunen(),
        services.content.topics(),
        lambda name, value: set_values(lambda old: {**old, name: value}),
        save,
        error,
        ui.preferences.text_scale,
        original=_original_of(services.editing, record),
    )
    title = t(f"editor.new_kind.{kind}") if creating else title_of(record) if record else ""
    return Frame(title, form, back_to=back)


def _original_of(editing: EditingService, record: SyncedRecord | None) -> InfoSheet | None:
    """The German original of a translated sheet (None for anything else)."""
    if not isinstance(record, InfoSheet) or not record.translation_of:
        return None
    original = editing.record(InfoSheet.entity, record.translation_of)
    return original if isinstance(original, InfoSheet) else None


_RECORD = ft.Route(
    path="record/:kind/:id",
    component=RecordScreen,
    recursive=True,  # a record's links open further records on top
    children=[
        ft.Route(path="report", component=ReportScreen),
        ft.Route(path="show", component=NewcomerScreen),
        ft.Route(path="edit", component=EditorScreen),
        ft.Route(path="history", component=HistoryScreen),
    ],
)

ROUTES = [
    ft.Route(
        path="/",
        component=SearchScreen,
        children=[
            ft.Route(path="topic/:key", component=TopicScreen, children=[_RECORD]),
            _RECORD,
            ft.Route(path="handouts", component=HandoutsScreen),
            ft.Route(
                path="reports",
                component=ReportsScreen,
                children=[ft.Route(path=":report/correct", component=CorrectReportScreen)],
            ),
            ft.Route(
                path="review",
                component=ReviewScreen,
                children=[
                    ft.Route(path="due", component=DueScreen),
                    ft.Route(path="people", component=PeopleScreen),
                    ft.Route(path="tables", component=TablesScreen),
                    ft.Route(
                        path="edit",
                        component=EditorListScreen,
                        children=[ft.Route(path=":kind/:id", component=EditorScreen)],
                    ),
                ],
            ),
            ft.Route(
                path="settings",
                component=SettingsScreen,
                children=[ft.Route(path="sign-out", component=SignOutScreen)],
            ),
            ft.Route(
                path="sync",
                component=SyncScreen,
                children=[ft.Route(path="conflicts", component=ConflictsScreen)],
            ),
        ],
    )
]
"""Every screen by route; a child is drawn on top of its parent."""
