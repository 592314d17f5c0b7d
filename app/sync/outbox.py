"""The outbox: local edits enter here, and this module alone reads and writes its table.

An edit is checked by the shared rulebook (`wegweiser.edits`) as the server would check
it, applied to the local copy (or, for a guide's edit of shared content, kept as a
pending change report) and queued as a mutation with a fresh idempotency key, all in
one transaction. It leaves the outbox only when the server's answer to it has been
stored (see `push`).
"""

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from app.store.database import Store
from app.sync import state as sync_state
from wegweiser import edits
from wegweiser.model import SyncedRecord
from wegweiser.owned import OwnedRecord, ReportFlag
from wegweiser.protocol import Mutation
from wegweiser.search import index as search_index

COLUMNS = "mutation_id, entity, record_id, op, base_version, fields, created_at"
"""A queued mutation as stored (and as `recovery` salvages it from a damaged file)."""


@dataclass(frozen=True)
class OutboxEntry:
    seq: int
    mutation: Mutation
    attempts: int


def record_edit(
    store: Store,
    entity: str,
    record_id: str,
    fields: dict[str, Any],
    clock: Callable[[], datetime],
    op: str = "upsert",
    comment: str = "",
    flag: ReportFlag | None = None,
) -> str:
    """Store an edit locally and queue it; returns the mutation id.

    Raises `wegweiser.edits.EditRefused` (German) for an edit the server would refuse; nothing is
    written then.
    """
    kind = edits.kind_for_edit(entity)
    edits.check_field_names(kind.model, fields)
    mutation_id = str(uuid.uuid4())
    with store.session() as session:
        state = sync_state.load(session)
        current = session.get(kind.model, record_id)
        base_version = current.version if current is not None else 0
        report = edits.becomes_report(state.role, kind)
        if report:
            edits.check_report(kind, current, op, fields, flag, comment)
        candidate = _candidate(kind.model, current, record_id, fields, op, state.account_id)
        connection = Store.raw(session)
        if report:
            assert current is not None
            session.add(
                edits.change_report(
                    mutation_id,
                    state.account_id,
                    current,
                    candidate,
                    fields,
                    base_version=current.version,
                    created_at=clock(),
                    comment=comment,
                    flag=flag,
                )
            )
        elif op == "delete":
            if current is not None:
                session.delete(current)
                session.flush()
                search_index.remove(connection, record_id)
        else:
            session.merge(candidate)
            session.flush()
            search_index.index_record(connection, candidate)
        dumped = candidate.model_dump(mode="json")
        mutation = Mutation(
            id=mutation_id,
            entity=entity,
            record_id=record_id,
            op="delete" if op == "delete" else "upsert",
            base_version=base_version,
            fields={} if op == "delete" else {name: dumped[name] for name in fields},
            comment=comment if report else "",
            flag=flag if report else None,
        )
        enqueue(session, mutation, clock())
    return mutation_id


def _candidate(
    cls: type[SyncedRecord],
    current: SyncedRecord | None,
    record_id: str,
    fields: dict[str, Any],
    op: str,
    account_id: str,
) -> SyncedRecord:
    base = current.model_dump(mode="json") if current is not None else {"id": record_id}
    values = {**base, **(fields if op != "delete" else {})}
    if issubclass(cls, OwnedRecord):
        values["account_id"] = account_id
    return edits.build(cls, values)


def enqueue(session: Session, mutation: Mutation, created_at: datetime) -> None:
    """Queue a mutation behind those already waiting."""
    Store.raw(session).execute(
        f"INSERT INTO outbox ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            mutation.id,
            mutation.entity,
            mutation.record_id,
            mutation.op,
            mutation.base_version,
            json.dumps(mutation.fields),
            created_at.isoformat(),
        ),
    )


def restore_rows(connection: sqlite3.Connection, rows: Iterable[tuple[Any, ...]]) -> None:
    """Put salvaged rows (in `COLUMNS` order) back, keeping their mutation ids."""
    connection.executemany(
        f"INSERT OR IGNORE INTO outbox ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", rows
    )


def salvage(connection: sqlite3.Connection) -> tuple[list[Any], int]:
    """The rows (in `COLUMNS` order) still readable from a damaged file, and how many
    were lost."""
    try:
        return (
            connection.execute(f"SELECT {COLUMNS} FROM outbox ORDER BY seq").fetchall(),
            0,
        )
    except sqlite3.DatabaseError:
        pass
    # Row by row: a damaged page costs the rows on it, not the whole outbox.
    try:
        highest = connection.execute("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'")
        top = int(highest.fetchone()[0])
    except (sqlite3.DatabaseError, TypeError):
        top = 10_000
    rows, lost = [], 0
    for seq in range(1, top + 1):
        try:
            row = connection.execute(
                f"SELECT {COLUMNS} FROM outbox WHERE seq = ?", (seq,)
            ).fetchone()
        except sqlite3.DatabaseError:
            lost += 1
            continue
        if row is not None:
            rows.append(row)
    return rows, lost


def pending(session: Session, limit: int | None = None) -> list[OutboxEntry]:
    """Queued mutations, oldest first.

    A change report's comment and what was found on site travel with its mutation; they
    are kept once, in the local report, whose id is the mutation's.
    """
    sql = (
        "SELECT o.seq, o.mutation_id, o.entity, o.record_id, o.op, o.base_version, o.fields,"
        " o.attempts, r.comment, r.flag, o.created_at"
        " FROM outbox AS o LEFT JOIN change_report AS r ON r.id = o.mutation_id"
        " ORDER BY o.seq"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [
        OutboxEntry(
            seq=seq,
            mutation=Mutation(
                id=mutation_id,
                entity=entity,
                record_id=record_id,
                op=op,
                base_version=base_version,
                fields=json.loads(fields),
                comment=comment or "",
                flag=flag,
                made_at=made_at,
            ),
            attempts=attempts,
        )
        for (
            seq,
            mutation_id,
            entity,
            record_id,
            op,
            base_version,
            fields,
            attempts,
            comment,
            flag,
            made_at,
        ) in Store.raw(session).execute(sql)
    ]


def mark_attempted(session: Session, entries: list[OutboxEntry]) -> None:
    """Count a sending attempt (before sending: an entry that may have reached the server
    keeps its mutation id forever, and retries reuse it)."""
    Store.raw(session).executemany(
        "UPDATE outbox SET attempts = attempts + 1 WHERE seq = ?",
        [(entry.seq,) for entry in entries],
    )


def remove(session: Session, entry: OutboxEntry) -> None:
    """An entry whose answer is stored in the same transaction leaves the outbox."""
    Store.raw(session).execute("DELETE FROM outbox WHERE seq = ?", (entry.seq,))


def clear(session: Session) -> None:
    """Forget every queued edit (a revoked device, signing out)."""
    Store.raw(session).execute("DELETE FROM outbox")


def pending_fields(session: Session, entity: str, record_id: str) -> dict[str, Any]:
    """The values queued for one record, later edits winning: the local view on top."""
    values: dict[str, Any] = {}
    for (fields,) in Store.raw(session).execute(
        "SELECT fields FROM outbox WHERE entity = ? AND record_id = ? AND op = 'upsert' "
        "ORDER BY seq",
        (entity, record_id),
    ):
        values.update(json.loads(fields))
    return values


def pending_fields_of(session: Session) -> dict[tuple[str, str], dict[str, Any]]:
    """`pending_fields` of every record with queued values, by (entity, record id), read
    at once (the outbox holds what a person edited offline: a handful, not thousands)."""
    pending: dict[tuple[str, str], dict[str, Any]] = {}
    for entity, record_id, fields in Store.raw(session).execute(
        "SELECT entity, record_id, fields FROM outbox WHERE op = 'upsert' ORDER BY seq"
    ):
        pending.setdefault((entity, record_id), {}).update(json.loads(fields))
    return pending


def queued_records(session: Session) -> set[tuple[str, str]]:
    """(entity, record id) of every record with an edit still to be sent."""
    return {
        (entity, record_id)
        for entity, record_id in Store.raw(session).execute("SELECT entity, record_id FROM outbox")
    }


def queued_ids(session: Session) -> set[str]:
    """The mutation ids still waiting to be sent."""
    return {row[0] for row in Store.raw(session).execute("SELECT mutation_id FROM outbox")}


def count(session: Session) -> int:
    """How many edits wait to be sent."""
    row = Store.raw(session).execute("SELECT count(*) FROM outbox").fetchone()
    return int(row[0])
