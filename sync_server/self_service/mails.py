"""The mails of the self-service, made when they are delivered: the update request with
its personal link, the one reminder, and the reason of a rejected change; those of a
registration come from `registration_mails`."""

from email.message import EmailMessage

from fastapi import BackgroundTasks
from sqlalchemy import Engine
from sqlmodel import Session, select

from sync_server import changes
from sync_server.mail import outbox
from sync_server.mail.compose import Link, base_url, compose, with_reason
from sync_server.mail.outbox import OutgoingMail
from sync_server.self_service import links, registration_mails
from sync_server.self_service.requests import ASK, REJECTED, REMIND, is_open
from sync_server.self_service.tables import UpdateRequest
from sync_server.settings import Settings
from wegweiser.model import ContactPoint, Region
from wegweiser.owned import ChangeReport

FORM = "/wegweiser/aktualisieren/"

DATA_USE = (
    "Was mit Ihren Angaben geschieht: Der Landkreis veröffentlicht die Angaben Ihrer "
    "Anlaufstelle im Wegweiser, den Integrationslotsen, Partner im Netzwerk und "
    "Neuankömmlinge lesen. Was Sie ändern, prüft die Koordinierungsstelle, bevor es "
    "erscheint. Ihre E-Mail-Adresse nutzen wir nur für Fragen zu diesem Eintrag. Möchten "
    "Sie nicht mehr gefragt werden, antworten Sie einfach auf diese E-Mail."
)


def deliver(engine: Engine, settings: Settings) -> int:
    """Deliver every self-service mail whose turn it is."""
    return outbox.deliver_waiting(
        engine, settings, lambda session, mail: _compose(session, mail, settings)
    )


def deliver_later(tasks: BackgroundTasks, engine: Engine, settings: Settings) -> None:
    """Deliver once the answer is sent: the office does not wait for the mail server."""
    tasks.add_task(deliver, engine, settings)


def _compose(session: Session, mail: OutgoingMail, settings: Settings) -> EmailMessage | None:
    region = session.exec(select(Region)).first()
    if mail.purpose in (ASK, REMIND):
        return _request_mail(session, mail, settings, region)
    if mail.purpose == REJECTED:
        return _rejection_mail(session, mail, settings, region)
    if mail.purpose in registration_mails.PURPOSES:
        return registration_mails.compose_registration(session, mail, settings, region)
    return None


def _request_mail(
    session: Session, mail: OutgoingMail, settings: Settings, region: Region | None
) -> EmailMessage | None:
    request = session.get(UpdateRequest, mail.subject_id)
    if request is None or not is_open(request, changes.now()):
        return None
    contact = session.get(ContactPoint, request.record_id)
    if contact is None:
        return None
    token = links.mint(session, ASK, request.id)
    district = f"Wegweiser für den {region.name}" if region else "Wegweiser"
    until = request.expires_at.strftime("%d.%m.%Y")
    opening = (
        f"Guten Tag,\n\nim {district} steht Ihre Anlaufstelle „{contact.name}“. "
        "Damit Ratsuchende und Integrationslotsen sich darauf verlassen können, bitten wir "
        "Sie, Ihren Eintrag kurz anzusehen: Ist alles aktuell, genügt ein Klick; stimmt "
        "etwas nicht mehr, können Sie es direkt im Formular korrigieren."
    )
    if mail.purpose == REMIND:
        opening = "Eine freundliche Erinnerung an unsere Bitte von neulich.\n\n" + opening
    paragraphs = [
        opening,
        f"Der Link gilt bis zum {until} und nur für Ihren Eintrag. Bitte geben Sie ihn "
        "nicht weiter.",
        DATA_USE,
    ]
    subject = f"Bitte prüfen: Ihr Eintrag „{contact.name}“ im Wegweiser"
    if mail.purpose == REMIND:
        subject = "Erinnerung: " + subject
    link = Link("Eintrag ansehen und bestätigen", f"{base_url(settings)}{FORM}{token}")
    return compose(settings, region, mail.recipient, subject, paragraphs, link)


def _rejection_mail(
    session: Session, mail: OutgoingMail, settings: Settings, region: Region | None
) -> EmailMessage | None:
    report = session.get(ChangeReport, mail.subject_id)
    if report is None or report.reason is None:
        return None
    opening = (
        f"Guten Tag,\n\nvielen Dank für Ihre Änderung am Eintrag „{report.target_title}“ im "
        "Wegweiser. Wir haben sie nicht übernommen, aus diesem Grund:"
    )
    subject = f"Ihre Änderung am Eintrag „{report.target_title}“"
    return with_reason(settings, region, mail.recipient, subject, opening, report.reason, DATA_USE)
