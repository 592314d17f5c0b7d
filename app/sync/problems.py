"""Conflicts and refused edits: kept until a person decides, then sent as a new edit.

Nothing is resolved silently: a conflict stays here, with both values, until someone
chooses "mine", "theirs" or an edited value.
"""

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlmodel import Session

from app.store.database import Store
from app.sync import outbox
from wegweiser.protocol import FieldConflict, Mutation, MutationResult

Choice = Literal["mine", "theirs", "edit"]


@dataclass(frozen=True)
class Problem:
    """An edit the server did not take as it was."""

    mutation_id: str
    kind: str
    """"conflict" (someone else changed the same field) or "rejected" (see `reason`)."""
    entity: str
    record_id: str
    fields: dict[str, Any]
    """The values this device sent."""
    conflicts: dict[str, FieldConflict] | None
    """Per conflicting field: the server's value and mine."""
    reason: str | None
    server_version: int | None
    """The server's version when it answered: a resolution is based on it."""


def keep(session: Session, mutation: Mutation, result: MutationResult, at: datetime) -> None:
    """Remember a conflict or refusal, in the transaction that stores the answer."""
    conflicts = (
        {field: c.model_dump(mode="json") for field, c in result.conflicts.items()}
        if result.conflicts
        else None
    )
    Store.raw(session).execute(
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
            at.isoformat(),
        ),
    )


def open_problems(store: Store) -> list[Problem]:
    """Conflicts and refused edits that a person still has to decide on, oldest first."""
    with store.session() as session:
        rows = (
            Store.raw(session)
            .execute(
                "SELECT mutation_id, kind, entity, record_id, fields, conflicts, reason, "
                "server_version FROM sync_problem WHERE resolved = 0 ORDER BY created_at"
            )
            .fetchall()
        )
    return [
        Problem(
            mutation_id=mutation_id,
            kind=kind,
            entity=entity,
            record_id=record_id,
            fields=json.loads(fields),
            conflicts=(
                {name: FieldConflict(**values) for name, values in json.loads(conflicts).items()}
                if conflicts
                else None
            ),
            reason=reason,
            server_version=server_version,
        )
        for mutation_id, kind, entity, record_id, fields, conflicts, reason, server_version in rows
    ]


def count_open(session: Session) -> int:
    """How many problems wait for a person."""
    row = Store.raw(session).execute("SELECT count(*) FROM sync_problem WHERE resolved = 0")
    return int(row.fetchone()[0])


def dismiss(store: Store, mutation_id: str) -> None:
    """Close a problem without sending anything (a refused report was corrected anew)."""
    with store.session() as session:
        Store.raw(session).execute(
            "UPDATE sync_problem SET resolved = 1 WHERE mutation_id = ?", (mutation_id,)
        )


def resolve(
    store: Store,
    mutation_id: str,
    choice: Choice,
    at: datetime,
    values: dict[str, Any] | None = None,
) -> None:
    """Decide a problem: "mine" (send my values again), "theirs" (keep the server's), or
    "edit" (send `values`). The decision goes out as a new mutation."""
    problem = next(p for p in open_problems(store) if p.mutation_id == mutation_id)
    if choice == "mine":
        send = {field: c.yours for field, c in (problem.conflicts or {}).items()}
    elif choice == "edit":
        send = dict(values or {})
    elif choice == "theirs":
        send = {}
    else:
        raise ValueError(f"unknown choice {choice!r}")
    with store.session() as session:
        Store.raw(session).execute(
            "UPDATE sync_problem SET resolved = 1 WHERE mutation_id = ?", (mutation_id,)
        )
        if send:
            # Based on the server's version the conflict showed, so that a change made in
            # between is detected again rather than overwritten.
            resolution = Mutation(
                id=str(uuid.uuid4()),
                entity=problem.entity,
                record_id=problem.record_id,
                base_version=problem.server_version or 0,
                fields=send,
            )
            outbox.enqueue(session, resolution, at)


def clear(session: Session) -> None:
    """Forget every problem (a revoked device, signing out)."""
    Store.raw(session).execute("DELETE FROM sync_problem")
