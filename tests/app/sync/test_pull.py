"""The pull phase against a server that misbehaves."""

import gc
import sqlite3
import time
from typing import Any

import pytest

from app.store import content
from app.store.database import Store
from app.sync import scope
from app.sync import state as sync_state
from app.sync.answers import Answer
from app.sync.client import SyncClient
from app.sync.errors import SyncError
from tests.support.proxy import FaultProxy
from wegweiser.protocol import PullRequest, Role
from wegweiser.search import vocabulary
from wegweiser.search.engine import search
from wegweiser.search.index import fulltext


def test_a_cursor_that_does_not_move_ends_the_sync(make_tablet, proxy: FaultProxy) -> None:
    # "More follows" with the same cursor again made 29,649 pulls in 25 s.
    tablet = make_tablet("lotsin", role=Role.LOTSE)
    proxy.rule = lambda _m, path, n: "stuck_page" if path == "/sync/pull" else "pass"
    with pytest.raises(SyncError) as refused:
        tablet.engine.sync()
    assert "rückt nicht vor" in refused.value.message
    assert proxy.count("/sync/pull") <= 3
    assert tablet.engine.status().last_error == refused.value.message

    # The same while a Kommune is being added.
    proxy.rule = lambda *_: "pass"
    tablet.engine.sync()
    scope.choose_kommunen(tablet.store, ["thale", "huy"])
    proxy.rule = lambda _m, path, n: "stuck_page" if path == "/sync/pull" else "pass"
    before = proxy.count("/sync/pull")
    with pytest.raises(SyncError, match="rückt nicht vor"):
        tablet.engine.sync()
    assert proxy.count("/sync/pull") - before <= 3
    proxy.rule = lambda *_: "pass"
    assert tablet.engine.sync().last_error is None


def test_a_page_with_one_wrong_value_is_refused_whole(make_tablet, proxy: FaultProxy) -> None:
    tablet = make_tablet("lotsin", role=Role.LOTSE)
    tablet.engine.sync()

    def stored() -> tuple[str, list[str]]:
        with tablet.store.session() as session:
            connection = Store.raw(session)
            topics = [key for (key,) in connection.execute("SELECT key FROM topic ORDER BY key")]
            return sync_state.load(session).cursor, topics

    before = stored()
    proxy.rule = lambda _m, path, n: "wrong_row" if path == "/sync/pull" else "pass"
    with pytest.raises(SyncError, match="beschädigt oder unerwartet"):
        tablet.engine.sync()
    assert stored() == before and "neu" not in before[1]
    proxy.rule = lambda *_: "pass"
    assert tablet.engine.sync().last_error is None


def test_the_first_search_after_a_sync_finds_the_words_read(
    make_tablet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index's words are read in the sync's thread, not by the person's first search
    (150 ms at 25,000 records; bench/bench_search.py)."""
    tablet = make_tablet("lotsin", role=Role.LOTSE)
    tablet.engine.sync()
    reads: list[int] = []

    def counted(connection: sqlite3.Connection) -> Any:
        reads.append(1)
        return fulltext(connection)

    monkeypatch.setattr(vocabulary, "fulltext", counted)
    with tablet.store.session() as session:
        found = search(Store.raw(session), "Jobcentr")  # a typo: the words are needed
    assert found.hits
    assert reads == []


def test_the_cycle_collector_waits_while_a_page_is_written(
    make_tablet, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its full rounds walk everything the app holds: 85 ms each on a first sync here.
    tablet = make_tablet("lotsin", role=Role.LOTSE)
    write_rows = content.write_rows
    collector_on: list[bool] = []

    def observed(*args: Any) -> int:
        collector_on.append(gc.isenabled())
        return write_rows(*args)

    monkeypatch.setattr(content, "write_rows", observed)
    assert gc.isenabled()
    tablet.engine.sync()
    assert collector_on and not any(collector_on)
    assert gc.isenabled()  # on again after the page

    # Whoever had turned it off keeps it off.
    gc.disable()
    try:
        scope.choose_kommunen(tablet.store, ["thale", "huy"])
        tablet.engine.sync()
        assert len(collector_on) > 1 and not gc.isenabled()
    finally:
        gc.enable()


def test_the_next_page_is_asked_for_while_one_is_written(
    make_tablet, proxy: FaultProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The server's work for it and the way there hide behind the tablet's writing.
    tablet = make_tablet("lotsin", role=Role.LOTSE, page_size=20)
    write_rows = content.write_rows
    asked_while_writing: list[int] = []

    def observed(*args: Any) -> int:
        if not asked_while_writing:
            deadline = time.monotonic() + 5
            while proxy.count("/sync/pull") < 2 and time.monotonic() < deadline:
                time.sleep(0.01)
            asked_while_writing.append(proxy.count("/sync/pull"))
        return write_rows(*args)

    monkeypatch.setattr(content, "write_rows", observed)
    tablet.engine.sync()
    assert asked_while_writing == [2]
    with tablet.store.session() as session:
        assert sync_state.load(session).cursor
        stored = Store.raw(session).execute("SELECT count(*) FROM contact_point").fetchone()[0]
    other = make_tablet("sequential", role=Role.LOTSE, page_size=1000)
    other.engine.sync()
    with other.store.session() as session:
        assert Store.raw(session).execute("SELECT count(*) FROM contact_point").fetchone() == (
            stored,
        )


def test_a_kommune_dropped_during_a_sync_is_not_pulled_further(
    make_tablet, monkeypatch: pytest.MonkeyPatch
) -> None:
    tablet = make_tablet("lotsin", role=Role.LOTSE, kommunen=("thale", "huy"), page_size=10)
    ask_page = SyncClient.ask_page
    asked: list[list[str]] = []
    written_after: list[int] = []

    def logged(client: SyncClient, request: PullRequest) -> Answer:
        asked.append(request.kommunen)
        return ask_page(client, request)

    def progress(_records: int, _bytes: int) -> None:
        if written_after:
            written_after.append(1)
        else:  # after the first page, as the person unticks Huy
            scope.remove_kommune(tablet.store, "huy")
            written_after.append(0)

    monkeypatch.setattr(SyncClient, "ask_page", logged)
    tablet.engine.on_progress = progress
    tablet.engine.sync()
    # Every page written after the change was asked for Thale alone (one asked for both
    # before it was dropped).
    assert asked[0] == ["huy", "thale"] and sum(written_after) > 1
    assert sum(written_after) == asked.count(["thale"])
    with tablet.store.session() as session:
        assert sync_state.load(session).kommunen == ["thale"]
