"""The push phase: send the outbox in batches; an entry leaves only with its answer.

Conflicts and refusals are kept for a person (`problems`) in the same transaction that
removes their entry, so an interruption between sending and storing the answer means
the entry is sent again with the same mutation id, and the server answers as before.
"""

from collections.abc import Callable
from datetime import datetime

from app.store.database import Store
from app.sync import outbox, problems
from app.sync.client import SyncClient
from wegweiser.protocol import MutationStatus


def push_outbox(
    store: Store, client: SyncClient, batch_size: int, clock: Callable[[], datetime]
) -> None:
    """Send everything queued, oldest first, until the outbox is empty."""
    while True:
        with store.session() as session:
            batch = outbox.pending(session, batch_size)
            if not batch:
                return
            outbox.mark_attempted(session, batch)
        answer = client.push([entry.mutation for entry in batch])
        with store.session() as session:
            by_id = {entry.mutation.id: entry for entry in batch}
            for result in answer.results:
                entry = by_id.get(result.mutation_id)
                if entry is None:
                    continue
                if result.status in (MutationStatus.CONFLICT, MutationStatus.REJECTED):
                    problems.keep(session, entry.mutation, result, clock())
                outbox.remove(session, entry)
