"""The sync client against answers no honest server gives."""

import tracemalloc

import pytest
from sqlmodel import select

from app.sync import outbox
from app.sync import state as sync_state
from app.sync.client import SyncClient
from app.sync.errors import Offline, ServerFault, SyncError, error_of
from tests.support.proxy import FaultProxy, gzip_bomb
from wegweiser.columns import checked
from wegweiser.model import ContactPoint
from wegweiser.protocol import PullRequest, Role


def test_an_answer_that_inflates_to_a_gigabyte_is_dropped_early(
    make_tablet, proxy: FaultProxy
) -> None:
    # 1 MB of gzip that inflates to 1 GB took the app to 4.1 GB of memory.
    tablet = make_tablet("lotsin", role=Role.LOTSE)
    gzip_bomb()  # made before memory is measured
    proxy.rule = lambda _m, path, n: "gzip_bomb" if path == "/sync/pull" else "pass"
    tracemalloc.start()
    try:
        with pytest.raises(SyncError) as refused:
            tablet.engine.sync()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * 2**20, f"{peak / 2**20:.0f} MB"
    assert "unerwartet groß" in refused.value.message
    assert tablet.engine.status().last_error == refused.value.message
    with tablet.store.session() as session:
        assert session.exec(select(ContactPoint)).all() == []  # nothing of it applied

    proxy.rule = lambda *_: "pass"
    tablet.engine.sync()
    with tablet.store.session() as session:
        assert session.exec(select(ContactPoint)).all()


def test_a_broken_download_is_a_german_server_fault(make_tablet, proxy: FaultProxy) -> None:
    # Outside a sync nothing turns a broken gzip into words: it reached the screen as
    # a zlib error.
    tablet = make_tablet("buero")
    proxy.rule = lambda _m, path, n: "broken_gzip" if path.startswith("/exports/") else "pass"
    with pytest.raises(ServerFault) as refused:
        tablet.engine.client().download("/exports/contact-points.csv")
    assert refused.value.message.startswith("Die Antwort des Servers kam beschädigt")


def test_a_body_too_slow_for_the_server_is_tried_again_not_refused() -> None:
    """408 (the server's body timeout on a slow line) stored nothing: the edits stay
    queued as when offline, not shown as refused."""
    answer = b'{"type": "x/zu-langsam", "status": 408, "detail": "Die Anfrage kam nicht an."}'
    error = error_of(408, answer)
    assert isinstance(error, Offline)
    assert "zu langsam" in error.message


def test_a_connection_closed_under_a_pull_or_push_is_tried_once_more(
    make_tablet, proxy: FaultProxy
) -> None:
    """A kept-alive connection the server closes just as the device reuses it (its idle
    timeout) ends without an answer: pulls and pushes are safe to repeat, so the client
    asks once more on a new connection instead of calling the server unreachable."""
    tablet = make_tablet("lotsin", role=Role.LOTSE)
    closed: set[str] = set()

    def close_each_path_once(_method: str, path: str, _n: int) -> str:
        if path in ("/sync/pull", "/sync/push") and path not in closed:
            closed.add(path)
            return "drop_request"
        return "pass"

    tablet.engine.sync()
    with tablet.store.session() as session:
        contact = session.exec(select(ContactPoint)).first()
    assert contact is not None
    outbox.record_edit(
        tablet.store, "contact_point", contact.id, {"costs": "2 Euro"}, tablet.engine.clock
    )
    proxy.rule = close_each_path_once
    pulls, pushes = proxy.count("/sync/pull"), proxy.count("/sync/push")
    tablet.engine.sync()  # no Offline
    assert closed == {"/sync/pull", "/sync/push"}
    assert proxy.count("/sync/push") == pushes + 2
    assert proxy.count("/sync/pull") > pulls + 1
    assert tablet.engine.status().pending == 0

    # Once more only: a server that is really gone is offline, as before.
    proxy.rule = lambda _m, path, _n: "drop_request" if path == "/sync/pull" else "pass"
    pulls = proxy.count("/sync/pull")
    with pytest.raises(Offline):
        tablet.engine.sync()
    assert proxy.count("/sync/pull") == pulls + 2


def test_an_enrolment_cut_off_is_not_sent_twice(proxy: FaultProxy) -> None:
    """A one-time code may have been used by the request that got no answer."""
    proxy.rule = lambda *_: "drop_request"
    with pytest.raises(Offline):
        SyncClient(proxy.url).enrol("abcdefgh", "Tablet")
    assert proxy.count("/enrol") == 1


def test_a_server_from_before_pages_as_columns_is_asked_for_changes(
    make_tablet, proxy: FaultProxy
) -> None:
    tablet = make_tablet("lotsin", role=Role.LOTSE)
    with tablet.store.session() as session:
        token = sync_state.load(session).token
    client = SyncClient(proxy.url, token)
    asked = PullRequest(kommunen=["thale"], limit=500)
    as_columns = client.pull(asked)
    before = proxy.count("/sync/pull")
    proxy.rule = lambda _m, path, n: (
        "refuses_columns" if path == "/sync/pull" and n == before + 1 else "pass"
    )
    as_changes = client.pull(asked)
    assert proxy.count("/sync/pull") == before + 2  # refused, then asked without
    assert not client.reads_columns
    # The same records; asked for columns, the app knew their names (none were sent).
    assert [checked(b) for b in as_changes.records] == [checked(b) for b in as_columns.records]
    assert as_changes.model_dump(exclude={"records"}) == as_columns.model_dump(exclude={"records"})
    assert as_changes.count > 50 and all(b.fields is None for b in as_columns.records)
    client.pull(asked)
    assert proxy.count("/sync/pull") == before + 3  # not asked with columns again
    client.close()
