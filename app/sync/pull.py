"""The pull phase: pages until nothing more follows, each written with its cursor.

First the pages of a Kommune being added (only what is new to the device), then the
normal delta. A server that no longer knows the cursor (410) starts a full resync:
everything is pulled again and afterwards what the server no longer has is swept.
"""

import random
from collections.abc import Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from datetime import UTC, datetime, timedelta

from app.store.database import Store
from app.sync import apply, outbox
from app.sync import state as sync_state
from app.sync.client import SyncClient
from app.sync.errors import ResyncRequired, ServerFault
from wegweiser.protocol import PullPage, PullRequest
from wegweiser.search.vocabulary import vocabulary_of

OnPage = Callable[[int], None]
"""Called after every stored page with the number of records it held."""

STUCK = (
    "Der Server meldet weitere Daten, aber sein Stand rückt nicht vor. Die "
    "Synchronisierung wurde beendet, damit sie nicht endlos läuft; neuer Versuch später. "
    "Bleibt es so, bitte der Koordinierungsstelle melden."
)


def _moving(page: PullPage, cursor: str) -> PullPage:
    """`page`, unless it asks for more with the cursor it was asked with: a broken server
    answering so made 29,649 pulls in 25 s."""
    if page.has_more and page.next_cursor == cursor:
        raise ServerFault(STUCK)
    return page


def pull(
    store: Store,
    client: SyncClient,
    page_size: int,
    on_page: OnPage,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> bool:
    """Pull until the device is up to date; a 410 turns into a full resync, at once or,
    after a restore, at a moment picked at random in the window the server announced
    (nothing is pulled until then). True when that resync queued own records the server
    lacked (to be pushed now)."""
    with store.session() as session:
        put_off = sync_state.load(session).resync_at
    if put_off is not None:
        if clock() < datetime.fromisoformat(put_off):
            return False
        start_resync(store)
    arrived = 0

    def counted(count: int) -> None:
        nonlocal arrived
        arrived += count
        on_page(count)

    try:
        sent_again = _pull_pages(store, client, page_size, counted, clock)
    except ResyncRequired as required:
        if required.within > 0:
            wait = random.uniform(0, required.within)
            _put_off_resync(store, clock() + timedelta(seconds=wait))
            return False
        start_resync(store)
        sent_again = _pull_pages(store, client, page_size, counted, clock)
    if arrived:
        _read_vocabulary(store)
    return sent_again


def _read_vocabulary(store: Store) -> None:
    """Read the search index's words now, in the sync's thread: the person's first
    search after a sync would read them instead (150 ms at 25,000 records with FTS5)."""
    with store.session() as session:
        vocabulary_of(Store.raw(session))


def _put_off_resync(store: Store, until: datetime) -> None:
    with store.session() as session:
        state = sync_state.load(session)
        state.resync_at = until.isoformat()
        sync_state.save(session, state)


def start_resync(store: Store) -> None:
    """The next pull is a full one (from an empty cursor), whatever was put off."""
    with store.session() as session:
        state = sync_state.load(session)
        state.resync_at = None
        # Everything is pulled again: Kommunen on their way come with it.
        state.kommunen, state.adding = state.followed, []
        state.cursor = ""
        state.resyncing = True
        apply.forget_seen(session)
        sync_state.save(session, state)


def _pull_pages(
    store: Store,
    client: SyncClient,
    page_size: int,
    on_page: OnPage,
    clock: Callable[[], datetime],
) -> bool:
    """First the Kommunen being added, each on its own, then the followed ones."""
    with store.session() as session:
        state = sync_state.load(session)
    while state.adding:
        _pull_added(store, client, state, page_size, on_page)
        with store.session() as session:
            state = sync_state.load(session)
    return _pull_followed(store, client, state, page_size, on_page, clock)


def _pull_added(
    store: Store, client: SyncClient, state: sync_state.SyncState, page_size: int, on_page: OnPage
) -> None:
    """The pages of the first Kommune being added (only what is new to the device), until
    it is followed, or the person drops it or changes the others meanwhile."""
    adding, followed = state.adding[0], state.kommunen
    first = PullRequest(
        cursor=adding.cursor,
        kommunen=[adding.kommune],
        include_shared=False,
        exclude_kommunen=followed,
        until=adding.until,
        limit=page_size,
    )
    with closing(_pages(client, first)) as pages:
        for page in pages:
            with store.session() as session:
                state = sync_state.load(session)
                pending = next((a for a in state.adding if a.kommune == adding.kommune), None)
                if pending is None or state.kommunen != followed:
                    return  # asked for again from what is stored, if it is still wanted
                apply.apply_page(session, page, state)
                if page.has_more:
                    pending.cursor = page.next_cursor
                else:
                    state.kommunen = sorted({*state.kommunen, adding.kommune})
                    state.adding.remove(pending)
                sync_state.save(session, state)
            on_page(page.count)


def _pull_followed(
    store: Store,
    client: SyncClient,
    state: sync_state.SyncState,
    page_size: int,
    on_page: OnPage,
    clock: Callable[[], datetime],
) -> bool:
    """The pages of the Kommunen followed, from the stored cursor on."""
    sent_again = False
    while True:
        kommunen = state.kommunen
        first = PullRequest(cursor=state.cursor, kommunen=kommunen, limit=page_size)
        with closing(_pages(client, first)) as pages:
            for page in pages:
                with store.session() as session:
                    state = sync_state.load(session)
                    if state.kommunen != kommunen:
                        break  # the person chose others: asked for again with those
                    apply.apply_page(session, page, state)
                    state.cursor = page.next_cursor
                    state.example_data = page.example_data
                    if not page.has_more and state.resyncing:
                        queued_before = outbox.count(session)
                        apply.sweep_after_resync(session, clock())
                        sent_again = outbox.count(session) > queued_before
                        state.resyncing = False
                    sync_state.save(session, state)
                on_page(page.count)
                if not page.has_more:
                    return sent_again


def _pages(client: SyncClient, first: PullRequest) -> Generator[PullPage]:
    """The pages from `first` on. The next page is asked for as soon as one has arrived,
    while the caller writes that one: the server's work and the way there hide behind
    the tablet's. Only the waiting is done beside it; the page is read in the caller's
    thread (two threads reading at once cost a fifth more CPU). Closed early, it waits
    for the page asked ahead and drops it."""
    with ThreadPoolExecutor(1, thread_name_prefix="pull-ahead") as ahead:
        asked = first
        upcoming = ahead.submit(client.ask_page, asked)
        while True:
            page = _moving(client.read_page(upcoming.result()), asked.cursor)
            following = asked.model_copy(update={"cursor": page.next_cursor})
            if page.has_more:
                upcoming = ahead.submit(client.ask_page, following)
            yield page
            if not page.has_more:
                return
            asked = following
