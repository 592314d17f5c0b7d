"""What goes into a handout: published entries only (`sync_server.published`, as on the
public pages), each sheet in the chosen language where a translation exists (German
otherwise), contact points with their week.

`document` (fpdf2 and fontTools, a quarter of a second to import) is imported by the
first handout made, not by every start of a server process or command."""

import hashlib
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from sqlmodel import Session

from sync_server import published
from sync_server.handouts.budget import Budget
from sync_server.handouts.labels import as_of, label
from sync_server.shelf import Shelf
from wegweiser.languages import LANGUAGE_NAMES, left_to_right
from wegweiser.model import ContactPoint, address_lines
from wegweiser.opening_hours import OpeningHoursError, parse
from wegweiser.week import week_rows

if TYPE_CHECKING:
    from sync_server.handouts.document import Handout


def state_tag(session: Session, kind: str, key: str, language: str, today: date) -> str:
    """An ETag for a handout, from what it shows: the content of its Kommune (a sheet:
    of the sheet's Kommune) and the date it prints. Raises `published.NotFound` for a
    handout that does not exist, so that no guessed tag earns a 304 there."""
    if kind == "kommune":
        scope = published.scope(session, key)
    else:
        sheet = published.sheet(session, key, language).sheet
        scope = published.scope(session, sheet.kommune_key) if sheet.kommune_key else []
    state = published.content_state(session, scope)
    seen = f"{kind}|{key}|{language}|{state}|{today:%Y%m%d}"
    return f'"{hashlib.sha256(seen.encode()).hexdigest()[:24]}"'


def sheet_pdf(
    session: Session, sheet_id: str, language: str, today: date, budget: Budget | None = None
) -> bytes:
    """One sheet as a handout, in `language` where it is translated."""
    from sync_server.handouts.document import Handout

    shown = published.sheet(session, sheet_id, language)
    pdf = Handout(shown.sheet.language, shown.sheet.title, budget)
    pdf.add_page()
    _sheet(pdf, shown, published.example_data(session), today)
    return bytes(pdf.output())


def _sheet(pdf: "Handout", shown: published.Shown, example: bool, today: date) -> None:
    sheet = shown.sheet
    pdf.heading(sheet.title)
    pdf.paragraph(f"Wegweiser Harz · {as_of(pdf.language, sheet.last_verified or today)}", size=9)
    if example:
        pdf.note(label(pdf.language, "example"))
    if shown.outdated:
        pdf.note(label(pdf.language, "outdated"))
    pdf.markdown(sheet.body)


def kommune_pdf(
    session: Session, key: str, language: str, today: date, budget: Budget | None = None
) -> bytes:
    """The Wegweiser of one Kommune: a title page, the contents by topic, then each
    topic's sheets and contact points (with their opening hours)."""
    from sync_server.handouts.document import Handout, contents_page

    kommune = published.kommune(session, key)
    sheets = published.sheets_of(session, key, language)
    contacts = published.contacts_of(session, key)
    example = published.example_data(session)
    title = f"Wegweiser Harz – {kommune.name}"
    pdf = Handout(language, title, budget)
    pdf.add_page()
    pdf.ln(60)
    pdf.paragraph("Wegweiser Harz", size=28, bold=True)
    pdf.paragraph(kommune.name, size=20)
    pdf.paragraph(LANGUAGE_NAMES.get(language, language), size=14)
    pdf.paragraph(as_of(language, today), size=11)
    if example:
        pdf.note(label(language, "example"))
    pdf.add_page()
    pdf.insert_toc_placeholder(contents_page, pages=1, allow_extra_pages=True)
    # The placeholder leaves a fresh page behind it: the first topic starts there (a page
    # of its own was the blank page 3).
    fresh_page = True
    listed: set[str] = set()
    for topic in published.topics(session):
        in_topic = [s for s in sheets if s.original.topic_key == topic.key]
        here = [c for c in contacts if topic.key in c.topic_keys and c.id not in listed]
        if not in_topic and not here:
            continue
        if not fresh_page:
            pdf.add_page()
        fresh_page = False
        pdf.start_section(topic.title_in(language), level=0)
        pdf.heading(topic.title_in(language))
        for shown in in_topic:
            pdf.start_section(shown.sheet.title, level=1)
            _sheet(pdf, shown, False, today)
            pdf.ln(4)
        if here:
            pdf.heading(label(language, "contacts"), level=2)
            for contact in here:
                _contact(pdf, contact)
                listed.add(contact.id)
    return bytes(pdf.output())


def _contact(pdf: "Handout", contact: ContactPoint) -> None:
    language = pdf.language
    pdf.paragraph(contact.name, size=12, bold=True, gap=0.5)
    # Numbers, times and addresses stay left to right inside an Arabic or Farsi line.
    address = ", ".join(address_lines(contact))
    if address:
        pdf.paragraph(left_to_right(address, language), gap=0.5)
    for phone in contact.phones:
        if phone.get("number"):
            number = left_to_right(phone["number"], language)
            pdf.paragraph(f"{label(language, 'phone')}: {number}", gap=0.5)
    if contact.email:
        pdf.paragraph(left_to_right(contact.email, language), gap=0.5)
    week = _week(contact.opening_hours, language)
    if week:
        pdf.paragraph(label(language, "hours"), size=10, bold=True, gap=0.5)
        for row in week:
            pdf.paragraph(row, size=10, gap=0.2)
    pdf.ln(3)


def _week(text: str | None, language: str) -> list[str]:
    if not text:
        return []
    try:
        hours = parse(text)
    except OpeningHoursError:
        return [text]
    rows = week_rows(hours, language, label(language, "closed"))
    return [f"{day}: {left_to_right(spans, language)}" for day, spans in rows]


def every_kommune(session: Session, language: str, today: date, shelf: Shelf) -> dict[str, bytes]:
    """The Wegweiser of every Kommune, by file name: the office's one step."""
    made: dict[str, bytes] = {}
    for kommune in sorted(published.kommunen(session), key=lambda k: k.key):
        tag = state_tag(session, "kommune", kommune.key, language, today)
        made[f"wegweiser-{kommune.key}-{language}.pdf"] = shelf.get_or_make(
            tag, partial(kommune_pdf, session, kommune.key, language, today)
        )
    return made
