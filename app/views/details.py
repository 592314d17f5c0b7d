"""Topic, contact point, offer and partner views: built from records, with no
data access. A record's view is a list of parts; the record screen puts them in one
scrolling column between its actions and the private note."""

from collections.abc import Callable
from datetime import date, datetime

import flet as ft

from app.i18n import left_to_right, t
from app.services import hours as hours_text
from app.services.content import TopicEntries
from app.views.style import button, heading, lead
from wegweiser.holidays import is_public_holiday
from wegweiser.languages import LANGUAGE_NAMES
from wegweiser.links import MapsApp, mail_url, map_url, phone_url
from wegweiser.model import ContactPoint, InfoSheet, NetworkPartner, Offer, address_lines

Open = Callable[[str, str], None]
"""open(kind, record_id): show a record's screen."""


def section(title: str) -> ft.Control:
    return heading(title)


def topic_view(entries: TopicEntries, open_record: Open) -> ft.Control:
    """Everything a topic holds for the chosen Kommune and the district."""
    controls: list[ft.Control] = []
    groups = (
        (
            InfoSheet.entity,
            t("kind.info_sheet"),
            ft.Icons.DESCRIPTION,
            [(s.id, s.title, "") for s in entries.sheets],
        ),
        (
            ContactPoint.entity,
            t("kind.contact_point"),
            ft.Icons.PLACE,
            [(c.id, c.name, c.city or "") for c in entries.contact_points],
        ),
        (
            Offer.entity,
            t("kind.offer"),
            ft.Icons.EVENT,
            [(o.id, o.title, o.schedule or "") for o in entries.offers],
        ),
    )
    for kind, title, icon, rows in groups:
        if not rows:
            continue
        controls.append(section(title))
        controls.extend(
            ft.ListTile(
                leading=ft.Icon(icon),
                title=ft.Text(name),
                subtitle=ft.Text(subtitle) if subtitle else None,
                on_click=lambda _, k=kind, i=record_id: open_record(k, i),
                min_height=56,
            )
            for record_id, name, subtitle in rows
        )
    if not controls:
        controls.append(ft.Text(t("topic.empty")))
    return ft.Column(controls, spacing=4, scroll=ft.ScrollMode.AUTO, expand=True)


def verified_line(last_verified: date | None, today: date) -> ft.Control:
    text = (
        t("verified.at", date=f"{last_verified:%d.%m.%Y}") if last_verified else t("verified.never")
    )
    if hours_text.verification_is_old(last_verified, today):
        return ft.Container(
            ft.Row(
                [
                    ft.Icon(ft.Icons.WARNING_AMBER),
                    ft.Text(t("verified.old", when=text), expand=True),
                ]
            ),
            bgcolor=ft.Colors.TERTIARY_CONTAINER,
            padding=8,
            border_radius=8,
        )
    return ft.Text(text, italic=True)


def _pair(label: str, value: str, text_scale: float, width: int) -> ft.Control:
    """A label and its value side by side; with a larger text the value goes under the
    label, so that nothing is cut or broken inside a word on a phone ("geschlosse-n",
    "Barrierefreihe-it")."""
    if text_scale > 1.0:
        return ft.Column(
            [ft.Text(label, weight=ft.FontWeight.W_600), ft.Text(value)],
            spacing=0,
        )
    return ft.Row(
        [ft.Text(label, width=width, weight=ft.FontWeight.W_600), ft.Text(value, expand=True)],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


def contact_view(
    contact: ContactPoint,
    offers: list[Offer],
    now: datetime,
    maps: MapsApp,
    open_record: Open,
    text_scale: float = 1.0,
    is_holiday: Callable[[date], bool] = is_public_holiday,
) -> list[ft.Control]:
    """Everything needed during a visit: hours (open now, with the region's public
    holidays), call, map, languages, costs."""
    parts: list[ft.Control] = []
    if contact.organisation:
        parts.append(lead(contact.organisation))
    hours = hours_text.safe_parse(contact.opening_hours)
    if hours is not None:
        is_open = hours.status_at(now, is_holiday).is_open
        parts.append(
            ft.Container(
                ft.Text(
                    hours_text.status_line(hours, now, is_holiday=is_holiday),
                    theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                    weight=ft.FontWeight.W_600,
                    color=ft.Colors.PRIMARY if is_open else ft.Colors.ERROR,
                ),
                padding=ft.Padding.symmetric(vertical=4),
            )
        )
    actions: list[ft.Control] = []
    for phone in contact.phones:
        actions.append(
            button(
                f"{phone.get('label', t('contact.call'))}: {left_to_right(phone['number'])}",
                look="filled",
                icon=ft.Icons.CALL,
                url=phone_url(phone["number"]),
                tooltip=t("contact.call_number", number=phone["number"]),
            )
        )
    if contact.email:
        actions.append(button(contact.email, icon=ft.Icons.EMAIL, url=mail_url(contact.email)))
    if contact.website:
        actions.append(button(t("contact.website"), icon=ft.Icons.LANGUAGE, url=contact.website))
    if actions:
        parts.append(ft.Row(actions, wrap=True, spacing=8, run_spacing=8))
    address = ", ".join(address_lines(contact))
    if address:
        tile = ft.ListTile(
            leading=ft.Icon(ft.Icons.PLACE),
            title=ft.Text(address),
            subtitle=ft.Text(t("contact.map")) if contact.latitude else None,
        )
        if contact.latitude is not None and contact.longitude is not None:
            tile.url = map_url(contact.latitude, contact.longitude, contact.name, maps)
        parts.append(tile)
    if contact.description:
        parts.append(ft.Text(contact.description))
    parts.append(section(t("hours.title")))
    if hours is None:
        parts.append(
            ft.Text(t("hours.unreadable") if contact.opening_hours else hours_text.no_hours_line())
        )
    else:
        parts.append(
            ft.Column(
                [
                    _pair(day, left_to_right(spans), text_scale, 110)
                    for day, spans in hours_text.week_rows(hours)
                ],
                spacing=2,
            )
        )
        for comment in hours.comments():
            parts.append(ft.Text(comment, italic=True))
    facts = [
        (
            t("contact.languages"),
            ", ".join(LANGUAGE_NAMES.get(code, code) for code in contact.languages),
        ),
        (t("contact.appointment"), t("yes") if contact.appointment_required else t("no")),
        (t("contact.accessibility"), contact.accessibility or ""),
        (t("contact.costs"), contact.costs or ""),
        (t("contact.target_groups"), ", ".join(contact.target_groups)),
    ]
    for label, value in facts:
        if value:
            parts.append(_pair(label, value, text_scale, 160))
    if offers:
        parts.append(section(t("kind.offer")))
        parts.extend(
            ft.ListTile(
                leading=ft.Icon(ft.Icons.EVENT),
                title=ft.Text(o.title),
                subtitle=ft.Text(o.schedule or ""),
                on_click=lambda _, i=o.id: open_record(Offer.entity, i),
            )
            for o in offers
        )
    parts.append(verified_line(contact.last_verified, now.date()))
    return parts


def offer_view(offer: Offer, open_record: Open) -> list[ft.Control]:
    parts: list[ft.Control] = [ft.Text(offer.description)]
    for label, value in ((t("offer.schedule"), offer.schedule), (t("contact.costs"), offer.costs)):
        if value:
            parts.append(
                ft.Row(
                    [
                        ft.Text(label, weight=ft.FontWeight.W_600, width=160),
                        ft.Text(value, expand=True),
                    ]
                )
            )
    parts.append(
        ft.Text(
            t("offer.registration") if offer.registration_required else t("offer.no_registration")
        )
    )
    if offer.contact_point_id:
        parts.append(
            button(
                t("offer.contact"),
                icon=ft.Icons.PLACE,
                on_click=lambda _: open_record(ContactPoint.entity, offer.contact_point_id or ""),
            )
        )
    parts.append(verified_line(offer.last_verified, date.today()))
    return parts


def partner_view(partner: NetworkPartner) -> list[ft.Control]:
    """A volunteer group; personal contact data only with consent."""
    parts: list[ft.Control] = [ft.Text(partner.description)]
    if partner.languages:
        spoken = ", ".join(LANGUAGE_NAMES.get(code, code) for code in partner.languages)
        parts.append(ft.Text(f"{t('contact.languages')}: {spoken}"))
    contact = partner.contact_for_guides()
    parts.append(section(t("partner.contact")))
    if contact:
        if "name" in contact:
            parts.append(ft.Text(contact["name"]))
        if "phone" in contact:
            parts.append(
                button(
                    contact["phone"],
                    look="filled",
                    icon=ft.Icons.CALL,
                    url=phone_url(contact["phone"]),
                )
            )
        if "email" in contact:
            parts.append(
                button(contact["email"], icon=ft.Icons.EMAIL, url=mail_url(contact["email"]))
            )
    else:
        parts.append(ft.Text(t("partner.no_contact")))
    return parts
