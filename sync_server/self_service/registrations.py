"""Registrations from the network ("Im Netzwerk mitmachen"): double opt-in, then a draft
partner with a report for the office; the consent withdrawn by a link at any time.

Nothing becomes a partner before the e-mail address is confirmed: until then the
registration waits in its own table, `CONFIRM_HOURS` at most. Confirmed, it is a draft
(name and Kommune; guides never see drafts) and a change report from "Netzwerk
(Anmeldung)" holding all it proposes, decided in the review queue like any report.
Confirmations, withdrawals and decisions are on the audit trail.
"""

from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, func
from sqlmodel import Session, col, select

from sync_server import audit, change_order, changes
from sync_server.mail import outbox
from sync_server.merge import Edit, apply_edit
from sync_server.self_service import links
from sync_server.self_service.answers import ensure_account
from sync_server.self_service.tables import PersonalLink, Registration
from sync_server.validation import check_references
from wegweiser import edits
from wegweiser.model import NetworkPartner, Publication, Region, new_id
from wegweiser.owned import ChangeReport, ReportStatus
from wegweiser.registration import (
    CONFIRM_HOURS,
    FROM_NETWORK,
    FROM_NETWORK_NAME,
    WITHDRAWN_CONSENT,
    Signup,
    partner_values,
)

REGISTER = "register"
"""The link (and its mail) that confirms the address."""
CONSENT = "consent"
"""The link that withdraws the consent: good as long as the partner exists."""
WELCOME = "registered"
PUBLISHED = "partner_published"
DECLINED = "registration_declined"
WITHDRAWN = "consent_withdrawn"
"""The office's mail about a withdrawal."""
SOURCE = {"source": "network"}
COMMENT = "Anmeldung über „Im Netzwerk mitmachen“; die E-Mail-Adresse ist bestätigt."


def _stale(now: datetime) -> datetime:
    return now - timedelta(hours=CONFIRM_HOURS)


def sent_today(session: Session, email: str) -> int:
    """Registrations sent for `email` in the last 24 hours (counted across processes)."""
    since = changes.now() - timedelta(days=1)
    statement = select(func.count()).where(
        func.lower(Registration.email) == email.lower(), col(Registration.created_at) > since
    )
    return int(session.exec(statement).one())


def receive(session: Session, signup: Signup) -> Registration:
    """Keep a checked registration until its address is confirmed, and mail the link."""
    forget_stale(session)
    registration = Registration(
        created_at=changes.now(),
        email=signup.texts["contact_email"],
        details=partner_values(signup),
    )
    session.add(registration)
    outbox.queue(session, registration.email, REGISTER, registration.id)
    return registration


def forget_stale(session: Session) -> None:
    """Registrations never confirmed are gone after `CONFIRM_HOURS`, with their links."""
    stale = [
        registration.id
        for registration in session.exec(
            select(Registration).where(
                col(Registration.confirmed_at).is_(None),
                col(Registration.created_at) <= _stale(changes.now()),
            )
        )
    ]
    if stale:
        session.exec(delete(PersonalLink).where(col(PersonalLink.subject_id).in_(stale)))
        session.exec(delete(Registration).where(col(Registration.id).in_(stale)))


def sweep(engine: Engine) -> None:
    """`forget_stale` on its own, for the server's minute round: a district where
    nobody registers for a while keeps no address longer than it said."""
    with Session(engine) as session:
        forget_stale(session)
        session.commit()


def registration_of(session: Session, token: str) -> Registration | None:
    """The registration a confirmation link opens (confirmed or not), or None."""
    found_id = links.opened(session, REGISTER, token)
    registration = session.get(Registration, found_id) if found_id else None
    if registration is None:
        return None
    if registration.confirmed_at is None and _naive(registration.created_at) <= _naive(
        _stale(changes.now())
    ):
        return None
    return registration


def confirm(session: Session, registration: Registration) -> NetworkPartner:
    """The address is confirmed: a draft partner and the office's report on it."""
    change_order.write_alone(session)
    values = registration.details
    proposed = edits.build(NetworkPartner, values)
    assert isinstance(proposed, NetworkPartner)
    check_references(session, proposed)
    draft = NetworkPartner(
        id=new_id(),
        name=proposed.name,
        kommune_keys=proposed.kommune_keys,
        status=Publication.DRAFT,
    )
    saved = changes.save(session, draft, None)
    ensure_account(session, FROM_NETWORK, FROM_NETWORK_NAME)
    report = edits.change_report(
        new_id(),
        FROM_NETWORK,
        saved,
        proposed,
        values,
        base_version=saved.version,
        created_at=changes.now(),
        comment=COMMENT,
    )
    changes.save(session, report, None)
    registration.confirmed_at = changes.now()
    registration.partner_id = saved.id
    registration.details = {}  # from here on the report holds them, for the office
    session.add(registration)
    details = {**SOURCE, "report": report.id}
    audit.record(
        session,
        None,
        audit.REGISTERED_BY_NETWORK,
        NetworkPartner.entity,
        saved.id,
        details,
        name=FROM_NETWORK_NAME,
    )
    outbox.queue(session, registration.email, WELCOME, saved.id)
    assert isinstance(saved, NetworkPartner)
    return saved


def partner_of(session: Session, token: str) -> NetworkPartner | None:
    """The partner a withdrawal link belongs to, or None."""
    partner_id = links.opened(session, CONSENT, token)
    partner = session.get(NetworkPartner, partner_id) if partner_id else None
    return None if partner is None or partner.deleted else partner


def withdraw(session: Session, partner: NetworkPartner, remove: bool) -> None:
    """Art. 7(3) DSGVO: the contact details are shown nowhere from now on (tablets drop
    them at their next sync); `remove` takes the whole entry out of the directory. A
    report not yet decided is changed alike, so accepting it cannot bring them back."""
    change_order.write_alone(session)
    values: dict[str, object] = dict(WITHDRAWN_CONSENT)
    if remove:
        values["status"] = Publication.ARCHIVED.value
    current = session.get(NetworkPartner, partner.id, populate_existing=True)
    assert current is not None
    apply_edit(session, NetworkPartner, Edit(current.id, current.version, values))
    for report in _pending_reports(session, partner.id):
        changed = ChangeReport.model_validate(
            {**report.model_dump(), "changes": {**report.changes, **values}}
        )
        changed.comment = f"{report.comment}\nEinwilligung am {changes.now():%d.%m.%Y} widerrufen."
        changes.save(session, changed, report)
    audit.record(
        session,
        None,
        audit.CONSENT_WITHDRAWN,
        NetworkPartner.entity,
        partner.id,
        {**SOURCE, "removed": remove},
        name=FROM_NETWORK_NAME,
    )
    region = session.exec(select(Region)).first()
    if region is not None and region.coordination_email:
        outbox.queue(session, region.coordination_email, WITHDRAWN, partner.id)


def decided(session: Session, report: ChangeReport) -> None:
    """A registration's report was decided: accepted, the partner hears it is listed;
    declined, the draft is archived and the reason mailed."""
    registration = session.exec(
        select(Registration).where(Registration.partner_id == report.target_id)
    ).first()
    if report.status == ReportStatus.REJECTED:
        draft = session.get(NetworkPartner, report.target_id, populate_existing=True)
        if draft is not None and draft.status == Publication.DRAFT:
            archived = {"status": Publication.ARCHIVED.value}
            apply_edit(session, NetworkPartner, Edit(draft.id, draft.version, archived))
    if registration is None:
        return
    purpose = PUBLISHED if report.status == ReportStatus.ACCEPTED else DECLINED
    outbox.queue(session, registration.email, purpose, report.id)


def _pending_reports(session: Session, partner_id: str) -> list[ChangeReport]:
    statement = select(ChangeReport).where(
        ChangeReport.target_id == partner_id,
        ChangeReport.account_id == FROM_NETWORK,
        ChangeReport.status == ReportStatus.PENDING,
    )
    return list(session.exec(statement))


def _naive(moment: datetime) -> datetime:
    # SQLite gives naive datetimes back; every stored time is UTC.
    return moment.replace(tzinfo=None)
