"""The sync client's workflow: reports, revocation, scope, resync, status, scheduling."""

import errno
import json
import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from app.store import content
from app.store.database import Store
from app.sync import outbox, problems
from app.sync import state as sync_state
from app.sync.answers import Answer
from app.sync.client import SyncClient
from app.sync.engine import SyncEngine, failure_message
from app.sync.errors import MOST_PUT_OFF, Offline, ResyncRequired, Revoked, error_of
from sync_server import changes, enrolment
from sync_server.tables import SyncState
from tests.support import local_http
from tests.support.devices import Tablet, contact_in, offers_on
from tests.support.proxy import FaultProxy
from tests.support.server import Server
from wegweiser.edits import EditRefused
from wegweiser.model import ContactPoint, Synonym, new_id
from wegweiser.owned import ChangeReport, Favourite, PrivateNote, ReportFlag
from wegweiser.protocol import PullRequest, Role
from wegweiser.search.engine import search


def report(tablet: Tablet, report_id: str) -> ChangeReport | None:
    with tablet.store.session() as session:
        return session.get(ChangeReport, report_id)


def test_guide_report_waits_offline_then_is_submitted_and_accepted(
    make_tablet, proxy: FaultProxy, sync_server: Server
) -> None:
    lotse = make_tablet("lotsin", Role.LOTSE)
    lotse.engine.sync()
    contact = contact_in(lotse, "thale")
    proxy.rule = lambda method, path, n: "refuse"
    report_id = outbox.record_edit(
        lotse.store,
        "contact_point",
        contact.id,
        {"opening_hours": "Mo 09:00-11:00"},
        lotse.engine.clock,
        comment="Aushang an der Tür",
    )
    pending = report(lotse, report_id)
    assert pending is not None and pending.status == "pending"
    assert pending.changes == {"opening_hours": "Mo 09:00-11:00"}
    with lotse.store.session() as session:  # published content stays as it was
        assert content.get(session, ContactPoint, contact.id).opening_hours == (
            contact.opening_hours
        )
    try:
        lotse.engine.sync()
    except Offline as exc:
        assert "Keine Verbindung" in exc.message
    status = lotse.engine.status()
    assert (status.online, status.pending) == (False, 1)
    assert "Keine Verbindung" in status.last_error

    proxy.rule = lambda method, path, n: "pass"
    lotse.engine.sync()
    assert lotse.engine.status().pending == 0
    submitted = report(lotse, report_id)
    assert submitted is not None and submitted.version == 1  # now the server's record

    coordinator = local_http.client(base_url=sync_server.url)
    with Session(sync_server.engine) as session:
        code = enrolment.create_code(session, Role.KOORDINATION, "K").code
    token = coordinator.post("/enrol", json={"code": code, "device_name": "PC"}).json()["token"]
    coordinator.headers["Authorization"] = f"Bearer {token}"
    assert coordinator.post(f"/reports/{report_id}/accept", json={}).status_code == 200
    lotse.engine.sync()
    assert report(lotse, report_id).status == "accepted"
    with lotse.store.session() as session:
        assert content.get(session, ContactPoint, contact.id).opening_hours == "Mo 09:00-11:00"


def test_revoked_device_wipes_private_data(make_tablet, sync_server: Server) -> None:
    tablet = make_tablet("a", Role.LOTSE)
    tablet.engine.sync()
    contact = contact_in(tablet, "thale")
    outbox.record_edit(
        tablet.store,
        "favourite",
        "6d1f0a6e-3b7c-4f55-9a37-6d2f7b9c0a11",
        {"target_entity": "contact_point", "target_id": contact.id},
        tablet.engine.clock,
    )
    outbox.record_edit(
        tablet.store,
        "private_note",
        "6d1f0a6e-3b7c-4f55-9a37-6d2f7b9c0a12",
        {"target_entity": "contact_point", "target_id": contact.id, "text": "Hintereingang"},
        tablet.engine.clock,
    )
    tablet.engine.sync()
    with Session(sync_server.engine) as session:
        enrolment.revoke(session, account_id=_account(tablet))
        session.commit()
    try:
        tablet.engine.sync()
        raise AssertionError("revocation not noticed")
    except Revoked:
        pass
    status = tablet.engine.status()
    assert not status.enrolled and "gesperrt" in status.last_error
    with tablet.store.session() as session:
        assert session.exec(select(PrivateNote)).all() == []
        assert session.exec(select(Favourite)).all() == []
        assert content.get(session, ContactPoint, contact.id) is not None  # public stays


def _account(tablet: Tablet) -> str:
    from app.sync import state

    with tablet.store.session() as session:
        return state.load(session).account_id


def test_invalid_local_edit_is_refused_in_german_and_changes_nothing(make_tablet) -> None:
    tablet = make_tablet("a")
    tablet.engine.sync()
    contact = contact_in(tablet, "thale")
    for fields in ({"latitude": "weit weg"}, {"version": 99}, {"farbe": "rot"}):
        try:
            outbox.record_edit(
                tablet.store, "contact_point", contact.id, fields, tablet.engine.clock
            )
            raise AssertionError(f"accepted {fields}")
        except EditRefused as exc:
            assert "Feld" in str(exc)
    assert tablet.engine.status().pending == 0
    with tablet.store.session() as session:
        assert content.get(session, ContactPoint, contact.id) == contact


def test_a_full_disk_is_said_plainly() -> None:
    full = OSError(errno.ENOSPC, "No space left on device")
    assert failure_message(full).startswith("Der Speicher des Geräts ist voll.")
    disk = sqlite3.OperationalError("database or disk is full")
    assert failure_message(disk).startswith("Der Speicher des Geräts ist voll.")
    assert "RuntimeError" in failure_message(RuntimeError("bug"))


def test_conflict_resolved_with_theirs_or_an_edit(make_tablet, sync_server: Server) -> None:
    first, second = make_tablet("eins"), make_tablet("zwei")
    first.engine.sync()
    second.engine.sync()
    contact = contact_in(first, "thale")
    for value_first, value_second in (("A1", "B1"), ("A2", "B2")):
        outbox.record_edit(
            first.store, "contact_point", contact.id, {"costs": value_first}, first.engine.clock
        )
        outbox.record_edit(
            second.store, "contact_point", contact.id, {"costs": value_second}, second.engine.clock
        )
        first.engine.sync()
        second.engine.sync()
    waiting = problems.open_problems(second.store)
    assert len(waiting) == 2
    now = second.engine.clock()
    problems.resolve(second.store, waiting[0].mutation_id, "theirs", now)
    assert second.engine.status().pending == 0  # "theirs" sends nothing
    problems.resolve(second.store, waiting[1].mutation_id, "edit", now, {"costs": "A2 und B2"})
    second.engine.sync()
    first.engine.sync()
    with Session(sync_server.engine) as session:
        assert session.get(ContactPoint, contact.id).costs == "A2 und B2"
    with first.store.session() as session:
        assert content.get(session, ContactPoint, contact.id).costs == "A2 und B2"
    assert problems.open_problems(second.store) == []


def test_two_syncs_of_one_store_never_run_at_once(make_tablet, proxy: FaultProxy) -> None:
    tablet = make_tablet("a")
    tablet.engine.sync()
    guard = threading.Lock()
    active, most = [0], [0]

    class CountingClient(SyncClient):
        """A real client that counts how many syncs talk to the server at the same time."""

        def __init__(self, url: str, token: str | None) -> None:
            super().__init__(url, token, timeout=10)

        def ask_page(self, request: PullRequest) -> Answer:
            with guard:
                active[0] += 1
                most[0] = max(most[0], active[0])
            try:
                return super().ask_page(request)
            finally:
                with guard:
                    active[0] -= 1

    # Each pull waits half a second: unguarded, the second sync would start meanwhile.
    proxy.rule = lambda method, path, n: "delay:0.5" if path == "/sync/pull" else "pass"
    scheduler_like = SyncEngine(tablet.store, CountingClient)
    button_like = SyncEngine(tablet.store, CountingClient)  # e.g. "Jetzt synchronisieren"
    runs = [threading.Thread(target=engine.sync) for engine in (scheduler_like, button_like)]
    for run in runs:
        run.start()
    for run in runs:
        run.join(30)
    assert most[0] == 1
    assert proxy.count("/sync/pull") >= 3  # the first sync's pull, then both others in turn
    assert scheduler_like.status().last_error is None


def test_synonyms_arrive_with_the_content_and_search_uses_them(
    make_tablet, sync_server: Server
) -> None:
    tablet = make_tablet("tablet", Role.LOTSE)
    tablet.engine.sync()

    def titles(query: str) -> list[str]:
        with tablet.store.session() as session:
            found = search(Store.raw(session), query, kommunen=["thale"])
        return [hit.title for hit in found.hits]

    assert "Ausländerbehörde des Landkreises Harz" in titles("Migrationsamt")[:5]
    assert titles("Brockenbahn") == []

    # The Koordinierungsstelle adds a word; the next sync brings it to the tablet.
    with Session(sync_server.engine) as session:
        changes.save(session, Synonym(term="Bus", words=["Brockenbahn"]), None)
        session.commit()
    tablet.engine.sync()
    assert titles("Brockenbahn")


def test_a_report_reaches_the_server_with_its_comment_and_finding(
    make_tablet, sync_server: Server
) -> None:
    tablet = make_tablet("lotsin", role=Role.LOTSE)
    tablet.engine.sync()
    with tablet.store.session() as session:
        contact = session.exec(select(ContactPoint)).first()
    assert contact is not None
    comment = "Seit März geschlossen, Zettel an der Tür."
    report_id = outbox.record_edit(
        tablet.store,
        "contact_point",
        contact.id,
        {},
        tablet.engine.clock,
        comment=comment,
        flag=ReportFlag.CLOSED,
    )
    tablet.engine.sync()
    with Session(sync_server.engine) as session:
        report = session.get(ChangeReport, report_id)
    assert report is not None
    assert (report.comment, report.flag, report.changes) == (comment, ReportFlag.CLOSED, {})


def test_after_a_restore_each_tablet_pulls_everything_at_a_moment_of_its_own(
    make_tablet, proxy: FaultProxy, sync_server: Server
) -> None:
    """A restored server announces a window with its 410; each tablet picks its moment
    in it, works on with what it holds until then, and pulls everything then."""
    now = datetime.now(UTC)
    tablets = [make_tablet(name, clock=lambda: now) for name in ("a", "b", "c")]
    for tablet in tablets:
        tablet.engine.sync()
    held = len(offers_on(tablets[0]))
    with Session(sync_server.engine) as session:  # what a restore writes
        state = session.get(SyncState, 1)
        assert state is not None
        state.epoch, state.resync_until = new_id(), int(time.time()) + 1800
        session.add(state)
        session.commit()
    moments = []
    for tablet in tablets:
        tablet.engine.sync()
        with tablet.store.session() as session:
            put_off = sync_state.load(session)
        assert put_off.resync_at is not None and not put_off.resyncing
        moments.append(datetime.fromisoformat(put_off.resync_at))
    assert all(now <= moment <= now + timedelta(seconds=1800) for moment in moments)
    assert len(set(moments)) == 3  # not all at once
    first = tablets[0]
    pulls = proxy.count("/sync/pull")
    first.engine.sync()  # before its moment: nothing asked, nothing dropped
    assert proxy.count("/sync/pull") == pulls and len(offers_on(first)) == held
    first.engine.clock = lambda: moments[0] + timedelta(seconds=1)
    first.engine.sync()
    with first.store.session() as session:
        done = sync_state.load(session)
    assert done.resync_at is None and not done.resyncing and len(offers_on(first)) == held
    assert proxy.count("/sync/pull") > pulls
    answer = first.engine.client().pull(PullRequest(cursor=done.cursor, kommunen=["thale"]))
    assert answer.count == 0  # the new epoch's cursor: up to date


def test_the_window_a_server_announces_is_read_with_care() -> None:
    def within(value: object) -> int:
        body = json.dumps({"status": 410, "detail": "neu laden", "resync_within": value})
        error = error_of(410, body.encode())
        assert isinstance(error, ResyncRequired)
        return error.within

    assert within(600) == 600
    assert within(10**9) == MOST_PUT_OFF
    assert [within(v) for v in (-5, True, "600", None, 1.5)] == [0, 0, 0, 0, 0]
