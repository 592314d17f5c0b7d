"""Which Kommunen a device keeps: several chosen at once all arrive, each pulled on its
own; none is lost to a full resync or to an old store's state."""

import json

from sqlmodel import select

from app.store import content
from app.sync import scope
from app.sync import state as sync_state
from tests.support.proxy import FaultProxy
from wegweiser.model import Offer


def test_two_kommunen_chosen_at_once_both_arrive(make_tablet, proxy: FaultProxy) -> None:
    """The second choice replaced the first: a guide in two Kommunen lacked one offline."""
    tablet = make_tablet("a", kommunen=("thale",))
    tablet.engine.sync()
    scope.choose_kommunen(tablet.store, ["halberstadt", "thale", "wernigerode"])
    with tablet.store.session() as session:
        waiting = sync_state.load(session)
    assert [a.kommune for a in waiting.adding] == ["halberstadt", "wernigerode"]
    assert waiting.followed == ["halberstadt", "thale", "wernigerode"]
    pulls_before = proxy.count("/sync/pull")
    tablet.engine.sync()
    with tablet.store.session() as session:
        done = sync_state.load(session)
        offers = session.exec(select(Offer)).all()
    assert (done.kommunen, done.adding) == (["halberstadt", "thale", "wernigerode"], [])
    assert {"halberstadt", "thale", "wernigerode"} <= {o.kommune_key for o in offers}
    # One scope pull per new Kommune, then the normal one.
    assert proxy.count("/sync/pull") - pulls_before == 3


def test_a_kommune_dropped_while_waiting_is_not_fetched(make_tablet) -> None:
    tablet = make_tablet("a", kommunen=("thale",))
    tablet.engine.sync()
    scope.choose_kommunen(tablet.store, ["halberstadt", "thale", "wernigerode"])
    scope.choose_kommunen(tablet.store, ["thale", "wernigerode"])
    tablet.engine.sync()
    with tablet.store.session() as session:
        assert sync_state.load(session).kommunen == ["thale", "wernigerode"]


def test_a_store_with_one_waiting_kommune_in_the_old_form_keeps_it(make_tablet) -> None:
    tablet = make_tablet("a", kommunen=("thale",))
    tablet.engine.sync()
    with tablet.store.session() as session:
        stored = json.loads(content.get_meta(session, "sync") or "{}")
        stored["adding"] = {"kommune": "halberstadt", "until": stored["cursor"], "cursor": ""}
        content.set_meta(session, "sync", json.dumps(stored))
        session.commit()
    tablet.engine.sync()
    with tablet.store.session() as session:
        assert sync_state.load(session).kommunen == ["halberstadt", "thale"]


def test_a_kommune_dropped_while_it_arrives_stops_at_once(make_tablet) -> None:
    # Its pages are asked for one ahead: the one asked before it was dropped is not written.
    tablet = make_tablet("a", kommunen=("thale",), page_size=5)
    tablet.engine.sync()
    scope.choose_kommunen(tablet.store, ["halberstadt", "thale"])
    written: list[int] = []

    def progress(records: int, _bytes: int) -> None:
        written.append(records)
        if len(written) == 1:  # after Halberstadt's first page, as the person unticks it
            scope.choose_kommunen(tablet.store, ["thale"])

    tablet.engine.on_progress = progress
    tablet.engine.sync()
    with tablet.store.session() as session:
        state = sync_state.load(session)
        offers = {o.kommune_key for o in session.exec(select(Offer)).all()}
    assert (state.kommunen, state.adding) == (["thale"], [])
    assert "halberstadt" not in offers
    assert written[0] == 5 and len(written) == 2  # Halberstadt's first page, then Thale's
