"""The mails of a registration, made when they are delivered: the link that confirms the
address, the thanks and the news of publication (each with the link that withdraws the
consent), a declined registration's reason, and the office's note of a withdrawal."""

from email.message import EmailMessage

from sqlmodel import Session

from sync_server.mail.compose import Link, base_url, compose, with_reason
from sync_server.mail.outbox import OutgoingMail
from sync_server.self_service import links
from sync_server.self_service.registrations import (
    CONSENT,
    DECLINED,
    PUBLISHED,
    REGISTER,
    WELCOME,
    WITHDRAWN,
)
from sync_server.self_service.tables import Registration
from sync_server.settings import Settings
from wegweiser.model import NetworkPartner, Publication, Region
from wegweiser.owned import ChangeReport

PAGES = "/wegweiser/mitmachen"
PURPOSES = (REGISTER, WELCOME, PUBLISHED, DECLINED, WITHDRAWN)

DATA_USE = (
    "Was mit Ihren Angaben geschieht: Der Landkreis nimmt Ihre Initiative in das "
    "Verzeichnis „Netzwerk Migration und Ehrenamt“ des Wegweisers auf, den "
    "Integrationslotsen, Partner und Neuankommende lesen. Ihre Kontaktdaten zeigen wir nur, "
    "wie Sie es gewählt haben; Ihre E-Mail-Adresse nutzen wir für Fragen zu Ihrem Eintrag."
)
CAN_WITHDRAW = (
    "Sie können Ihre Einwilligung jederzeit widerrufen, ohne Angabe von Gründen: über den "
    "Link unten. Ihre Kontaktdaten werden dann sofort nicht mehr gezeigt."
)


def compose_registration(
    session: Session, mail: OutgoingMail, settings: Settings, region: Region | None
) -> EmailMessage | None:
    """The mail of `mail.purpose`, or None when its subject is gone (then nothing is sent)."""
    if mail.purpose == REGISTER:
        return _confirm_address(session, mail, settings, region)
    if mail.purpose == WITHDRAWN:
        return _office_note(session, mail, settings, region)
    if mail.purpose == DECLINED:
        return _declined(session, mail, settings, region)
    return _listed(session, mail, settings, region)


def _confirm_address(
    session: Session, mail: OutgoingMail, settings: Settings, region: Region | None
) -> EmailMessage | None:
    registration = session.get(Registration, mail.subject_id)
    if registration is None or registration.confirmed_at is not None:
        return None
    token = links.mint(session, REGISTER, registration.id)
    name = str(registration.details.get("name", ""))
    paragraphs = [
        f"Guten Tag,\n\nSie haben „{name}“ für das Netzwerk Migration und Ehrenamt im "
        "Wegweiser angemeldet. Bitte bestätigen Sie mit dem Link unten, dass diese "
        "E-Mail-Adresse Ihnen gehört; erst dann geht Ihre Anmeldung an die "
        "Koordinierungsstelle.",
        "Der Link gilt drei Tage. Haben Sie sich nicht angemeldet, müssen Sie nichts tun: "
        "Ohne Bestätigung wird nichts aufgenommen, und die Angaben werden nach drei Tagen "
        "gelöscht.",
        DATA_USE,
    ]
    link = Link("Anmeldung bestätigen", f"{base_url(settings)}{PAGES}/bestaetigen/{token}")
    subject = "Bitte bestätigen: Ihre Anmeldung im Wegweiser-Netzwerk"
    return compose(settings, region, mail.recipient, subject, paragraphs, link)


def _listed(
    session: Session, mail: OutgoingMail, settings: Settings, region: Region | None
) -> EmailMessage | None:
    # WELCOME names the partner; PUBLISHED the accepted report on it.
    partner_id = mail.subject_id
    if mail.purpose == PUBLISHED:
        report = session.get(ChangeReport, mail.subject_id)
        partner_id = report.target_id if report else ""
    partner = session.get(NetworkPartner, partner_id)
    if partner is None or partner.deleted:
        return None
    if mail.purpose == PUBLISHED and partner.status != Publication.PUBLISHED:
        return None
    token = links.mint(session, CONSENT, partner.id)
    if mail.purpose == WELCOME:
        news = (
            f"Guten Tag,\n\nvielen Dank: Ihre Anmeldung von „{partner.name}“ ist bestätigt "
            "und bei der Koordinierungsstelle angekommen. Sie prüft sie und nimmt Ihren "
            "Eintrag auf; wir schreiben Ihnen, sobald er erscheint."
        )
        subject = f"Ihre Anmeldung „{partner.name}“ ist angekommen"
    else:
        news = (
            f"Guten Tag,\n\n„{partner.name}“ steht jetzt im Wegweiser, im Verzeichnis "
            f"„Netzwerk Migration und Ehrenamt“. {_shown(partner)}"
        )
        subject = f"Ihr Eintrag „{partner.name}“ ist veröffentlicht"
    paragraphs = [news, CAN_WITHDRAW, DATA_USE]
    link = Link("Einwilligung widerrufen", f"{base_url(settings)}{PAGES}/widerrufen/{token}")
    return compose(settings, region, mail.recipient, subject, paragraphs, link)


def _shown(partner: NetworkPartner) -> str:
    if partner.contact_for_everyone():
        return "Ihre Kontaktdaten sind öffentlich zu sehen."
    if partner.contact_for_guides():
        return "Ihre Kontaktdaten sehen nur die Integrationslotsen."
    return "Ihre Kontaktdaten werden nicht gezeigt."


def _declined(
    session: Session, mail: OutgoingMail, settings: Settings, region: Region | None
) -> EmailMessage | None:
    report = session.get(ChangeReport, mail.subject_id)
    if report is None or report.reason is None:
        return None
    opening = (
        f"Guten Tag,\n\nvielen Dank für Ihre Anmeldung „{report.target_title}“. Wir haben "
        "sie nicht in das Verzeichnis aufgenommen, aus diesem Grund:"
    )
    subject = f"Ihre Anmeldung „{report.target_title}“"
    return with_reason(settings, region, mail.recipient, subject, opening, report.reason)


def _office_note(
    session: Session, mail: OutgoingMail, settings: Settings, region: Region | None
) -> EmailMessage | None:
    partner = session.get(NetworkPartner, mail.subject_id)
    if partner is None:
        return None
    removed = partner.status == Publication.ARCHIVED
    paragraphs = [
        f"„{partner.name}“ hat die Einwilligung widerrufen, die Kontaktdaten zu zeigen. "
        "Sie sind schon nicht mehr zu sehen: auf den öffentlichen Seiten sofort, auf den "
        "Tablets nach ihrer nächsten Synchronisierung.",
        "Der Eintrag ist auf Wunsch ganz aus dem Verzeichnis genommen (archiviert)."
        if removed
        else "Der Eintrag selbst bleibt im Verzeichnis, ohne Kontaktdaten.",
        "Bitte die Kontaktdaten nicht wieder freigeben, ohne erneut zu fragen.",
    ]
    subject = f"Einwilligung widerrufen: „{partner.name}“"
    return compose(settings, region, mail.recipient, subject, paragraphs)
