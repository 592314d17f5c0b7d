"""The pull phase against a server that misbehaves."""

import pytest

from app.sync import scope
from app.sync.errors import SyncError
from tests.support.proxy import FaultProxy
from wegweiser.protocol import Role


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
