"""Which Kommunen a device keeps: adding one fetches only what is new to the device,
removing one drops what only it needed."""

from app.store import content
from app.store.database import Store
from app.sync import apply
from app.sync import state as sync_state
from app.sync.state import ScopeAddition


def add_kommune(store: Store, key: str) -> None:
    """Queue a Kommune to add; the next sync fetches only what is new for it."""
    with store.session() as session:
        state = sync_state.load(session)
        if key in state.followed:
            return
        if not state.cursor:
            state.kommunen = sorted({*state.kommunen, key})
        else:
            # Several may wait: each is pulled on its own (a second choice must not
            # replace the first, as it once did).
            state.adding.append(ScopeAddition(kommune=key, until=state.cursor))
        sync_state.save(session, state)


def remove_kommune(store: Store, key: str) -> int:
    """Stop following a Kommune: drop what only it needed; returns how many records.

    District-wide records, records of the remaining Kommunen (and their
    Verbandsgemeinde) and records with queued edits stay.
    """
    with store.session() as session:
        state = sync_state.load(session)
        state.kommunen = [k for k in state.kommunen if k != key]
        state.adding = [a for a in state.adding if a.kommune != key]
        keep: set[str] = set()
        for kept in state.kommunen:
            keep.update(content.kommune_scope(session, kept))
        removed = apply.prune_outside(session, keep)
        sync_state.save(session, state)
    return removed


def choose_kommunen(store: Store, keys: list[str]) -> None:
    """Follow exactly these Kommunen (added ones are fetched at the next sync)."""
    with store.session() as session:
        current = set(sync_state.load(session).followed)
    for key in sorted(set(keys) - current):
        add_kommune(store, key)
    for key in sorted(current - set(keys)):
        remove_kommune(store, key)
