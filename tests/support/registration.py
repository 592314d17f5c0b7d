"""Registering through "Im Netzwerk mitmachen" as a browser would: the form shown, filled,
sent after the minimum fill time, and the mail's link confirmed with its button."""

from datetime import timedelta
from email.message import EmailMessage
from urllib.parse import urlsplit

import httpx
from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from sync_server import changes
from sync_server.self_service.tables import FormTicket
from tests.support import local_http
from tests.support.forms import forms_of, replaced
from tests.support.mail import link_in
from wegweiser.model import Topic

FORM = "/wegweiser/mitmachen"
ADDRESS = "garten@initiative.example.de"
NAME = "Interkultureller Garten Halberstadt"


def aged(engine: Engine) -> None:
    """The forms shown were open a while (the minimum fill time has passed): the clock
    is ours to move, a person filling the form takes longer than a script."""
    with Session(engine) as session:
        session.exec(update(FormTicket).values(issued_at=changes.now() - timedelta(seconds=30)))
        session.commit()


def filled(url: str, engine: Engine, **typed: str) -> list[tuple[str, str]]:
    """The registration form as shown, typed into (`typed` overrides the example;
    `kommune_keys` names the Kommunen ticked, apart by spaces)."""
    kommunen = typed.pop("kommune_keys", "halberstadt").split()
    page = local_http.get(url + FORM)
    assert page.status_code == 200, page.text
    assert page.headers["cache-control"] == "no-store"
    [form] = forms_of(page.text)
    with Session(engine) as session:
        topic = session.exec(select(Topic.key).order_by(col(Topic.key))).first()
    values = {
        "name": NAME,
        "contact_name": "Bea Beispiel",
        "contact_email": ADDRESS,
        "contact_phone": "03941 555123",
        "description": "Gemeinsam gärtnern, jeden Samstag ab 10 Uhr.",
        "listed": "ja",
        "shown": "alle",
        **typed,
    }
    ticked = [("languages", "ar"), ("topic_keys", str(topic))]
    return [*replaced(form, **values), *ticked, *(("kommune_keys", key) for key in kommunen)]


def send(url: str, path: str, form: list[tuple[str, str]]) -> httpx.Response:
    sent: dict[str, list[str]] = {}
    for name, value in form:
        sent.setdefault(name, []).append(value)
    return local_http.post(url + path, data=sent)


def register(url: str, engine: Engine, **typed: str) -> httpx.Response:
    form = filled(url, engine, **typed)
    aged(engine)
    return send(url, FORM, form)


def confirm(url: str, mail: EmailMessage) -> httpx.Response:
    """Open the confirmation mail's link and press its button."""
    path = urlsplit(link_in(mail)).path
    page = local_http.get(url + path)
    return send(url, path, forms_of(page.text)[0])
