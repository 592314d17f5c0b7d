"""`/wegweiser/<Sprache>/anlaufstellen/…` and `…/angebote/…`: a contact point with its
week, whether it is open now, the links that call, write or show the way, and its card
(vCard download and QR code, the same card the app's newcomer card gives out); an offer.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import lru_cache, partial
from typing import Any

import segno
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from sqlmodel import Session

from sync_server import published
from sync_server.deps import SessionDep
from sync_server.public.cache import MAX_AGE
from sync_server.public.labels import words
from sync_server.public.rendering import PREFIX, found, now, page
from wegweiser import open_now, week
from wegweiser.holidays import is_public_holiday
from wegweiser.languages import LANGUAGE_NAMES
from wegweiser.links import mail_url, map_url, phone_url
from wegweiser.markdown_rules import target_problem
from wegweiser.model import ContactPoint, address_lines
from wegweiser.opening_hours import OpeningHoursError, parse
from wegweiser.vcard import contact_card

router = APIRouter(prefix=PREFIX, include_in_schema=False)


@dataclass(frozen=True)
class Hours:
    """A contact point's opening hours as the page shows them."""

    status: str | None
    """"Jetzt geöffnet bis 12:00", at the moment the page is made; None without hours."""
    week: list[tuple[str, str]]
    unreadable: bool
    changes_at: datetime | None = None
    """When `status` will say something else (it closes, or opens)."""


def _hours(request: Request, session: Session, contact: ContactPoint, language: str) -> Hours:
    if not contact.opening_hours:
        return Hours(open_now.phrase(language, "no_hours"), [], unreadable=False)
    try:
        hours = parse(contact.opening_hours)
    except OpeningHoursError:
        return Hours(None, [], unreadable=True)
    region = published.region(session)
    holiday = partial(is_public_holiday, state=region.state if region else "ST")
    moment = now(request)
    status = open_now.status_line(hours, moment, language, holiday)
    rows = week.week_rows(hours, language, words(language)["closed_day"])
    at = hours.status_at(moment, holiday)
    changes_at = at.closes_at if at.is_open else at.next_open
    # The line names the day it opens ("öffnet morgen"): it changes at midnight too.
    midnight = datetime.combine(moment.date() + timedelta(days=1), time())
    return Hours(status, rows, False, min(changes_at or midnight, midnight))


def _map_link(place: ContactPoint) -> str | None:
    """OpenStreetMap in the browser: a plain link, nothing loaded from elsewhere."""
    if place.latitude is None or place.longitude is None:
        return None
    return map_url(place.latitude, place.longitude, place.name, "web")


@lru_cache(maxsize=2048)
def _qr_svg(card: str, label: str) -> Markup:
    """The card as a QR code drawn inline (no request of its own, no script). Kept by
    the card's text: making the code takes segno about 35 ms, and a card changes only
    with its contact point."""
    svg = segno.make(card, error="m").svg_inline(scale=3, border=4, svgclass="qr")
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))


@router.get("/{language}/anlaufstellen/{contact_id}", response_class=HTMLResponse)
def contact(request: Request, language: str, contact_id: str, session: SessionDep) -> Response:
    place = found(language, lambda: published.contact(session, contact_id))
    hours = _hours(request, session, place, language)

    def values() -> dict[str, Any]:
        return {
            "title": place.name,
            "contact": place,
            "address": address_lines(place),
            "map_link": _map_link(place),
            "phones": [
                (p.get("label", ""), p["number"], phone_url(p["number"]))
                for p in place.phones
                if p.get("number")
            ],
            "mail": mail_url(place.email) if place.email else None,
            # Checked when entered; checked again, as a page must never link a script.
            "website": place.website
            if place.website and not target_problem(place.website)
            else None,
            "hours": hours,
            "spoken": [LANGUAGE_NAMES.get(code, code) for code in place.languages],
            "offers": published.offers_at(session, place.id),
            "qr": _qr_svg(contact_card(place, language), words(language)["qr"]),
        }

    return page(
        request,
        session,
        language,
        "contact",
        values,
        varies=hours.status or "",
        until=hours.changes_at,
    )


@router.get("/{language}/anlaufstellen/{contact_id}/kontakt.vcf")
def card(language: str, contact_id: str, session: SessionDep) -> Response:
    """The contact point's vCard, to keep on a phone (hours in the page's language)."""
    place = found(language, lambda: published.contact(session, contact_id))
    return Response(
        contact_card(place, language),
        media_type="text/vcard; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="kontakt.vcf"',
            "Cache-Control": f"public, max-age={MAX_AGE}",
        },
    )


@router.get("/{language}/angebote/{offer_id}", response_class=HTMLResponse)
def offer(request: Request, language: str, offer_id: str, session: SessionDep) -> Response:
    """An offer: what, when, for whom, what it costs, and where (its contact point)."""

    def values() -> dict[str, Any]:
        shown = found(language, lambda: published.offer(session, offer_id))
        try:
            held_at = published.contact(session, shown.contact_point_id or "")
        except published.NotFound:
            held_at = None  # an unpublished place is not named, the offer still shown
        return {
            "title": shown.title,
            "offer": shown,
            "held_at": held_at,
            "spoken": [LANGUAGE_NAMES.get(code, code) for code in shown.languages],
        }

    return page(request, session, language, "offer", values)
