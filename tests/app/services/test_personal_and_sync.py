"""The personal and sync services against the real server: favourites, notes,
conflicts, sign-out, the status line, preferences."""

import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from app.i18n import t
from app.services import preferences
from app.services.content import ContentService
from app.services.personal import PersonalService
from app.services.preferences import Preferences
from app.services.sync import SyncService, shows_example_data, status_text
from app.store import content
from app.store.database import open_store
from app.sync import outbox
from app.sync.engine import SyncEngine
from app.sync.errors import SyncError
from app.sync.status import SyncStatus
from app.views.syncing import sync_view
from sync_server import changes
from tests.support.controls import texts
from tests.support.devices import Tablet
from tests.support.server import Server
from wegweiser.dataset import Dataset
from wegweiser.model import ContactPoint
from wegweiser.owned import Favourite, PrivateNote
from wegweiser.protocol import Role


def personal_of(tablet: Tablet) -> PersonalService:
    return PersonalService(tablet.store)


def sync_of(tablet: Tablet) -> SyncService:
    return SyncService(tablet.store, tablet.engine)


def a_contact(tablet: Tablet) -> ContactPoint:
    with tablet.store.session() as session:
        found = session.exec(select(ContactPoint).order_by(ContactPoint.name)).first()
    assert found is not None
    return found


def test_favourites_and_notes_sync_to_the_same_account_only(
    make_tablet, sync_server: Server
) -> None:
    tablet = make_tablet("tablet", Role.LOTSE)
    tablet.engine.sync()
    guide = personal_of(tablet)
    contact = a_contact(tablet)

    guide.set_favourite("contact_point", contact.id, True)
    guide.save_note("contact_point", contact.id, "  Eingang hinten, Klingel 2  ")
    assert [(s.kind, s.record_id, s.title) for s in guide.favourites()] == [
        ("contact_point", contact.id, contact.name)
    ]
    assert guide.note("contact_point", contact.id) == "Eingang hinten, Klingel 2"
    assert sync_of(tablet).status().pending == 2
    tablet.engine.sync()

    phone = make_tablet("phone", Role.LOTSE, account_id=sync_of(tablet).sync_state().account_id)
    phone.engine.sync()
    on_phone = personal_of(phone)
    assert on_phone.is_favourite("contact_point", contact.id)
    assert on_phone.note("contact_point", contact.id) == "Eingang hinten, Klingel 2"

    stranger = make_tablet("stranger", Role.LOTSE)
    stranger.engine.sync()
    assert personal_of(stranger).favourites() == []
    assert personal_of(stranger).note("contact_point", contact.id) == ""

    # Unmarking and emptying the note delete both, on the server too.
    guide.set_favourite("contact_point", contact.id, False)
    guide.save_note("contact_point", contact.id, "")
    tablet.engine.sync()
    phone.engine.sync()
    assert on_phone.favourites() == []
    assert on_phone.note("contact_point", contact.id) == ""
    with Session(sync_server.engine) as session:
        assert all(f.deleted for f in session.exec(select(Favourite)))
        assert all(n.deleted for n in session.exec(select(PrivateNote)))


def test_note_edited_on_two_devices_is_a_conflict_the_person_decides(make_tablet) -> None:
    tablet = make_tablet("tablet", Role.LOTSE)
    tablet.engine.sync()
    guide = personal_of(tablet)
    contact = a_contact(tablet)
    guide.save_note("contact_point", contact.id, "Mittwochs geschlossen")
    tablet.engine.sync()
    phone = make_tablet("phone", Role.LOTSE, account_id=sync_of(tablet).sync_state().account_id)
    phone.engine.sync()
    on_phone = personal_of(phone)

    on_phone.save_note("contact_point", contact.id, "Mittwochs nur mit Termin")
    phone.engine.sync()
    guide.save_note("contact_point", contact.id, "Mittwochs ab 10 Uhr")
    status = tablet.engine.sync()

    assert status.open_problems == 1
    assert status_text(status, datetime.now(UTC), t) == "1 Konflikt – bitte ansehen"
    [conflict] = sync_of(tablet).conflicts()
    assert conflict.kind == "conflict"
    assert conflict.title == contact.name  # the note's record, not the note's id
    [row] = conflict.rows
    assert (row.field, row.mine, row.theirs) == (
        "text",
        "Mittwochs ab 10 Uhr",
        "Mittwochs nur mit Termin",
    )

    sync_of(tablet).resolve(conflict.mutation_id, keep_mine=True)
    assert sync_of(tablet).conflicts() == []
    tablet.engine.sync()
    phone.engine.sync()
    assert on_phone.note("contact_point", contact.id) == "Mittwochs ab 10 Uhr"
    assert guide.note("contact_point", contact.id) == "Mittwochs ab 10 Uhr"
    assert tablet.engine.status().open_problems == 0


def test_choosing_the_servers_version_sends_nothing_and_keeps_theirs(make_tablet) -> None:
    first = make_tablet("first")  # coordinators edit content directly
    second = make_tablet("second")
    first.engine.sync()
    second.engine.sync()
    contact = a_contact(first)
    outbox.record_edit(
        first.store, "contact_point", contact.id, {"costs": "5 Euro"}, lambda: datetime.now(UTC)
    )
    first.engine.sync()
    outbox.record_edit(
        second.store, "contact_point", contact.id, {"costs": "kostenlos"}, lambda: datetime.now(UTC)
    )
    second.engine.sync()
    guide = sync_of(second)
    [conflict] = guide.conflicts()
    assert [(r.field, r.mine, r.theirs) for r in conflict.rows] == [
        ("costs", "kostenlos", "5 Euro")
    ]
    guide.resolve(conflict.mutation_id, keep_mine=False)
    assert guide.status().pending == 0
    second.engine.sync()
    assert guide.conflicts() == []
    assert a_contact(second).costs == "5 Euro"


def test_sign_out_deletes_every_file_of_the_store(make_tablet) -> None:
    tablet = make_tablet("tablet", Role.LOTSE)
    tablet.engine.sync()
    personal_of(tablet).save_note("contact_point", a_contact(tablet).id, "noch nicht gesendet")
    path = tablet.store.path

    sync_of(tablet).sign_out()

    assert not path.exists()
    assert not path.with_name(path.name + "-wal").exists()
    fresh = open_store(path)
    tablet.store = fresh  # closed again by the fixture
    with fresh.session() as session:
        assert session.exec(select(ContactPoint)).first() is None
        assert session.exec(select(PrivateNote)).first() is None
    assert not SyncService(fresh, tablet.engine).enrolled


def status(**values: object) -> SyncStatus:
    base: dict[str, object] = dict(
        enrolled=True,
        online=True,
        syncing=False,
        last_success=None,
        pending=0,
        open_problems=0,
        last_error=None,
    )
    return SyncStatus(**{**base, **values})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"online": False, "pending": 3}, "Offline – 3 Änderungen warten"),
        ({"online": False, "pending": 1}, "Offline – 1 Änderung wartet"),
        ({"pending": 2}, "2 Änderungen warten"),
        ({"open_problems": 2, "pending": 1}, "2 Konflikte – bitte ansehen"),
        ({"last_success": "2h"}, "Zuletzt synchronisiert vor 2 Std."),
        ({"last_success": "3d"}, "Zuletzt synchronisiert vor 3 Tagen"),
        ({"enrolled": False}, "Nur Beispieldaten – nicht verbunden"),
    ],
)
def test_status_text_says_it_plainly(values: dict[str, object], expected: str) -> None:
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    ago = {"2h": timedelta(hours=2, minutes=5), "3d": timedelta(days=3, hours=1)}
    if "last_success" in values:
        values = {**values, "last_success": now - ago[str(values["last_success"])]}
    assert status_text(status(**values), now, t) == expected


def test_preferences_survive_a_restart_and_bad_values_fall_back(make_tablet) -> None:
    tablet = make_tablet("tablet", Role.LOTSE)
    assert preferences.load(tablet.store) == Preferences()
    chosen = Preferences(language="en", text_scale=1.6, theme="dark")
    preferences.save(tablet.store, chosen)
    tablet.reopen()
    assert preferences.load(tablet.store) == chosen
    with pytest.raises(ValueError):
        preferences.save(tablet.store, Preferences(language="xx"))
    with tablet.store.session() as session:
        content.set_meta(session, "preferences", '{"language": "tlh", "text_scale": "huge"')
    assert preferences.load(tablet.store) == Preferences()
    with tablet.store.session() as session:
        content.set_meta(session, "preferences", '{"language": "tlh", "theme": "dark"}')
    assert preferences.load(tablet.store) == Preferences(theme="dark")
    # "Sehr groß" saved by the earlier version (1.3) is today's "Sehr groß" (1.6).
    with tablet.store.session() as session:
        content.set_meta(session, "preferences", '{"text_scale": 1.3}')
    assert preferences.load(tablet.store).text_scale == 1.6


def test_the_example_data_warning_follows_the_server(
    make_tablet, sync_server: Server, demo_dataset: Dataset
) -> None:
    tablet = make_tablet("tablet", Role.LOTSE)
    guide = sync_of(tablet)
    content_service = ContentService(tablet.store)
    assert shows_example_data(content_service, guide)  # nothing known yet: warn
    tablet.engine.sync()
    assert shows_example_data(content_service, guide)
    real = replace(demo_dataset, meta=replace(demo_dataset.meta, example_data=False))
    with Session(sync_server.engine) as session:
        changes.load_dataset(session, real)
        session.commit()
    tablet.engine.sync()
    assert not shows_example_data(content_service, guide)


def test_one_sync_scheduler_per_store_file_in_the_process(make_tablet) -> None:
    """Android may start the UI again while Python lives on, and every browser tab is a
    session of its own: a newer session takes over the running scheduler, and an edit in
    the older one still wakes it."""
    tablet = make_tablet("lotsin", role=Role.LOTSE)
    tablet.engine.sync()
    first = SyncService(tablet.store, tablet.engine)
    second_store = open_store(tablet.path)
    second = SyncService(second_store, SyncEngine(second_store, tablet.engine.client_factory))
    heard: list[SyncStatus] = []
    heard_first: list[SyncStatus] = []

    def synced_and_heard(*hearing: list[SyncStatus]) -> None:
        deadline = time.monotonic() + 10
        while not all(hearing) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert all(hearing), "a session heard nothing of the sync"

    try:
        first.start_background(heard_first.append)
        second.start_background(heard.append)
        threads = [t for t in threading.enumerate() if t.name == "wegweiser-sync" and t.is_alive()]
        assert len(threads) == 1
        assert first.scheduler is not None and first.scheduler._thread is not None
        assert not first.scheduler._thread.is_alive()
        heard.clear()
        heard_first.clear()
        first.request_sync()  # an edit in the older session
        # Both tabs hear it: the older tab's status froze once a second tab was open.
        synced_and_heard(heard, heard_first)
        # The newer tab closes: the older one syncs on, with a thread of its own.
        second.stop_background()
        heard_first.clear()
        first.request_sync()
        synced_and_heard(heard_first)
        assert first.scheduler is not None and first.scheduler._thread is not None
        assert first.scheduler._thread.is_alive()
    finally:
        second.stop_background()
        first.stop_background()
        second_store.close()
    assert not [t for t in threading.enumerate() if t.name == "wegweiser-sync" and t.is_alive()]


@pytest.mark.parametrize("code", ["", "   ", "ABC", "X" * 65])
def test_connecting_with_no_or_a_short_code_is_refused_in_german(
    tmp_path, sync_server: Server, code: str
) -> None:
    store = open_store(tmp_path / "neu" / "wegweiser.sqlite")
    service = SyncService(store, SyncEngine(store))
    with pytest.raises(SyncError) as refused:
        service.connect(sync_server.url, code, "Tablet")
    assert refused.value.message.startswith("Bitte den vollständigen Anmeldecode eingeben")
    assert not service.enrolled
    store.close()


def test_the_sync_screen_names_each_change_that_waits(make_tablet, proxy) -> None:
    """It counted "3 Änderungen warten" and did not say which."""
    tablet = make_tablet("lotsin", role=Role.LOTSE)
    tablet.engine.sync()
    proxy.rule = lambda method, path, n: "refuse"  # a visit without a connection
    with tablet.store.session() as session:
        contact, other = [c for c in session.exec(select(ContactPoint)) if c.opening_hours][:2]
    personal = personal_of(tablet)
    personal.report_change("contact_point", contact.id, {"costs": "2 Euro"}, "")
    personal.save_note("contact_point", other.id, "Dienstags voll: früh kommen.")
    personal.set_favourite("contact_point", contact.id, True)
    waiting = sync_of(tablet).waiting()
    assert [(w.what, w.title) for w in waiting] == [
        ("report", contact.name),
        ("note", other.name),
        ("favourite", contact.name),
    ]
    assert all(w.made_at is not None for w in waiting)
    shown = texts(sync_view(sync_of(tablet).status(), datetime.now(UTC), print, print, waiting))
    assert shown[1] == "Wartende Änderungen: 3"
    assert shown[2].startswith(f"• Meldung zu „{contact.name}“")
    assert shown[3].startswith(f"• Notiz zu „{other.name}“")
