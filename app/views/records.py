"""Which view shows a record of each kind and what its screen offers: the app's column of
the kinds registry (`wegweiser.kinds` describes the kinds; it knows nothing of Flet)."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

import flet as ft

from app.i18n import t
from app.services.content import ContentService
from app.views import details, style
from app.views.sheet import sheet_view
from wegweiser.holidays import is_public_holiday
from wegweiser.kinds import KINDS
from wegweiser.links import MapsApp
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
    is_holiday: Callable[[date], bool] = is_public_holiday
    """Public holidays of the region's state: "PH off" closes on them."""
    narrow: bool = False
    """A phone's width: a sheet's tables are shown as lists."""


RecordView = Callable[[SyncedRecord, Shown], list[ft.Control]]
"""A record's parts, top to bottom."""


def _sheet(record: SyncedRecord, shown: Shown) -> list[ft.Control]:
    assert isinstance(record, InfoSheet)
    versions = shown.content.sheet_versions(record)
    missing = None
    if record.language == "de":
        # Opened from a list (always the German original): in the visit's language.
        record = next((v for v in versions if v.language == shown.visit_language), record)
        if record.language != shown.visit_language:
            missing = shown.visit_language  # said, not left for the guide to guess
    return sheet_view(
        record,
        versions,
        shown.replace_with,
        shown.text_scale,
        shown.open_link,
        missing,
        narrow=shown.narrow,
    )


def _contact(record: SyncedRecord, shown: Shown) -> list[ft.Control]:
    assert isinstance(record, ContactPoint)
    offers = shown.content.offers_of(record.id)
    return details.contact_view(
        record,
        offers,
        shown.now,
        shown.maps,
        shown.open_record,
        shown.text_scale,
        shown.is_holiday,
    )


def _offer(record: SyncedRecord, shown: Shown) -> list[ft.Control]:
    assert isinstance(record, Offer)
    return details.offer_view(record, shown.open_record)


def _partner(record: SyncedRecord, shown: Shown) -> list[ft.Control]:
    assert isinstance(record, NetworkPartner)
    return details.partner_view(record)


VIEWS: dict[str, RecordView] = {
    InfoSheet.entity: _sheet,
    ContactPoint.entity: _contact,
    Offer.entity: _offer,
    NetworkPartner.entity: _partner,
}
"""The kinds a guide can open, by entity name; search hits and links only lead here."""


@dataclass(frozen=True)
class Action:
    """A button on a record's screen that opens a route below the record's."""

    label: str
    """Its i18n key."""
    icon: ft.IconData
    route: str
    look: Literal["filled", "outlined"] = "outlined"


def actions_for(kind: str, staff: bool, enrolled: bool) -> list[Action]:
    """What a record's screen offers besides the favourite: the newcomer card for a
    contact point; the office edits an entry and reads its history (a report would only
    come back to it); an enrolled guide reports a change where the kind allows it."""
    actions: list[Action] = []
    if kind == ContactPoint.entity:
        actions.append(Action("newcomer.open", ft.Icons.QR_CODE_2, "show", "filled"))
    described = KINDS[kind]
    if staff and described.editable:
        actions.append(Action("editor.edit", ft.Icons.EDIT, "edit"))
        actions.append(Action("history.open", ft.Icons.HISTORY, "history"))
    elif enrolled and described.reportable:
        actions.append(Action("report.open", ft.Icons.EDIT_NOTE, "report"))
    return actions


def record_page(
    favourite: ft.Control,
    actions: list[Action],
    open_route: Callable[[str], None],
    parts: list[ft.Control],
    note: ft.Control | None = None,
) -> ft.Control:
    """A record's screen: its actions, its view's parts, then the private note."""
    buttons = [favourite] + [
        style.button(
            t(action.label),
            icon=action.icon,
            look=action.look,
            on_click=lambda _, route=action.route: open_route(route),
        )
        for action in actions
    ]
    controls: list[ft.Control] = [ft.Row(buttons, wrap=True, spacing=8, run_spacing=8), *parts]
    if note is not None:
        controls += [ft.Divider(), note]
    return ft.Column(controls, spacing=12, scroll=ft.ScrollMode.AUTO, expand=True)
