"""The outbox: what a person did offline waits in order, with when they did it."""

from datetime import UTC, datetime

from app.store.database import Store
from app.sync import outbox
from wegweiser.model import new_id


def test_a_queued_edit_carries_when_it_was_made(store: Store) -> None:
    """The server shows a report's time of the visit, not of the sync hours later."""
    made = datetime(2026, 11, 30, 10, 15, tzinfo=UTC)
    fields = {"target_entity": "contact_point", "target_id": new_id()}
    outbox.record_edit(store, "favourite", new_id(), fields, lambda: made)
    with store.session() as session:
        [entry] = outbox.pending(session)
    assert entry.mutation.made_at == made
    assert entry.mutation.model_dump(mode="json")["made_at"].startswith("2026-11-30T10:15")
