"""What the people of a contact point answer through their personal link: "Alles ist
aktuell" (their entry counts as checked today, without review) or a change, which becomes
a change report in the office's review queue, marked as theirs."""

from typing import Any

from sqlmodel import Session

from sync_server import audit, change_order, changes
from sync_server.merge import Edit, apply_edit
from sync_server.self_service import links
from sync_server.self_service.requests import ASK, answered, expired
from sync_server.self_service.tables import Answer, UpdateRequest
from sync_server.tables import Account
from sync_server.validation import check_references
from wegweiser import edits
from wegweiser.model import ContactPoint, Publication, new_id
from wegweiser.owned import ChangeReport, ReportFlag
from wegweiser.protocol import Role
from wegweiser.self_service import FROM_CONTACT_POINT, FROM_CONTACT_POINT_NAME, check_self_report

SOURCE = {"source": "contact_point"}
"""How the audit trail marks what the contact point did itself."""


def request_of(session: Session, token: str) -> UpdateRequest | None:
    """The open request a link opens, or None (unknown, withdrawn, expired, or its entry
    is no longer published): the caller says so without naming any entry."""
    request_id = links.opened(session, ASK, token)
    request = session.get(UpdateRequest, request_id) if request_id else None
    if request is None or request.withdrawn_at is not None:
        return None
    # Answered or not, a link takes corrections until it expires.
    if expired(request, changes.now()):
        return None
    contact = entry_of(session, request)
    return request if contact is not None else None


def entry_of(session: Session, request: UpdateRequest) -> ContactPoint | None:
    contact = session.get(ContactPoint, request.record_id, populate_existing=True)
    if contact is None or contact.deleted or contact.status != Publication.PUBLISHED:
        return None
    return contact


def confirm(session: Session, request: UpdateRequest) -> None:
    """ "Alles ist aktuell": checked today, on the audit trail, off Aktualität."""
    change_order.write_alone(session)
    contact = entry_of(session, request)
    assert contact is not None
    today = changes.now().date()
    if contact.last_verified != today:
        edit = Edit(contact.id, contact.version, {"last_verified": today.isoformat()})
        apply_edit(session, ContactPoint, edit)
    details = {**SOURCE, "request": request.id}
    audit.record(
        session,
        None,
        audit.CONFIRMED_BY_CONTACT_POINT,
        contact.entity,
        contact.id,
        details,
        name=FROM_CONTACT_POINT_NAME,
    )
    answered(session, request, Answer.CONFIRMED)


def report(
    session: Session,
    request: UpdateRequest,
    fields: dict[str, Any],
    flag: ReportFlag | None,
    comment: str,
) -> ChangeReport:
    """A change from the contact point, for review; raises `EditRefused` (German) for
    what the rulebook refuses, and then stores nothing."""
    check_self_report(fields, flag, comment)
    contact = entry_of(session, request)
    assert contact is not None
    edits.check_field_names(ContactPoint, fields)
    candidate = edits.build(ContactPoint, {**contact.model_dump(mode="json"), **fields})
    check_references(session, candidate)
    change_order.write_alone(session)
    ensure_account(session, FROM_CONTACT_POINT, FROM_CONTACT_POINT_NAME)
    made = edits.change_report(
        new_id(),
        FROM_CONTACT_POINT,
        contact,
        candidate,
        fields,
        base_version=contact.version,
        created_at=changes.now(),
        comment=comment.strip(),
        flag=flag,
    )
    saved = changes.save(session, made, None)
    assert isinstance(saved, ChangeReport)
    details = {**SOURCE, "request": request.id, "report": saved.id, "fields": sorted(fields)}
    audit.record(
        session,
        None,
        audit.REPORTED_BY_CONTACT_POINT,
        contact.entity,
        contact.id,
        details,
        name=FROM_CONTACT_POINT_NAME,
    )
    answered(session, request, Answer.CHANGED, saved.id)
    return saved


def ensure_account(session: Session, account_id: str, name: str) -> None:
    """The owner of reports the network sends itself (a contact point's, a registration):
    an account without devices, so its reports reach no tablet but the office's review
    queue, under `name`."""
    if session.get(Account, account_id) is None:
        session.add(Account(id=account_id, name=name, role=Role.LOTSE, created_at=changes.now()))
        session.flush()
