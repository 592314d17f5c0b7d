"""The card a guide shows a newcomer: a contact point in large text, with a QR code that
holds the contact as a vCard, drawn offline, for the newcomer's phone to save. No Flet
here; the labels come in the language the card is shown in."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from app.i18n import translate
from app.services import hours as hours_text
from app.services.qr import qr_png
from wegweiser.holidays import is_public_holiday
from wegweiser.model import ContactPoint, address_lines
from wegweiser.vcard import contact_card


@dataclass(frozen=True)
class NewcomerCard:
    name: str
    organisation: str | None
    address: list[str]
    status: str | None
    """"Jetzt geöffnet bis 12:00", or None when there are no readable hours."""
    week: list[tuple[str, str]]
    phones: list[str]
    vcard: str
    qr_png: bytes
    language: str
    scan_hint: str
    """"Scan with your phone's camera …", in the newcomer's language."""


def newcomer_card(
    contact: ContactPoint,
    now: datetime,
    language: str,
    is_holiday: Callable[[date], bool] = is_public_holiday,
) -> NewcomerCard:
    """Everything the card shows, in the newcomer's `language` (the visit's), and the
    vCard (hours in its NOTE) as a QR code."""
    say = partial(translate, language)
    hours = hours_text.safe_parse(contact.opening_hours)
    week = hours_text.week_rows(hours, language) if hours is not None else []
    address = address_lines(contact)
    card = contact_card(contact, language)
    return NewcomerCard(
        name=contact.name,
        organisation=contact.organisation,
        address=address,
        status=(
            hours_text.status_line(hours, now, language, is_holiday) if hours is not None else None
        ),
        week=week,
        phones=[p["number"] for p in contact.phones if p.get("number")],
        vcard=card,
        qr_png=qr_png(card),
        language=language,
        scan_hint=say("newcomer.scan"),
    )
