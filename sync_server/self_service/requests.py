"""Update requests: the office asks the people of a contact point to confirm or correct
their entry, by mail (or a printed letter), once and with one reminder at most.

A request is open while it is neither answered, withdrawn nor expired; an entry has one
open request at a time. Every request, reminder, withdrawal and answer is on the audit
trail in the transaction that makes it.
"""

from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from sync_server import audit, changes
from sync_server.auth import Caller
from sync_server.mail import outbox
from sync_server.mail.outbox import MailState, OutgoingMail
from sync_server.problems import ProblemError
from sync_server.self_service.tables import Answer, UpdateRequest
from wegweiser.freshness import checked_before
from wegweiser.kinds import title_of
from wegweiser.model import ContactPoint, Publication
from wegweiser.self_service import (
    VALID_DAYS,
    RequestOutcome,
    UpdateRequestResult,
    UpdateRequestView,
)

ASK = "update_request"
"""The mails' and links' purpose."""
REMIND = "update_reminder"
REJECTED = "update_rejected"


def expired(request: UpdateRequest, now: datetime) -> bool:
    # SQLite gives naive datetimes back; every stored time is UTC.
    expires = request.expires_at
    return (expires if expires.tzinfo else expires.replace(tzinfo=now.tzinfo)) <= now


def is_open(request: UpdateRequest, now: datetime) -> bool:
    """Neither answered, withdrawn nor expired: asking again waits for it."""
    return (
        request.answered_at is None and request.withdrawn_at is None and not expired(request, now)
    )


def open_request(session: Session, record_id: str) -> UpdateRequest | None:
    now = changes.now()
    statement = (
        select(UpdateRequest)
        .where(UpdateRequest.record_id == record_id)
        .order_by(col(UpdateRequest.created_at).desc())
    )
    latest = session.exec(statement).first()
    return latest if latest is not None and is_open(latest, now) else None


def ask(
    session: Session,
    caller: Caller | None,
    record_id: str,
    by_letter: bool = False,
    again: bool = False,
) -> tuple[RequestOutcome, UpdateRequest | None]:
    """Ask the contact point `record_id` (a mail is queued; a letter's link is minted by
    the caller). Nothing happens for an entry with an open request or without e-mail;
    `again` (the office naming the entry) replaces an open request whose mail never
    arrived (refused, or given up), perhaps to an address corrected since."""
    contact = session.get(ContactPoint, record_id)
    if contact is None or contact.deleted or contact.status != Publication.PUBLISHED:
        return "unknown", None
    existing = open_request(session, record_id)
    if existing is not None and again and not by_letter and _undelivered(session, existing):
        withdraw(session, caller, existing.id)
        existing = None
    if existing is not None:
        return "open", existing
    if not by_letter and not contact.email:
        return "no_email", None
    now = changes.now()
    request = UpdateRequest(
        entity=contact.entity,
        record_id=record_id,
        recipient="" if by_letter else (contact.email or ""),
        created_at=now,
        created_by=caller.account.id if caller else None,
        expires_at=now + timedelta(days=VALID_DAYS),
    )
    session.add(request)
    if not by_letter:
        outbox.queue(session, request.recipient, ASK, request.id)
    details = {"request": request.id, "by": "Brief" if by_letter else request.recipient}
    audit.record(session, caller, audit.UPDATE_REQUESTED, contact.entity, record_id, details)
    return "asked", request


def _undelivered(session: Session, request: UpdateRequest) -> bool:
    mail = session.exec(
        select(OutgoingMail)
        .where(OutgoingMail.subject_id == request.id)
        .order_by(col(OutgoingMail.created_at).desc())
    ).first()
    return mail is not None and mail.state == MailState.FAILED


def for_letter(session: Session, caller: Caller, record_id: str) -> UpdateRequest:
    """The request a printed letter carries: the entry's open one (its mail may not have
    arrived), or a new one by letter. 404 for what is not a published contact point."""
    existing = open_request(session, record_id)
    if existing is not None:
        return existing
    _, request = ask(session, caller, record_id, by_letter=True)
    if request is None:
        raise ProblemError(
            404,
            "eintrag-unbekannt",
            "Unbekannter Eintrag",
            "Diese Anlaufstelle gibt es nicht oder sie ist nicht veröffentlicht.",
        )
    return request


def due_contacts(session: Session, months: int, today: date) -> list[str]:
    """Published contact points with an e-mail address not checked for `months`."""
    since = checked_before(today, months)
    statement = (
        select(ContactPoint.id)
        .where(
            col(ContactPoint.deleted).is_(False),
            ContactPoint.status == Publication.PUBLISHED,
            col(ContactPoint.email).is_not(None),
            col(ContactPoint.last_verified).is_(None) | (col(ContactPoint.last_verified) < since),
        )
        .order_by(col(ContactPoint.last_verified).nulls_first(), col(ContactPoint.name))
    )
    return list(session.exec(statement).all())


def remind(session: Session, after_days: int) -> list[UpdateRequest]:
    """One reminder to every open request by mail unanswered for `after_days` and not
    reminded yet; never a second one."""
    now = changes.now()
    statement = select(UpdateRequest).where(
        col(UpdateRequest.answered_at).is_(None),
        col(UpdateRequest.withdrawn_at).is_(None),
        col(UpdateRequest.reminded_at).is_(None),
        UpdateRequest.recipient != "",
        col(UpdateRequest.created_at) <= now - timedelta(days=after_days),
    )
    reminded = []
    for request in session.exec(statement).all():
        if not is_open(request, now):
            continue
        request.reminded_at = now
        session.add(request)
        outbox.queue(session, request.recipient, REMIND, request.id)
        audit.record(
            session,
            None,
            audit.UPDATE_REMINDED,
            request.entity,
            request.record_id,
            {"request": request.id},
        )
        reminded.append(request)
    return reminded


def withdraw(session: Session, caller: Caller | None, request_id: str) -> UpdateRequest:
    """Close a request: its links open nothing any more."""
    request = session.get(UpdateRequest, request_id)
    if request is None:
        raise ProblemError(
            404, "anfrage-unbekannt", "Unbekannte Anfrage", "Diese Anfrage gibt es nicht."
        )
    if request.withdrawn_at is None:
        request.withdrawn_at = changes.now()
        session.add(request)
        audit.record(
            session,
            caller,
            audit.UPDATE_REQUEST_WITHDRAWN,
            request.entity,
            request.record_id,
            {"request": request.id},
        )
    return request


def answered(
    session: Session, request: UpdateRequest, answer: Answer, report_id: str | None = None
) -> None:
    """The contact point answered (the first answer closes the request; a later change
    through the same link, before it expires, is recorded too)."""
    request.answered_at = request.answered_at or changes.now()
    request.answer = answer if request.answer != Answer.CHANGED else request.answer
    if report_id is not None:
        request.report_id = report_id
    session.add(request)


def mail_rejection(session: Session, report_id: str) -> None:
    """The reason of a rejected change goes back to whoever sent it through a link (a
    guide reads hers on her tablet)."""
    statement = select(UpdateRequest).where(UpdateRequest.report_id == report_id)
    request = session.exec(statement).first()
    if request is not None and request.recipient:
        outbox.queue(session, request.recipient, REJECTED, report_id)


def views(session: Session, record_ids: list[str] | None = None) -> list[UpdateRequestView]:
    """The latest request of each entry (of `record_ids`, or all), newest first."""
    statement = select(UpdateRequest).order_by(col(UpdateRequest.created_at).desc())
    if record_ids is not None:
        statement = statement.where(col(UpdateRequest.record_id).in_(record_ids))
    latest: dict[str, UpdateRequest] = {}
    for request in session.exec(statement):
        latest.setdefault(request.record_id, request)
    return [view(session, request) for request in latest.values()]


def view(session: Session, request: UpdateRequest) -> UpdateRequestView:
    contact = session.get(ContactPoint, request.record_id)
    mail = session.exec(
        select(OutgoingMail)
        .where(OutgoingMail.subject_id == request.id)
        .order_by(col(OutgoingMail.created_at).desc())
    ).first()
    return UpdateRequestView(
        id=request.id,
        record_id=request.record_id,
        title=title_of(contact) if contact is not None else "",
        recipient=request.recipient,
        created_at=request.created_at,
        expires_at=request.expires_at,
        withdrawn_at=request.withdrawn_at,
        reminded_at=request.reminded_at,
        answered_at=request.answered_at,
        answer=request.answer.value if request.answer else None,
        report_id=request.report_id,
        mail_state=mail.state.value if mail else None,
        mail_reason=mail.reason if mail else None,
    )


def result(
    session: Session, record_id: str, outcome: RequestOutcome, request: UpdateRequest | None
) -> UpdateRequestResult:
    shown = view(session, request) if request is not None else None
    return UpdateRequestResult(record_id=record_id, outcome=outcome, request=shown)
