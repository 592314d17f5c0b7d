"""Recovering from a damaged local store without losing queued edits.

The damaged file is read-only salvaged for what it still yields - the outbox and the
sync state (server, token, Kommunen) - then moved aside; a fresh store gets those back
and the next sync pulls all content again and sends the queued edits with their
original mutation ids (so nothing the server already has is applied twice).
"""

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.store.database import Store, open_store, quarantine
from app.sync import outbox
from app.sync import state as sync_state


@dataclass
class Salvage:
    outbox: list[tuple[str, str, str, str, int, str, str]]
    state: str | None
    lost_entries: int


def salvage(path: Path) -> Salvage:
    """Read what can still be read from a damaged store, changing nothing in it."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows, lost = outbox.salvage(connection)
        try:
            found = connection.execute("SELECT value FROM store_meta WHERE key = 'sync'").fetchone()
            state = found[0] if found else None
        except sqlite3.DatabaseError:
            state = None
    finally:
        connection.close()
    return Salvage(outbox=rows, state=state, lost_entries=lost)


def recover(path: Path) -> tuple[Store, Salvage]:
    """Salvage, move the damaged file aside, and start a fresh store with what was saved."""
    saved = salvage(path)
    quarantine(path)
    store = open_store(path)
    with store.session() as session:
        outbox.restore_rows(Store.raw(session), saved.outbox)
        if saved.state is not None:
            try:
                restored = sync_state.from_json(json.loads(saved.state))
                # Pulled again from the start, Kommunen on their way included.
                restored.kommunen, restored.adding = restored.followed, []
                restored.cursor, restored.resyncing = "", False
            except (ValueError, TypeError, AttributeError):
                restored = sync_state.SyncState()
            sync_state.save(session, restored)
    return store, saved
