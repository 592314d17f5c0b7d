"""The sync client against answers no honest server gives."""

import tracemalloc

import pytest
from sqlmodel import select

from app.sync.errors import Offline, ServerFault, SyncError, error_of
from tests.support.proxy import FaultProxy, gzip_bomb
from wegweiser.model import ContactPoint
from wegweiser.protocol import Role


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
