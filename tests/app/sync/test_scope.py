"""Which Kommunen a device keeps: several chosen at once all arrive, each pulled on its
own; none is lost to a full resync or to an old store's state. A Kommune added fetches
only what is new, one removed drops only its own records, and a full resync keeps the
outbox."""

import json

from sqlmodel import Session, select

from app.store import content
from app.sync import outbox, scope
from app.sync import state as sync_state
from sync_server import retention
from tests.support.devices import contact_in, offers_on
from tests.support.proxy import FaultProxy
from tests.support.server import Server
from wegweiser.model import ContactPoint, Offer


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


def test_adding_a_kommune_fetches_only_new_records(make_tablet, proxy: FaultProxy) -> None:
    tablet = make_tablet("a", kommunen=("halberstadt",))
    tablet.engine.sync()
    with tablet.store.session() as session:
        before = {o.id for o in session.exec(select(Offer)).all()}
    pulls_before = proxy.count("/sync/pull")
    scope.add_kommune(tablet.store, "thale")
    tablet.engine.sync()
    with tablet.store.session() as session:
        offers = session.exec(select(Offer)).all()
    assert before < {o.id for o in offers}
    assert {o.kommune_key for o in offers} == {"halberstadt", "thale"}
    # One scope pull and one normal pull that found nothing new.
    assert proxy.count("/sync/pull") - pulls_before == 2


def test_full_resync_keeps_the_outbox_and_drops_purged_records(
    make_tablet, sync_server: Server
) -> None:
    editor, stale = make_tablet("editor"), make_tablet("stale")
    editor.engine.sync()
    stale.engine.sync()
    offer_id = next(o.id for o in offers_on(editor) if o.kommune_key == "thale")
    outbox.record_edit(editor.store, "offer", offer_id, {}, editor.engine.clock, op="delete")
    editor.engine.sync()
    with Session(sync_server.engine) as session:
        assert retention.purge_tombstones(session, older_than_days=0) == 1
    contact = contact_in(stale, "thale")
    outbox.record_edit(
        stale.store, "contact_point", contact.id, {"costs": "nach Resync"}, stale.engine.clock
    )
    stale.engine.sync()  # 410 from the server, handled: full pull, outbox pushed first
    assert offer_id not in {o.id for o in offers_on(stale)}
    assert stale.engine.status().pending == 0
    with Session(sync_server.engine) as session:
        assert session.get(ContactPoint, contact.id).costs == "nach Resync"


def test_removing_a_kommune_drops_only_its_own_records(make_tablet) -> None:
    tablet = make_tablet("a", kommunen=("halberstadt", "ditfurt"))
    tablet.engine.sync()
    removed = scope.remove_kommune(tablet.store, "ditfurt")
    assert removed > 0
    offers = {o.kommune_key for o in offers_on(tablet)}
    assert offers == {"halberstadt"}
    with tablet.store.session() as session:
        contacts = session.exec(select(ContactPoint)).all()
    assert any(c.kommune_keys == [] for c in contacts)  # district-wide stays
    assert not any(c.kommune_keys == ["ditfurt"] for c in contacts)
    tablet.engine.sync()  # and the next sync does not bring them back
    assert {o.kommune_key for o in offers_on(tablet)} == {"halberstadt"}
