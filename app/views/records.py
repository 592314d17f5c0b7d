"""Which screen shows a record of each kind: the app's column of the kinds registry
(`wegweiser.kinds` describes the kinds; it knows nothing of Flet)."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

import flet as ft

from app.services.content import ContentService
from app.services.links import MapsApp
from app.views import details
from wegweiser.model import ContactPoint, InfoSheet, NetworkPartner, Offer, SyncedRecord


@dataclass(frozen=True)
class Shown:
    """What a record's view may need besides the record."""

    content: ContentService
    now: datetime
    maps: MapsApp
    text_scale: float
    open_record: details.Open
    replace_with: Callable[[str], None]
    """Show another record of the same kind in place of this one (a sheet's language)."""
    open_link: Callable[[str], Awaitable[None]] | None = None
    """Follow a link in a sheet: an entry in the app, anything else outside it."""
    visit_language: str = "de"
    """Sheets open in this language where a translation exists."""


RecordView = Callable[[SyncedRecord, Shown], ft.Control]


def _sheet(record: SyncedRecord, shown: Shown) -> ft.Control:
    assert isinstance(record, InfoSheet)
    versions = shown.content.sheet_versions(record)
    if record.language == "de":
        # Opened from a list (always the German original): in the visit's language.
        record = next((v for v in versions if v.language == shown.visit_language), record)
    return details.sheet_view(
        record, versions, shown.replace_with, shown.text_scale, shown.open_link
    )


def _contact(record: SyncedRecord, shown: Shown) -> ft.Control:
    assert isinstance(record, ContactPoint)
    offers = shown.content.offers_of(record.id)
    return details.contact_view(
        record, offers, shown.now, shown.maps, shown.open_record, shown.text_scale
    )


def _offer(record: SyncedRecord, shown: Shown) -> ft.Control:
    assert isinstance(record, Offer)
    return details.offer_view(record, shown.open_record)


def _partner(record: SyncedRecord, shown: Shown) -> ft.Control:
    assert isinstance(record, NetworkPartner)
    return details.partner_view(record)


VIEWS: dict[str, RecordView] = {
    InfoSheet.entity: _sheet,
    ContactPoint.entity: _contact,
    Offer.entity: _offer,
    NetworkPartner.entity: _partner,
}
"""The kinds a guide can open, by entity name; search hits and links only lead here."""
