"""The audit trail: who published, accepted, rejected or revoked what, and when.

Each event is written in the transaction of what it records, so the trail never shows
something that did not happen, nor misses something that did.
"""

from typing import Any

from sqlmodel import Session, col, select

from sync_server import changes
from sync_server.auth import Caller
from sync_server.tables import AuditEvent

CREATED = "created"
CHANGED = "changed"
DELETED = "deleted"
REPORT_ACCEPTED = "report_accepted"
REPORT_REJECTED = "report_rejected"
DEVICE_REVOKED = "device_revoked"
ACCOUNT_REVOKED = "account_revoked"
REGION_IMPORTED = "region_imported"
RESTORED = "restored"
UPDATE_REQUESTED = "update_requested"
UPDATE_REMINDED = "update_reminded"
UPDATE_REQUEST_WITHDRAWN = "update_withdrawn"
CONFIRMED_BY_CONTACT_POINT = "confirmed_by_contact"
"""Shown as "bestätigt durch die Anlaufstelle"."""
REPORTED_BY_CONTACT_POINT = "reported_by_contact"
REGISTERED_BY_NETWORK = "registered_by_network"
"""A registration whose address was confirmed: a draft partner and its report."""
CONSENT_WITHDRAWN = "consent_withdrawn"


def record(
    session: Session,
    actor: Caller | None,
    action: str,
    entity: str | None = None,
    record_id: str | None = None,
    details: dict[str, Any] | None = None,
    name: str = "Server",
) -> None:
    """Add one event to the session's transaction (`actor` None: the server itself, or
    whom `name` says: the people of a contact point answering through their link)."""
    session.add(
        AuditEvent(
            at=changes.now(),
            account_id=actor.account.id if actor else None,
            account_name=actor.account.name if actor else name,
            action=action,
            entity=entity,
            record_id=record_id,
            details=details or {},
        )
    )


def changed_fields(before: dict[str, Any] | None, after: dict[str, Any]) -> dict[str, list[Any]]:
    """Field → [old, new] for every content field that differs (`changes.content_of`)."""
    before = before or {}
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def of_record(session: Session, record_id: str, limit: int = 200) -> list[AuditEvent]:
    """The events of one entry (or one device or account), newest first."""
    statement = (
        select(AuditEvent)
        .where(AuditEvent.record_id == record_id)
        .order_by(col(AuditEvent.id).desc())
        .limit(limit)
    )
    return list(session.exec(statement))
