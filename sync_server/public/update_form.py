"""`/wegweiser/aktualisieren/<Link>`: the form a contact point's people open from the
office's mail. It shows their entry as it is published; "Alles ist aktuell" is one
click, a change becomes a report for the office. German, like the mail.

The link's token is the only key: the page is never kept by a cache, names no entry for
a link that opens nothing (unknown, withdrawn, expired), and every form carries a
one-time ticket, so a page elsewhere cannot send it and a replay changes nothing.
"""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from sync_server.deps import LimiterDep, SessionDep, SharedLimiterDep
from sync_server.public.forms import GERMAN, SentForm, notice, private_page
from sync_server.public.rendering import PREFIX
from sync_server.rate_limits import Rate
from sync_server.self_service import answers, form, links
from sync_server.self_service.tables import UpdateRequest
from wegweiser.edits import EditRefused
from wegweiser.languages import LANGUAGE_NAMES
from wegweiser.model import ContactPoint
from wegweiser.weekdays import day_names

router = APIRouter(prefix=f"{PREFIX}/aktualisieren", include_in_schema=False)

SENDS_PER_LINK_HOUR = 30
VIEWS_PER_LINK_HOUR = 120
LANGUAGE_CHOICES = [(code, name) for code, name in LANGUAGE_NAMES.items()]


def _invalid(request: Request, session: Session) -> HTMLResponse:
    return private_page(
        request, session, "update_invalid", 404, title=GERMAN["update_invalid_title"]
    )


def _form(
    request: Request,
    session: Session,
    token: str,
    request_row: UpdateRequest,
    contact: ContactPoint,
    values: form.Shown,
    status: int = 200,
    problem: str = "",
) -> HTMLResponse:
    ticket = links.issue_ticket(session, links.digest(token))
    session.commit()
    return private_page(
        request,
        session,
        "update",
        status,
        title=f"{GERMAN['update_heading']}: {contact.name}",
        contact=contact,
        values=values,
        ticket=ticket,
        answered=request_row.answered_at,
        problem=problem,
        language_choices=LANGUAGE_CHOICES,
        day_names=day_names("de"),
    )


def _busy(request: Request, session: Session) -> HTMLResponse:
    return notice(request, session, 429, "update_busy_title", "update_busy")


@router.get("/{token}", response_class=HTMLResponse)
def show(request: Request, token: str, session: SessionDep, limiter: LimiterDep) -> HTMLResponse:
    found = answers.request_of(session, token)
    contact = answers.entry_of(session, found) if found else None
    if found is None or contact is None:
        return _invalid(request, session)
    # Each showing stores a ticket: a link opened without end would fill the table.
    if limiter.take(f"form-view:{links.digest(token)}", Rate(VIEWS_PER_LINK_HOUR, 3600)):
        return _busy(request, session)
    return _form(request, session, token, found, contact, form.shown(contact))


@router.post("/{token}", response_class=HTMLResponse)
def send(
    request: Request,
    token: str,
    sent: SentForm,
    session: SessionDep,
    limiter: SharedLimiterDep,
) -> HTMLResponse:
    found = answers.request_of(session, token)
    contact = answers.entry_of(session, found) if found else None
    if found is None or contact is None:
        return _invalid(request, session)
    if limiter.take(f"form:{links.digest(token)}", Rate(SENDS_PER_LINK_HOUR, 3600)) is not None:
        return _busy(request, session)
    if not links.use_ticket(session, links.digest(token), sent.fields.get("ticket", "")):
        session.rollback()
        return notice(request, session, 403, "update_stale_title", "update_stale")
    if sent.fields.get("action") == "aktuell":
        answers.confirm(session, found)
        session.commit()
        return private_page(
            request, session, "update_done", title=GERMAN["update_done_title"], confirmed=True
        )
    values = form.read(sent.fields, sent.ticked("languages"), contact)
    fields, checked = form.changes(values, contact)
    problem = GERMAN["update_problem"] if checked.errors else ""
    if not checked.errors:
        try:
            answers.report(session, found, fields, form.flag_of(checked), checked.comment)
        except EditRefused as exc:
            problem = str(exc)
    if problem:
        session.rollback()  # the ticket stays unspent; the form comes back with a new one
        return _form(request, session, token, found, contact, checked, 422, problem)
    session.commit()
    return private_page(
        request, session, "update_done", title=GERMAN["update_done_title"], confirmed=False
    )
