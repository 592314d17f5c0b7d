"""The pull phase against a server that misbehaves."""

import gc
import sqlite3
from typing import Any

import pytest

from app.store import content
from app.store.database import Store
from app.sync import scope
from app.sync import state as sync_state
from app.sync.errors import SyncError
from tests.support.proxy import FaultProxy
from wegweiser.protocol import Role
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
