"""`/wegweiser/mitmachen`: initiatives and volunteers ask to be listed in the network,
confirm their address by the link mailed to them, and withdraw their consent by the link
of every later mail. German, like the mails.

Spam is kept out without third parties: a field people never see (filled only by
scripts), a minimum time between showing the form and sending it, a limit per network
address and one per e-mail address. A script is told nothing: it reads the same page as
a person, while nothing is stored and no mail leaves. Confirming and withdrawing are
buttons (POST): a mail scanner that opens every link confirms nothing.
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from sync_server import changes, published
from sync_server.deps import (
    AddressDep,
    EngineDep,
    LimiterDep,
    SessionDep,
    SettingsDep,
    SharedLimiterDep,
)
from sync_server.public.forms import GERMAN, Sent, SentForm, notice, private_page
from sync_server.public.rendering import PREFIX
from sync_server.rate_limits import Rate, RateLimiter
from sync_server.self_service import links, mails, registrations
from wegweiser import registration
from wegweiser.languages import LANGUAGE_NAMES
from wegweiser.registration import ContactShown, Signup

router = APIRouter(prefix=f"{PREFIX}/mitmachen", include_in_schema=False)

FORM_SUBJECT = "mitmachen"
"""The registration form's tickets: one form for everybody."""
HONEYPOT = "homepage"
"""The field hidden from people (a plausible name, so that scripts fill it)."""
SENDS_PER_ADDRESS_HOUR = 5
VIEWS_PER_ADDRESS_HOUR = 60
VIEWS_PER_LINK_HOUR = 30


def _mail_later(
    tasks: BackgroundTasks, engine: EngineDep, settings: SettingsDep
) -> Callable[[], None]:
    return lambda: mails.deliver_later(tasks, engine, settings)


MailLater = Annotated[Callable[[], None], Depends(_mail_later)]
"""Deliver what the answer queued once it is sent: the person does not wait for SMTP."""


def _form(request: Request, session: Session, signup: Signup, status: int = 200) -> HTMLResponse:
    ticket = links.issue_ticket(session, FORM_SUBJECT)
    session.commit()
    problem = GERMAN["update_problem"] if signup.errors else ""
    return private_page(
        request,
        session,
        "register",
        status,
        title=GERMAN["register_title"],
        values=signup,
        ticket=ticket,
        problem=problem,
        honeypot=HONEYPOT,
        kommunen=published.kommunen(session),
        topics=published.topics(session),
        language_choices=list(LANGUAGE_NAMES.items()),
        shown_choices=[(c.value, GERMAN[f"register_shown_{c.value}"]) for c in ContactShown],
    )


def _sent(request: Request, session: Session) -> HTMLResponse:
    return notice(request, session, 200, "register_sent_title", "register_sent")


def _busy(request: Request, session: Session) -> HTMLResponse:
    return notice(request, session, 429, "update_busy_title", "register_busy")


def _invalid(request: Request, session: Session) -> HTMLResponse:
    return notice(request, session, 404, "update_invalid_title", "register_invalid")


@router.get("", response_class=HTMLResponse)
def show(
    request: Request, session: SessionDep, limiter: LimiterDep, address: AddressDep
) -> HTMLResponse:
    # Each showing stores a ticket: one address may not fill the table.
    if limiter.take(f"register-view:{address}", Rate(VIEWS_PER_ADDRESS_HOUR, 3600)):
        return _busy(request, session)
    return _form(request, session, registration.empty())


@router.post("", response_class=HTMLResponse)
def send(
    request: Request,
    sent: SentForm,
    session: SessionDep,
    limiter: SharedLimiterDep,
    address: AddressDep,
    mail_later: MailLater,
) -> HTMLResponse:
    if limiter.take(f"register:{address}", Rate(SENDS_PER_ADDRESS_HOUR, 3600)) is not None:
        return _busy(request, session)
    ticket = sent.fields.get("ticket", "")
    issued = links.ticket_issued(session, FORM_SUBJECT, ticket)
    if issued is None or not links.use_ticket(session, FORM_SUBJECT, ticket):
        session.rollback()
        return notice(request, session, 403, "update_stale_title", "register_stale")
    # SQLite gives naive datetimes back; every stored time is UTC.
    open_for = changes.now().replace(tzinfo=None) - issued.replace(tzinfo=None)
    too_fast = open_for < timedelta(seconds=registration.MIN_FILL_SECONDS)
    if sent.fields.get(HONEYPOT) or too_fast:
        session.commit()  # the ticket is spent, nothing else kept
        return _sent(request, session)
    signup = registration.checked(
        registration.read(
            sent.fields,
            sent.ticked("languages"),
            sent.ticked("topic_keys"),
            sent.ticked("kommune_keys"),
        )
    )
    signup = _known_places(session, signup)
    if signup.errors:
        session.rollback()  # the ticket stays unspent; the form comes back with a new one
        return _form(request, session, signup, 422)
    email = signup.texts["contact_email"]
    if registrations.sent_today(session, email) < registration.PER_EMAIL_PER_DAY:
        registrations.receive(session, signup)
        mail_later()
    # Beyond the limit the page reads the same: it must not tell who registered.
    session.commit()
    return _sent(request, session)


def _known_places(session: Session, signup: Signup) -> Signup:
    """Kommunen and topics this district has (the form offers no others)."""
    errors = dict(signup.errors)
    kommunen = {k.key for k in published.kommunen(session)}
    if any(key not in kommunen for key in signup.kommune_keys):
        errors["kommune_keys"] = "Bitte nur Kommunen aus der Liste wählen."
    topics = {t.key for t in published.topics(session)}
    if any(key not in topics for key in signup.topic_keys):
        errors["topic_keys"] = "Bitte nur Themen aus der Liste wählen."
    return replace(signup, errors=errors)


def _link_page(
    request: Request,
    session: Session,
    limiter: RateLimiter,
    token: str,
    template: str,
    **values: object,
) -> HTMLResponse:
    """The page behind a personal link, with a one-time ticket for its button."""
    if limiter.take(f"register-link:{links.digest(token)}", Rate(VIEWS_PER_LINK_HOUR, 3600)):
        return _busy(request, session)
    ticket = links.issue_ticket(session, links.digest(token))
    session.commit()
    return private_page(request, session, template, 200, ticket=ticket, **values)


def _spent(request: Request, session: Session, token: str, sent: Sent) -> HTMLResponse | None:
    """The page for a button's form sent twice, from elsewhere or too late; None when its
    ticket is good (and now spent)."""
    if links.use_ticket(session, links.digest(token), sent.fields.get("ticket", "")):
        return None
    session.rollback()
    return notice(request, session, 403, "update_stale_title", "register_stale_link")


def _done(request: Request, session: Session) -> HTMLResponse:
    return notice(request, session, 200, "register_done_title", "register_done")


@router.get("/bestaetigen/{token}", response_class=HTMLResponse)
def confirmation(
    request: Request, token: str, session: SessionDep, limiter: LimiterDep
) -> HTMLResponse:
    found = registrations.registration_of(session, token)
    if found is None:
        return _invalid(request, session)
    if found.confirmed_at is not None:
        return _done(request, session)
    name = str(found.details.get("name", ""))
    title = GERMAN["register_confirm_title"]
    return _link_page(request, session, limiter, token, "register_confirm", title=title, name=name)


@router.post("/bestaetigen/{token}", response_class=HTMLResponse)
def confirm(
    request: Request, token: str, sent: SentForm, session: SessionDep, mail_later: MailLater
) -> HTMLResponse:
    found = registrations.registration_of(session, token)
    if found is None:
        return _invalid(request, session)
    if found.confirmed_at is not None:
        return _done(request, session)
    refused = _spent(request, session, token, sent)
    if refused is not None:
        return refused
    registrations.confirm(session, found)
    session.commit()
    mail_later()
    return _done(request, session)


@router.get("/widerrufen/{token}", response_class=HTMLResponse)
def withdrawal(
    request: Request, token: str, session: SessionDep, limiter: LimiterDep
) -> HTMLResponse:
    partner = registrations.partner_of(session, token)
    if partner is None:
        return _invalid(request, session)
    title = GERMAN["withdraw_title"]
    return _link_page(
        request, session, limiter, token, "register_withdraw", title=title, partner=partner
    )


@router.post("/widerrufen/{token}", response_class=HTMLResponse)
def withdraw(
    request: Request, token: str, sent: SentForm, session: SessionDep, mail_later: MailLater
) -> HTMLResponse:
    partner = registrations.partner_of(session, token)
    if partner is None:
        return _invalid(request, session)
    refused = _spent(request, session, token, sent)
    if refused is not None:
        return refused
    remove = sent.fields.get("action") == "entfernen"
    registrations.withdraw(session, partner, remove)
    session.commit()
    mail_later()
    message = "withdraw_done_removed" if remove else "withdraw_done"
    return notice(request, session, 200, "withdraw_done_title", message)
