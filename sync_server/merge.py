"""Field-level merge: an edit applied to the current record, or the fields in conflict.

The server alone orders changes; an edit names the version it was based on, and a
field conflicts only when someone else changed it since. Used by push (devices' edits)
and by the review queue (an accepted change report).
"""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from sync_server import changes
from sync_server.validation import check_references
from wegweiser.edits import EditRefused, build
from wegweiser.model import SyncedRecord
from wegweiser.protocol import FieldConflict, MutationStatus


@dataclass(frozen=True)
class Edit:
    """What a device (or the review queue) wants to change in one record."""

    record_id: str
    base_version: int
    fields: dict[str, Any]
    op: str = "upsert"


@dataclass(frozen=True)
class Outcome:
    """How an edit went: applied or merged at `version`, or the fields in conflict
    (then `version` is the server's current one, for a resolution to be based on)."""

    status: MutationStatus
    version: int
    conflicts: dict[str, FieldConflict] | None = None


def apply_edit(
    session: Session,
    cls: type[SyncedRecord],
    edit: Edit,
    owner: str | None = None,
    device_id: str | None = None,
) -> Outcome:
    """Apply one edit to the current record: create, update with merge, or delete.

    `owner` is set for private records (only that account's own); `device_id` names the
    editing device (None: the server itself). A field conflicts when another device
    changed it after `base_version`; a device's own earlier edits (several offline edits
    of one record) never conflict with it. Raises `EditRefused` for what cannot be done.
    """
    current = session.get(cls, edit.record_id)
    if current is not None and owner is not None and getattr(current, "account_id", None) != owner:
        # Someone else's private record: act as if it did not exist, and never overwrite.
        raise EditRefused("Unbekannter Datensatz.")
    if current is None or (current.deleted and edit.base_version == 0):
        return _create(session, cls, edit, current, owner, device_id)
    if edit.base_version > current.version:
        raise EditRefused(f"Version {edit.base_version} gibt es nicht (aktuell {current.version}).")
    if current.deleted:
        if edit.op == "delete":
            return Outcome(MutationStatus.APPLIED, current.version)
        raise EditRefused("Der Datensatz wurde inzwischen gelöscht.")

    versions = changes.field_versions(session, current)

    def changed_by_others(field: str) -> bool:
        changed = versions.get(field)
        return (
            changed is not None
            and changed.version > edit.base_version
            and (device_id is None or changed.device_id != device_id)
        )

    server = current.model_dump(mode="json")
    if edit.op == "delete":
        changed_since = {
            field: FieldConflict(server=server.get(field), yours=None)
            for field in versions
            if field != "deleted" and changed_by_others(field)
        }
        if changed_since:
            return Outcome(MutationStatus.CONFLICT, current.version, changed_since)
        tombstone = cls.model_validate({**server, "deleted": True})
        saved = changes.save(session, tombstone, current, device_id)
        return Outcome(MutationStatus.APPLIED, saved.version)

    candidate = build(cls, {**server, **edit.fields})
    proposed = candidate.model_dump(mode="json")
    conflicts = {
        field: FieldConflict(server=server[field], yours=proposed[field])
        for field in edit.fields
        if changed_by_others(field) and server[field] != proposed[field]
    }
    if conflicts:
        return Outcome(MutationStatus.CONFLICT, current.version, conflicts)
    if all(server[field] == proposed[field] for field in edit.fields):
        return Outcome(MutationStatus.APPLIED, current.version)
    check_references(session, candidate)
    merged = current.version > edit.base_version
    saved = changes.save(session, candidate, current, device_id)
    return Outcome(MutationStatus.MERGED if merged else MutationStatus.APPLIED, saved.version)


def _create(
    session: Session,
    cls: type[SyncedRecord],
    edit: Edit,
    tombstone: SyncedRecord | None,
    owner: str | None,
    device_id: str | None,
) -> Outcome:
    if edit.op == "delete":
        return Outcome(MutationStatus.APPLIED, tombstone.version if tombstone else 0)
    if edit.base_version != 0:
        raise EditRefused("Den Datensatz gibt es auf dem Server nicht (mehr).")
    data: dict[str, Any] = {**edit.fields, "id": edit.record_id}
    if owner is not None:
        data["account_id"] = owner
    record = build(cls, data)
    check_references(session, record)
    saved = changes.save(session, record, tombstone, device_id)
    return Outcome(MutationStatus.APPLIED, saved.version)
