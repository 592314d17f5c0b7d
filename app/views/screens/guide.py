"""The guide's screens: search, a topic, a record with its actions (what a start shows
first; what a guide hands over is in `sharing`)."""

from datetime import datetime

import flet as ft

from app.i18n import language, t
from app.views import details, home
from app.views.frame import Frame, below, up, use_go
from app.views.personal import favourite_button, note_box
from app.views.platform import page_service
from app.views.records import VIEWS, Shown, actions_for, record_page
from app.views.start import start_view
from app.views.state import State, use_services, use_sync, use_typed, use_ui
from wegweiser.edits import EditRefused
from wegweiser.kinds import KINDS, title_of
from wegweiser.markdown_rules import ENTRY_LINK, openable


@ft.component
def SearchScreen() -> ft.Control:
    """Search across the Wegweiser; favourites and topics before anything is typed."""
    services = use_services()
    ui = use_ui()
    sync = use_sync()  # drawn again after a sync: content and favourites may have changed
    go = use_go()
    query, set_query = ft.use_state("")
    # The field as last drawn (the client's newer values land on it), and whether the
    # app set the query last (clear, a correction) or the person typed it.
    held: State[ft.Ref[ft.TextField]] = ft.use_state(lambda: ft.Ref[ft.TextField]())
    field = held[0]
    set_by_app = ft.use_ref(True)

    def type_in(text: str) -> None:
        set_by_app.current = False
        set_query(text)

    def set_text(text: str) -> None:
        set_by_app.current = True
        set_query(text)

    def open_record(kind: str, record_id: str) -> None:
        go(f"/record/{kind}/{record_id}")

    def choose_kommune(key: str | None) -> None:
        ui.kommune = key

    def choose_visit_language(code: str) -> None:
        ui.visit_language = code

    def open_topic(key: str) -> None:
        go(f"/topic/{key}")

    def fetch(key: str) -> None:
        followed = services.sync.sync_state().followed
        services.sync.choose_kommunen(sorted({*followed, key}))
        services.sync.request_sync()

    content = services.content
    typed = query.strip()
    results = content.search(typed, ui.kommune) if typed else None
    start = (
        start_view(
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
    shown = home.SearchView(
        content.kommunen(),
        ui.kommune,
        query,
        results,
        start,
        sync.example_data,
        services.sync.kommunen_not_here(),
        field,
        None if set_by_app.current or field.current is None else field.current.value or "",
    )
    actions = home.SearchActions(set_text, choose_kommune, open_topic, open_record, fetch, type_in)
    return Frame(t("app.title"), home.home_view(shown, actions))


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
    body = details.topic_view(entries, lambda kind, i: go(below(path, f"record/{kind}/{i}")))
    return Frame(entries.topic.title_in(language()), body, back_to="/")


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
    personal = services.personal
    favourite = use_typed(lambda: personal.is_favourite(kind, record_id))
    note = use_typed(lambda: personal.note(kind, record_id))
    note_answer, set_note_answer = ft.use_state(("", False))
    refused_link, set_refused_link = ft.use_state("")

    record = services.content.record(kind, record_id)
    view = VIEWS.get(kind)
    if record is None or view is None:
        return Frame("", ft.Text(t("record.missing")), back_to=back)

    async def open_link(url: str) -> None:
        entry = ENTRY_LINK.fullmatch(url)
        if entry is not None:
            go(below(path, f"record/{entry.group(1)}/{entry.group(2)}"))
        elif openable(url):
            await page_service(ft.UrlLauncher).launch_url(url)
        else:  # data the rules would refuse today (older, or from another server)
            set_refused_link(t("record.link_refused", link=url[:80]))

    shown = Shown(
        content=services.content,
        now=datetime.now(),
        maps=services.maps,
        text_scale=ui.preferences.text_scale,
        open_record=lambda k, i: go(below(path, f"record/{k}/{i}")),
        replace_with=lambda other: go(below(back, f"record/{kind}/{other}")),
        open_link=open_link,
        visit_language=ui.visit_language,
        is_holiday=services.content.holidays(),
        narrow=not ui.wide,
    )

    def toggle_favourite() -> None:
        personal.set_favourite(kind, record_id, not favourite.value)
        favourite.set(not favourite.value)

    def save_note() -> None:
        try:
            personal.save_note(kind, record_id, note.value)
        except EditRefused as exc:
            set_note_answer((str(exc), True))
        else:
            set_note_answer((t("note.saved"), False))

    offered = actions_for(kind, staff=services.sync.staff, enrolled=services.sync.enrolled)
    note_part = (
        note_box(note.value, *note_answer, note.set, save_note) if KINDS[kind].notes else None
    )
    parts = view(record, shown)
    if refused_link:
        parts = [ft.Text(refused_link, color=ft.Colors.ERROR), *parts]
    body = record_page(
        favourite_button(favourite.value, toggle_favourite),
        offered,
        lambda route: go(below(path, route)),
        parts,
        note_part,
    )
    return Frame(title_of(record), body, back_to=back)
