"""Push: apply a device's mutations once each, merging fields or reporting conflicts.

A batch is one transaction holding every mutation's change together with its stored
answer, so a retry after a lost response gets the same answers and changes nothing
twice; a refused mutation is rolled back to its savepoint alone. The whole batch costs
one lookup of earlier answers and one commit, in the request's one session (a second
connection per request is how a full pool deadlocks). On PostgreSQL, pushes of different
accounts write side by side (`change_order`). The server alone orders changes (its
sequence numbers); a device's clock is only shown to people (when a guide reported
something), never used to order anything.
"""

import random
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col, select

from sync_server import audit, change_order, changes, quotas
from sync_server.auth import Caller
from sync_server.merge import Edit, Outcome, apply_edit
from sync_server.tables import AppliedMutation
from sync_server.validation import check_references
from wegweiser import edits, renamed
from wegweiser.edits import EditRefused
from wegweiser.kinds import Kind
from wegweiser.model import staff_only
from wegweiser.owned import ChangeReport
from wegweiser.protocol import Mutation, MutationResult, MutationStatus

DEADLOCK = "40P01"
TRIES = 8
"""Tries of one batch before the push is answered with an error (the device keeps its
changes and sends them again later)."""
DEADLOCK_PAUSE = 0.02
"""Seconds (at most, times the try) a push stopped by PostgreSQL waits before its next
try: at random, so that two pushes that met do not meet again in step."""


def push(
    session: Session,
    caller: Caller,
    mutations: list[Mutation],
    quota: quotas.AccountQuota,
) -> list[MutationResult]:
    """Apply a batch in order; every mutation gets its own answer. `quota`: what one
    account may keep of private notes and favourites."""
    account_id = caller.account.id  # read once: a rollback expires what the session holds
    for attempt in range(1, TRIES + 1):
        try:
            results = _apply_batch(session, caller, account_id, mutations, quota)
            session.commit()
        except IntegrityError:
            # One of them committed in another process a moment ago (the same mutation,
            # or a new record of the same id): answer the batch again, with what it stored.
            session.rollback()
            continue
        except OperationalError as exc:
            if getattr(exc.orig, "sqlstate", None) != DEADLOCK:
                raise
            # Two pushes met at the same shared records in the other order:
            # PostgreSQL stopped this one, the other went on; this one goes again
            # after it (two offices pushing the same records met in 1 of 6 test runs
            # three times in a row when they tried again at once).
            session.rollback()
            time.sleep(random.uniform(0, DEADLOCK_PAUSE * attempt))
            continue
        return results
    raise RuntimeError("the batch could not be stored")


def _apply_batch(
    session: Session,
    caller: Caller,
    account_id: str,
    mutations: list[Mutation],
    quota: quotas.AccountQuota,
) -> list[MutationResult]:
    change_order.write_beside_others(session, account_id)
    ids = [mutation.id for mutation in mutations]
    stored = {
        applied.id: applied
        for applied in session.exec(select(AppliedMutation).where(col(AppliedMutation.id).in_(ids)))
    }
    return [
        _replay(stored[mutation.id], account_id)
        if mutation.id in stored
        else _apply_one(session, caller, account_id, mutation, quota)
        for mutation in mutations
    ]


def _apply_one(
    session: Session,
    caller: Caller,
    account_id: str,
    mutation: Mutation,
    quota: quotas.AccountQuota,
) -> MutationResult:
    """Apply one mutation after its own savepoint and store its answer.

    A refused mutation's answer is not stored: it changed nothing, so a retry is simply
    checked again (and refused again, or taken once a quota has room). Stored, the
    answers of a device sending refused edits grew the table without bound."""
    savepoint = session.begin_nested()
    try:
        quotas.check(session, account_id, mutation, quota)
        result = _apply(session, caller, mutation)
        savepoint.commit()
    except EditRefused as exc:
        savepoint.rollback()
        return _rejected(mutation.id, str(exc))
    session.add(
        AppliedMutation(
            id=mutation.id,
            account_id=account_id,
            result=result.model_dump_json(),
            applied_at=changes.now(),
        )
    )
    return result


def _replay(stored: AppliedMutation, account_id: str) -> MutationResult:
    if stored.account_id != account_id:
        return _rejected(
            stored.id, "Diese Mutations-ID wurde schon von einem anderen Konto verwendet."
        )
    return MutationResult.model_validate_json(stored.result)


def _rejected(mutation_id: str, reason: str) -> MutationResult:
    return MutationResult(mutation_id=mutation_id, status=MutationStatus.REJECTED, reason=reason)


def _apply(session: Session, caller: Caller, mutation: Mutation) -> MutationResult:
    kind = edits.kind_for_edit(mutation.entity)
    # An app from before a field was renamed still sends its old name.
    mutation = mutation.model_copy(
        update={"fields": renamed.fields_of(mutation.entity, mutation.fields)}
    )
    edits.check_field_names(kind.model, mutation.fields)
    if kind.model is ChangeReport:
        raise EditRefused(
            "Änderungsmeldungen entstehen aus Bearbeitungen; bitte den Inhalt selbst bearbeiten."
        )
    if edits.becomes_report(caller.role, kind):
        return _report(session, caller, kind, mutation)
    edit = Edit(mutation.record_id, mutation.base_version, mutation.fields, mutation.op)
    if kind.owned:
        owner = caller.account.id
        return _answer(mutation, apply_edit(session, kind.model, edit, owner, caller.device.id))
    # The Koordinierungsstelle's own edit of shared content: published, and on record.
    # Locked until commit: another push of it waits (PostgreSQL; SQLite writes alone).
    current = session.get(
        kind.model, mutation.record_id, with_for_update=True, populate_existing=True
    )
    before = None if current is None or current.deleted else changes.content_of(current)
    outcome = apply_edit(session, kind.model, edit, None, caller.device.id)
    if outcome.status in (MutationStatus.APPLIED, MutationStatus.MERGED):
        after = session.get(kind.model, mutation.record_id, populate_existing=True)
        assert after is not None
        action = audit.DELETED if after.deleted else audit.CHANGED if before else audit.CREATED
        fields = {} if after.deleted else audit.changed_fields(before, changes.content_of(after))
        audit.record(session, caller, action, mutation.entity, after.id, {"fields": fields})
    return _answer(mutation, outcome)


def _answer(mutation: Mutation, outcome: Outcome) -> MutationResult:
    return MutationResult(
        mutation_id=mutation.id,
        status=outcome.status,
        version=outcome.version,
        conflicts=outcome.conflicts,
    )


def _reported_at(made_at: datetime | None) -> datetime:
    """When the guide reported it, as her device says, where that is believable: a report
    queued offline on a visit is sent hours later, and "Gemeldet am" means the visit.
    A clock far ahead, or an age beyond what a device keeps, is replaced by now."""
    now = changes.now()
    if made_at is None:
        return now
    made = made_at if made_at.tzinfo else made_at.replace(tzinfo=UTC)
    return made if now - timedelta(days=60) <= made <= now + timedelta(minutes=5) else now


def _report(session: Session, caller: Caller, kind: Kind, mutation: Mutation) -> MutationResult:
    """A guide's edit of published content: stored as a change report for review."""
    current = session.get(kind.model, mutation.record_id)
    if current is not None and staff_only(current):
        current = None  # a draft: to a guide, as if it did not exist
    edits.check_report(kind, current, mutation.op, mutation.fields, mutation.flag, mutation.comment)
    assert current is not None
    candidate = edits.build(kind.model, {**current.model_dump(mode="json"), **mutation.fields})
    check_references(session, candidate)
    report = edits.change_report(
        mutation.id,
        caller.account.id,
        current,
        candidate,
        mutation.fields,
        base_version=mutation.base_version,
        created_at=_reported_at(mutation.made_at),
        comment=mutation.comment,
        flag=mutation.flag,
    )
    saved = changes.save(session, report, None)
    return MutationResult(
        mutation_id=mutation.id,
        status=MutationStatus.REPORTED,
        version=saved.version,
        report_id=report.id,
    )
