"""One sync: push the outbox, then pull until nothing more follows.

Every step is transactional on the device: an outbox entry leaves only together with
the stored answer to it, and a pulled page is written together with its cursor. An
interruption anywhere (app killed, connection cut, server restarted) therefore resumes
at the right place with nothing lost and nothing applied twice.
"""

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from app.store import content
from app.store.database import Store
from app.sync import apply, outbox
from app.sync import state as sync_state
from app.sync.client import Offline, ResyncRequired, Revoked, SyncClient, SyncError
from app.sync.state import ScopeAddition, SyncState
from app.sync.status import SyncStatus
from wegweiser.model import OWNED_TYPES
from wegweiser.protocol import MutationResult, MutationStatus, PullRequest

Clock = Callable[[], datetime]
ClientFactory = Callable[[str, str | None], SyncClient]

REVOKED_MESSAGE = (
    "Dieses Gerät wurde von der Koordinierungsstelle gesperrt. Private Notizen, Favoriten "
    "und Meldungen wurden vom Gerät gelöscht. Bitte melden Sie sich bei der "
    "Koordinierungsstelle."
)


def system_clock() -> datetime:
    return datetime.now(UTC)


def default_client(server_url: str, token: str | None) -> SyncClient:
    return SyncClient(server_url, token)


class SyncEngine:
    """Syncs one local store with its server."""

    def __init__(
        self,
        store: Store,
        client_factory: ClientFactory = default_client,
        clock: Clock = system_clock,
        push_batch: int = 100,
        page_size: int = 200,
    ) -> None:
        self.store = store
        self.client_factory = client_factory
        self.clock = clock
        self.push_batch = push_batch
        self.page_size = page_size
        self.online: bool | None = None
        self.syncing = False
        self.on_progress: Callable[[int, int], None] | None = None
        """Called after every pulled page with (records so far, bytes received so far)."""
        self._records = 0

    # --- enrolment and scope ---------------------------------------------------------

    def enrol(self, server_url: str, code: str, device_name: str, kommunen: list[str]) -> None:
        """Trade an enrolment code for a token and remember server and Kommunen."""
        client = self.client_factory(server_url, None)
        try:
            answer = client.enrol(code, device_name)
        finally:
            client.close()
        with self.store.session() as session:
            state = sync_state.load(session)
            state.server_url = server_url
            state.token = answer.token
            state.device_id = answer.device_id
            state.account_id = answer.account_id
            state.account_name = answer.account_name
            state.role = answer.role.value
            state.kommunen = sorted(set(kommunen))
            state.last_error = None
            sync_state.save(session, state)

    def add_kommune(self, key: str) -> None:
        """Queue a Kommune to add; the next sync fetches only what is new for it."""
        with self.store.session() as session:
            state = sync_state.load(session)
            if key in state.kommunen or (state.adding and state.adding.kommune == key):
                return
            if not state.cursor:
                state.kommunen = sorted({*state.kommunen, key})
            else:
                state.adding = ScopeAddition(kommune=key, until=state.cursor)
            sync_state.save(session, state)

    def remove_kommune(self, key: str) -> int:
        """Stop following a Kommune: drop what only it needed; returns how many records.

        District-wide records, records of the remaining Kommunen (and their
        Verbandsgemeinde) and records with queued edits stay.
        """
        with self.store.session() as session:
            state = sync_state.load(session)
            state.kommunen = [k for k in state.kommunen if k != key]
            if state.adding and state.adding.kommune == key:
                state.adding = None
            keep: set[str] = set()
            for kept in state.kommunen:
                keep.update(content.kommune_scope(session, kept))
            removed = apply.prune_outside(session, keep)
            sync_state.save(session, state)
        return removed

    # --- one sync ------------------------------------------------------------------

    def sync(self) -> SyncStatus:
        """Push, then pull. A failure is remembered in the status (German) and raised
        as its `SyncError` subclass; the outbox and the stored cursor are always kept."""
        with self.store.session() as session:
            state = sync_state.load(session)
        if not state.enrolled:
            return self.status()
        self.syncing = True
        self._records = 0
        client = self.client_factory(state.server_url, state.token)
        try:
            self._push(client)
            self._pull(client)
        except Revoked:
            self.wipe(REVOKED_MESSAGE)
            self.online = True
            raise
        except SyncError as exc:
            self.online = not isinstance(exc, Offline)
            self._remember(error=exc.message)
            raise
        finally:
            client.close()
            self.syncing = False
        self.online = True
        self._remember(error=None, success=True)
        return self.status()

    def _push(self, client: SyncClient) -> None:
        while True:
            with self.store.session() as session:
                batch = outbox.pending(session, self.push_batch)
                if not batch:
                    return
                # Marked before sending: an entry that may have reached the server keeps
                # its mutation id forever, and retries reuse it.
                Store.raw(session).executemany(
                    "UPDATE outbox SET attempts = attempts + 1 WHERE seq = ?",
                    [(entry.seq,) for entry in batch],
                )
            answer = client.push([entry.mutation for entry in batch])
            with self.store.session() as session:
                connection = Store.raw(session)
                by_id = {entry.mutation.id: entry for entry in batch}
                for result in answer.results:
                    entry = by_id.get(result.mutation_id)
                    if entry is None:
                        continue
                    if result.status in (MutationStatus.CONFLICT, MutationStatus.REJECTED):
                        self._keep_problem(connection, entry.mutation, result)
                    connection.execute("DELETE FROM outbox WHERE seq = ?", (entry.seq,))

    def _keep_problem(self, connection: Any, mutation: Any, result: MutationResult) -> None:
        conflicts = (
            {field: c.model_dump(mode="json") for field, c in result.conflicts.items()}
            if result.conflicts
            else None
        )
        connection.execute(
            "INSERT OR REPLACE INTO sync_problem (mutation_id, kind, entity, record_id, fields,"
            " conflicts, reason, server_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                mutation.id,
                result.status.value,
                mutation.entity,
                mutation.record_id,
                json.dumps(mutation.fields),
                json.dumps(conflicts) if conflicts is not None else None,
                result.reason,
                result.version,
                self.clock().isoformat(),
            ),
        )

    def _pull(self, client: SyncClient) -> None:
        try:
            self._pull_pages(client)
        except ResyncRequired:
            with self.store.session() as session:
                state = sync_state.load(session)
                state.cursor = ""
                state.adding = None
                state.resyncing = True
                Store.raw(session).execute("DELETE FROM resync_seen")
                sync_state.save(session, state)
            self._pull_pages(client)

    def _pull_pages(self, client: SyncClient) -> None:
        with self.store.session() as session:
            state = sync_state.load(session)
        while state.adding is not None:
            adding = state.adding
            page = client.pull(
                PullRequest(
                    cursor=adding.cursor,
                    kommunen=[adding.kommune],
                    include_shared=False,
                    exclude_kommunen=state.kommunen,
                    until=adding.until,
                    limit=self.page_size,
                )
            )
            with self.store.session() as session:
                state = sync_state.load(session)
                apply.apply_changes(session, page.changes, state)
                if page.has_more:
                    adding.cursor = page.next_cursor
                    state.adding = adding
                else:
                    state.kommunen = sorted({*state.kommunen, adding.kommune})
                    state.adding = None
                sync_state.save(session, state)
            self._progress(client, len(page.changes))
        while True:
            page = client.pull(
                PullRequest(cursor=state.cursor, kommunen=state.kommunen, limit=self.page_size)
            )
            with self.store.session() as session:
                state = sync_state.load(session)
                apply.apply_changes(session, page.changes, state)
                state.cursor = page.next_cursor
                state.example_data = page.example_data
                if not page.has_more and state.resyncing:
                    apply.sweep_after_resync(session)
                    state.resyncing = False
                sync_state.save(session, state)
            self._progress(client, len(page.changes))
            if not page.has_more:
                return

    def _progress(self, client: SyncClient, records: int) -> None:
        self._records += records
        if self.on_progress is not None:
            self.on_progress(self._records, client.bytes_received)

    # --- problems, revocation, status --------------------------------------------------

    def open_problems(self) -> list[dict[str, Any]]:
        """Conflicts and refused edits that a person still has to decide on."""
        with self.store.session() as session:
            rows = (
                Store.raw(session)
                .execute(
                    "SELECT mutation_id, kind, entity, record_id, fields, conflicts, reason, "
                    "server_version FROM sync_problem WHERE resolved = 0 ORDER BY created_at"
                )
                .fetchall()
            )
        return [
            {
                "mutation_id": row[0],
                "kind": row[1],
                "entity": row[2],
                "record_id": row[3],
                "fields": json.loads(row[4]),
                "conflicts": json.loads(row[5]) if row[5] else None,
                "reason": row[6],
                "server_version": row[7],
            }
            for row in rows
        ]

    def resolve(self, mutation_id: str, choice: str, values: dict[str, Any] | None = None) -> None:
        """Decide a conflict: "mine" (send my values again), "theirs" (keep the server's),
        or "edit" (send `values`). The decision goes out as a new mutation."""
        problem = next(p for p in self.open_problems() if p["mutation_id"] == mutation_id)
        if choice == "mine":
            send = {field: c["yours"] for field, c in (problem["conflicts"] or {}).items()}
        elif choice == "edit":
            send = dict(values or {})
        elif choice == "theirs":
            send = {}
        else:
            raise ValueError(f"unknown choice {choice!r}")
        with self.store.session() as session:
            connection = Store.raw(session)
            connection.execute(
                "UPDATE sync_problem SET resolved = 1 WHERE mutation_id = ?", (mutation_id,)
            )
            if send:
                # Based on the server's version the conflict showed, so that a change made
                # in between is detected again rather than overwritten.
                connection.execute(
                    "INSERT INTO outbox (mutation_id, entity, record_id, op, base_version, "
                    "fields, created_at) VALUES (?, ?, ?, 'upsert', ?, ?, ?)",
                    (
                        str(uuid.uuid4()),
                        problem["entity"],
                        problem["record_id"],
                        problem["server_version"] or 0,
                        json.dumps(send),
                        self.clock().isoformat(),
                    ),
                )

    def wipe(self, reason: str) -> None:
        """Remove private data and credentials (revoked device, or signing out)."""
        with self.store.session() as session:
            connection = Store.raw(session)
            for cls in OWNED_TYPES:
                connection.execute(f'DELETE FROM "{cls.__tablename__}"')
            for table in ("outbox", "sync_problem", "resync_seen"):
                connection.execute(f"DELETE FROM {table}")
            state = sync_state.load(session)
            sync_state.save(
                session,
                SyncState(kommunen=state.kommunen, cursor=state.cursor, last_error=reason),
            )

    def status(self) -> SyncStatus:
        with self.store.session() as session:
            state = sync_state.load(session)
            pending = outbox.count(session)
            problems = (
                Store.raw(session)
                .execute("SELECT count(*) FROM sync_problem WHERE resolved = 0")
                .fetchone()[0]
            )
        return SyncStatus(
            enrolled=state.enrolled,
            online=self.online,
            syncing=self.syncing,
            last_success=datetime.fromisoformat(state.last_success) if state.last_success else None,
            pending=pending,
            open_problems=int(problems),
            last_error=state.last_error,
        )

    def _remember(self, error: str | None, success: bool = False) -> None:
        with self.store.session() as session:
            state = sync_state.load(session)
            state.last_error = error
            if success:
                state.last_success = self.clock().isoformat()
            sync_state.save(session, state)
