"""Push: apply a device's mutations once each, merging fields or reporting conflicts.

Each mutation runs in its own transaction together with its stored answer, so a retry
after a lost response gets the same answer and changes nothing twice. The server alone
orders changes (its sequence numbers); device clocks are never consulted.
"""

from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from sync_server import changes
from sync_server.auth import Caller
from sync_server.tables import AppliedMutation
from sync_server.validation import (
    InvalidChange,
    build,
    check_field_names,
    check_references,
    quoted,
)
from wegweiser.model import (
    CONTENT_TYPES,
    ENTITY_BY_NAME,
    ChangeReport,
    ContactPoint,
    InfoSheet,
    NetworkPartner,
    Offer,
    OwnedRecord,
    ReportStatus,
    SyncedRecord,
)
from wegweiser.protocol import FieldConflict, Mutation, MutationResult, MutationStatus, Role

REPORTABLE: tuple[type[SyncedRecord], ...] = (InfoSheet, ContactPoint, Offer, NetworkPartner)
"""What a guide may propose changes to (as a change report)."""


def push(engine: Engine, caller: Caller, mutations: list[Mutation]) -> list[MutationResult]:
    """Apply a batch in order; every mutation gets its own answer."""
    return [_push_one(engine, caller, mutation) for mutation in mutations]


def _push_one(engine: Engine, caller: Caller, mutation: Mutation) -> MutationResult:
    for _ in range(3):
        with Session(engine, expire_on_commit=False) as session:
            changes.lock_change_order(session)
            stored = session.get(AppliedMutation, mutation.id)
            if stored is not None:
                return _replay(stored, caller)
            try:
                result = _apply(session, caller, mutation)
            except InvalidChange as exc:
                session.rollback()
                changes.lock_change_order(session)
                result = _rejected(mutation, str(exc))
            session.add(
                AppliedMutation(
                    id=mutation.id,
                    account_id=caller.account.id,
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


def _replay(stored: AppliedMutation, caller: Caller) -> MutationResult:
    if stored.account_id != caller.account.id:
        return MutationResult(
            mutation_id=stored.id,
            status=MutationStatus.REJECTED,
            reason="Diese Mutations-ID wurde schon von einem anderen Konto verwendet.",
        )
    return MutationResult.model_validate_json(stored.result)


def _rejected(mutation: Mutation, reason: str) -> MutationResult:
    return MutationResult(mutation_id=mutation.id, status=MutationStatus.REJECTED, reason=reason)


def _apply(session: Session, caller: Caller, mutation: Mutation) -> MutationResult:
    cls = ENTITY_BY_NAME.get(mutation.entity)
    if cls is None:
        raise InvalidChange(f"Unbekannter Datentyp {quoted(mutation.entity)}.")
    check_field_names(cls, mutation.fields)
    if cls is ChangeReport:
        raise InvalidChange(
            "Änderungsmeldungen entstehen aus Bearbeitungen; bitte den Inhalt selbst bearbeiten."
        )
    if issubclass(cls, OwnedRecord):
        return apply_mutation(
            session, cls, mutation, owner=caller.account.id, device_id=caller.device.id
        )
    if caller.role == Role.LOTSE:
        if cls not in REPORTABLE:
            raise InvalidChange("Diese Daten pflegt die Koordinierungsstelle.")
        return _report(session, caller, cls, mutation)
    assert cls in CONTENT_TYPES
    return apply_mutation(session, cls, mutation, device_id=caller.device.id)


def apply_mutation(
    session: Session,
    cls: type[SyncedRecord],
    mutation: Mutation,
    owner: str | None = None,
    device_id: str | None = None,
) -> MutationResult:
    """Apply one mutation to the current record: create, update with merge, or delete.

    A field conflicts when another device changed it after `base_version`; a device's
    own earlier edits (several offline edits of one record) never conflict with it.
    """
    current = session.get(cls, mutation.record_id)
    if current is not None and owner is not None and getattr(current, "account_id", None) != owner:
        # Someone else's private record: act as if it did not exist, and never overwrite.
        raise InvalidChange("Unbekannter Datensatz.")
    if current is None or (current.deleted and mutation.base_version == 0):
        return _create(session, cls, mutation, current, owner, device_id)
    if mutation.base_version > current.version:
        raise InvalidChange(
            f"Version {mutation.base_version} gibt es nicht (aktuell {current.version})."
        )
    if current.deleted:
        if mutation.op == "delete":
            return _result(mutation, MutationStatus.APPLIED, current.version)
        raise InvalidChange("Der Datensatz wurde inzwischen gelöscht.")

    versions = changes.field_versions(session, current)

    def changed_by_others(field: str) -> bool:
        changed = versions.get(field)
        return (
            changed is not None
            and changed.version > mutation.base_version
            and (device_id is None or changed.device_id != device_id)
        )

    server = current.model_dump(mode="json")
    if mutation.op == "delete":
        changed_since = {
            field: FieldConflict(server=server.get(field), yours=None)
            for field in versions
            if field != "deleted" and changed_by_others(field)
        }
        if changed_since:
            return _conflict(mutation, changed_since, current.version)
        tombstone = cls.model_validate({**server, "deleted": True})
        saved = changes.save(session, tombstone, current, device_id)
        return _result(mutation, MutationStatus.APPLIED, saved.version)

    candidate = build(cls, {**server, **mutation.fields})
    proposed = candidate.model_dump(mode="json")
    conflicts = {
        field: FieldConflict(server=server[field], yours=proposed[field])
        for field in mutation.fields
        if changed_by_others(field) and server[field] != proposed[field]
    }
    if conflicts:
        return _conflict(mutation, conflicts, current.version)
    if all(server[field] == proposed[field] for field in mutation.fields):
        return _result(mutation, MutationStatus.APPLIED, current.version)
    check_references(session, candidate)
    merged = current.version > mutation.base_version
    saved = changes.save(session, candidate, current, device_id)
    return _result(
        mutation, MutationStatus.MERGED if merged else MutationStatus.APPLIED, saved.version
    )


def _create(
    session: Session,
    cls: type[SyncedRecord],
    mutation: Mutation,
    tombstone: SyncedRecord | None,
    owner: str | None,
    device_id: str | None,
) -> MutationResult:
    if mutation.op == "delete":
        return _result(mutation, MutationStatus.APPLIED, tombstone.version if tombstone else 0)
    if mutation.base_version != 0:
        raise InvalidChange("Den Datensatz gibt es auf dem Server nicht (mehr).")
    data: dict[str, Any] = {**mutation.fields, "id": mutation.record_id}
    if owner is not None:
        data["account_id"] = owner
    record = build(cls, data)
    check_references(session, record)
    saved = changes.save(session, record, tombstone, device_id)
    return _result(mutation, MutationStatus.APPLIED, saved.version)


def _report(
    session: Session, caller: Caller, cls: type[SyncedRecord], mutation: Mutation
) -> MutationResult:
    """A guide's edit of published content: stored as a change report for review."""
    if mutation.op == "delete":
        raise InvalidChange(
            "Lotsen können keine Einträge löschen; bitte als Änderung mit Hinweis melden."
        )
    current = session.get(cls, mutation.record_id)
    if current is None or current.deleted:
        raise InvalidChange("Meldungen sind nur zu bestehenden Einträgen möglich.")
    if not mutation.fields:
        raise InvalidChange("Die Meldung enthält keine Änderung.")
    candidate = build(cls, {**current.model_dump(mode="json"), **mutation.fields})
    check_references(session, candidate)
    proposed = candidate.model_dump(mode="json")
    report = ChangeReport(
        id=mutation.id,
        account_id=caller.account.id,
        target_entity=mutation.entity,
        target_id=mutation.record_id,
        target_title=str(getattr(current, "title", None) or getattr(current, "name", "")),
        base_version=mutation.base_version,
        changes={field: proposed[field] for field in mutation.fields},
        status=ReportStatus.PENDING,
        created_at=changes.now(),
    )
    saved = changes.save(session, report, None)
    return MutationResult(
        mutation_id=mutation.id,
        status=MutationStatus.REPORTED,
        version=saved.version,
        report_id=report.id,
    )


def _result(mutation: Mutation, status: MutationStatus, version: int) -> MutationResult:
    return MutationResult(mutation_id=mutation.id, status=status, version=version)


def _conflict(
    mutation: Mutation, conflicts: dict[str, FieldConflict], version: int
) -> MutationResult:
    # `version` is the server's current one: a resolution is based on it.
    return MutationResult(
        mutation_id=mutation.id,
        status=MutationStatus.CONFLICT,
        conflicts=conflicts,
        version=version,
    )
