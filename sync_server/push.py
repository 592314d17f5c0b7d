"""Push: apply a device's mutations once each, merging fields or reporting conflicts.

Each mutation runs in its own transaction together with its stored answer, so a retry
after a lost response gets the same answer and changes nothing twice. All of a batch
runs in the request's one session: a second connection per request is how a full pool
deadlocks. The server alone
orders changes (its sequence numbers); device clocks are never consulted.
"""

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from sync_server import changes
from sync_server.auth import Caller
from sync_server.merge import Edit, Outcome, apply_edit
from sync_server.tables import AppliedMutation
from sync_server.validation import check_references
from wegweiser import edits
from wegweiser.edits import EditRefused
from wegweiser.kinds import Kind
from wegweiser.model import ChangeReport
from wegweiser.protocol import Mutation, MutationResult, MutationStatus


def push(session: Session, caller: Caller, mutations: list[Mutation]) -> list[MutationResult]:
    """Apply a batch in order in the request's session; every mutation gets its own
    answer and its own transaction."""
    account_id = caller.account.id  # read once: a rollback expires what the session holds
    return [_push_one(session, caller, account_id, mutation) for mutation in mutations]


def _push_one(
    session: Session, caller: Caller, account_id: str, mutation: Mutation
) -> MutationResult:
    for _ in range(3):
        changes.lock_change_order(session)
        stored = session.get(AppliedMutation, mutation.id)
        if stored is not None:
            session.commit()  # ends the transaction, and with it the lock
            return _replay(stored, account_id)
        try:
            result = _apply(session, caller, mutation)
        except EditRefused as exc:
            session.rollback()
            changes.lock_change_order(session)
            result = _rejected(mutation.id, str(exc))
        session.add(
            AppliedMutation(
                id=mutation.id,
                account_id=account_id,
                result=result.model_dump_json(),
                applied_at=changes.now(),
            )
        )
        try:
            session.commit()
        except IntegrityError:
            # The same mutation committed in another process a moment ago: answer
            # with what that one stored.
            session.rollback()
            continue
        return result
    raise RuntimeError(f"mutation {mutation.id} could not be stored")


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
    edits.check_field_names(kind.model, mutation.fields)
    if kind.model is ChangeReport:
        raise EditRefused(
            "Änderungsmeldungen entstehen aus Bearbeitungen; bitte den Inhalt selbst bearbeiten."
        )
    if edits.becomes_report(caller.role, kind):
        return _report(session, caller, kind, mutation)
    edit = Edit(mutation.record_id, mutation.base_version, mutation.fields, mutation.op)
    owner = caller.account.id if kind.owned else None
    return _answer(mutation, apply_edit(session, kind.model, edit, owner, caller.device.id))


def _answer(mutation: Mutation, outcome: Outcome) -> MutationResult:
    return MutationResult(
        mutation_id=mutation.id,
        status=outcome.status,
        version=outcome.version,
        conflicts=outcome.conflicts,
    )


def _report(session: Session, caller: Caller, kind: Kind, mutation: Mutation) -> MutationResult:
    """A guide's edit of published content: stored as a change report for review."""
    current = session.get(kind.model, mutation.record_id)
    edits.check_report(kind, current, mutation.op, mutation.fields)
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
        created_at=changes.now(),
    )
    saved = changes.save(session, report, None)
    return MutationResult(
        mutation_id=mutation.id,
        status=MutationStatus.REPORTED,
        version=saved.version,
        report_id=report.id,
    )
