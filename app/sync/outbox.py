"""Local edits: written to the local store and to the outbox in one transaction.

An edit is checked like the server would check it, applied to the local copy (or, for
a guide's edit of published content, kept as a pending change report) and queued as
a mutation with a fresh idempotency key. It leaves the outbox only when the server's
answer to it has been stored (see `engine`).
"""

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session

from app.store import search_index
from app.store.database import Store
from app.sync import state as sync_state
from wegweiser.messages import field_path, validation_message
from wegweiser.model import (
    ENTITY_BY_NAME,
    SYNC_FIELDS,
    ChangeReport,
    OwnedRecord,
    ReportStatus,
    SyncedRecord,
)
from wegweiser.protocol import Mutation, Role


class EditRefused(ValueError):
    """The edit is invalid and was not stored; the message is German, for the person."""


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
) -> str:
    """Store an edit locally and queue it; returns the mutation id."""
    cls = ENTITY_BY_NAME.get(entity)
    if cls is None:
        raise EditRefused(f"Unbekannter Datentyp „{entity}“.")
    for name in fields:
        if name in SYNC_FIELDS or name not in cls.model_fields:
            raise EditRefused(f"Das Feld „{name}“ kann nicht bearbeitet werden.")
    mutation_id = str(uuid.uuid4())
    with store.session() as session:
        state = sync_state.load(session)
        current = session.get(cls, record_id)
        base_version = current.version if current is not None else 0
        candidate = _candidate(cls, current, record_id, fields, op, state.account_id)
        connection = Store.raw(session)
        guide_edit = state.role == Role.LOTSE and not issubclass(cls, OwnedRecord)
        if guide_edit:
            if current is None or op == "delete":
                raise EditRefused("Lotsen können nur bestehende Einträge als Änderung melden.")
            _pending_report(
                session, mutation_id, cls, current, candidate, fields, state, clock, comment
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
        mutation = Mutation(
            id=mutation_id,
            entity=entity,
            record_id=record_id,
            op="delete" if op == "delete" else "upsert",
            base_version=base_version,
            fields={}
            if op == "delete"
            else {k: candidate.model_dump(mode="json")[k] for k in fields},
        )
        connection.execute(
            "INSERT INTO outbox (mutation_id, entity, record_id, op, base_version, fields,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                mutation.id,
                entity,
                record_id,
                mutation.op,
                base_version,
                json.dumps(mutation.fields),
                clock().isoformat(),
            ),
        )
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
    try:
        return cls.model_validate(values)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise EditRefused(f"Feld „{field_path(error)}“: {validation_message(error)}") from None


def _pending_report(
    session: Session,
    mutation_id: str,
    cls: type[SyncedRecord],
    current: SyncedRecord,
    candidate: SyncedRecord,
    fields: dict[str, Any],
    state: sync_state.SyncState,
    clock: Callable[[], datetime],
    comment: str,
) -> None:
    proposed = candidate.model_dump(mode="json")
    session.add(
        ChangeReport(
            id=mutation_id,  # the server uses the mutation id as the report id
            account_id=state.account_id,
            target_entity=cls.entity,
            target_id=current.id,
            target_title=str(getattr(current, "title", None) or getattr(current, "name", "")),
            base_version=current.version,
            changes={name: proposed[name] for name in fields},
            comment=comment,
            status=ReportStatus.PENDING,
            created_at=clock(),
        )
    )


def pending(session: Session, limit: int | None = None) -> list[OutboxEntry]:
    """Queued mutations, oldest first."""
    sql = (
        "SELECT seq, mutation_id, entity, record_id, op, base_version, fields, attempts "
        "FROM outbox ORDER BY seq"
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
            ),
            attempts=attempts,
        )
        for seq, mutation_id, entity, record_id, op, base_version, fields, attempts in Store.raw(
            session
        ).execute(sql)
    ]


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


def count(session: Session) -> int:
    row = Store.raw(session).execute("SELECT count(*) FROM outbox").fetchone()
    return int(row[0])
