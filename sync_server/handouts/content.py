"""What goes into a handout: published entries only, each sheet in the chosen language
where a translation exists (German otherwise), contact points with their week."""

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from sqlmodel import Session, col, select

from sync_server.handouts.document import Handout, as_of, contents_page
from sync_server.handouts.labels import label
from sync_server.tables import DatasetInfo, SyncState
from wegweiser.languages import LANGUAGE_NAMES, left_to_right
from wegweiser.model import (
    ContactPoint,
    InfoSheet,
    Kommune,
    Publication,
    Topic,
    address_lines,
    publication_of,
)
from wegweiser.opening_hours import OpeningHoursError, parse
from wegweiser.translations import is_outdated
from wegweiser.week import week_rows

R = TypeVar("R", InfoSheet, ContactPoint)

_CACHE: OrderedDict[tuple[str, str, str, str, date], bytes] = OrderedDict()
_CACHE_SIZE = 64
_cache_lock = threading.Lock()


def _data_state(session: Session) -> str:
    # The database's epoch and its last change: a restored database (new epoch) or
    # another server's database never reads as the same state.
    state = session.get(SyncState, 1)
    return f"{state.epoch}.{state.last_seq}" if state else "0"


def state_tag(session: Session, kind: str, key: str, language: str, today: date) -> str:
    """An ETag for a handout: it changes with the data (and with the date it prints)."""
    return f'"{kind}-{key}-{language}-{_data_state(session)}-{today:%Y%m%d}"'


def cached(
    session: Session, kind: str, key: str, language: str, today: date, make: Callable[[], bytes]
) -> bytes:
    """A handout made once per state of the data: a device asking again, or the office
    printing every Kommune twice, costs a lookup while nothing changed (any write moves
    the change sequence and so the key)."""
    entry = (kind, key, language, _data_state(session), today)
    with _cache_lock:
        if entry in _CACHE:
            _CACHE.move_to_end(entry)
            return _CACHE[entry]
    made = make()
    with _cache_lock:
        _CACHE[entry] = made
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return made


class NotFound(LookupError):
    """No published entry of that id or key."""


def _published(session: Session, cls: type[R]) -> list[R]:
    rows = session.exec(select(cls).where(col(cls.deleted).is_(False))).all()
    return [r for r in rows if publication_of(r) == Publication.PUBLISHED]


def _in_language(original: InfoSheet, translations: list[InfoSheet], language: str) -> InfoSheet:
    return next((s for s in translations if s.language == language), original)


def _example(session: Session) -> bool:
    info = session.get(DatasetInfo, 1)
    return bool(info and info.example_data)


def sheet_pdf(session: Session, sheet_id: str, language: str, today: date) -> bytes:
    """One sheet as a handout, in `language` where it is translated."""
    return cached(
        session,
        "sheet",
        sheet_id,
        language,
        today,
        lambda: _make_sheet_pdf(session, sheet_id, language, today),
    )


def _make_sheet_pdf(session: Session, sheet_id: str, language: str, today: date) -> bytes:
    sheets = _published(session, InfoSheet)
    by_id = {s.id: s for s in sheets}
    sheet = by_id.get(sheet_id)
    if sheet is None:
        raise NotFound(sheet_id)
    original = by_id.get(sheet.translation_of or "", sheet)
    shown = _in_language(original, [s for s in sheets if s.translation_of == original.id], language)
    pdf = Handout(shown.language, shown.title)
    pdf.add_page()
    _sheet(pdf, shown, original, _example(session), today)
    return bytes(pdf.output())


def _sheet(pdf: Handout, shown: InfoSheet, original: InfoSheet, example: bool, today: date) -> None:
    pdf.heading(shown.title)
    pdf.paragraph(f"Wegweiser Harz · {as_of(pdf.language, shown.last_verified or today)}", size=9)
    if example:
        pdf.note(label(pdf.language, "example"))
    if shown is not original and is_outdated(shown, original):
        pdf.note(label(pdf.language, "outdated"))
    pdf.markdown(shown.body)


def kommune_pdf(session: Session, key: str, language: str, today: date) -> bytes:
    """The Wegweiser of one Kommune: a title page, the contents by topic, then each
    topic's sheets and contact points (with their opening hours)."""
    return cached(
        session,
        "kommune",
        key,
        language,
        today,
        lambda: _make_kommune_pdf(session, key, language, today),
    )


def _make_kommune_pdf(session: Session, key: str, language: str, today: date) -> bytes:
    kommune = session.exec(select(Kommune).where(Kommune.key == key)).first()
    if kommune is None or kommune.deleted:
        raise NotFound(key)
    topics = sorted(
        session.exec(select(Topic).where(col(Topic.deleted).is_(False))).all(),
        key=lambda t: (t.sort_order, t.title),
    )
    sheets = _published(session, InfoSheet)
    originals = [s for s in sheets if s.translation_of is None and s.kommune_key in (None, key)]
    translations = [s for s in sheets if s.translation_of is not None]
    contacts = [
        c for c in _published(session, ContactPoint) if not c.kommune_keys or key in c.kommune_keys
    ]
    example = _example(session)
    title = f"Wegweiser Harz – {kommune.name}"
    pdf = Handout(language, title)
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
    for topic in topics:
        in_topic = [s for s in originals if s.topic_key == topic.key]
        here = [c for c in contacts if topic.key in c.topic_keys and c.id not in listed]
        if not in_topic and not here:
            continue
        if not fresh_page:
            pdf.add_page()
        fresh_page = False
        pdf.start_section(topic.title_in(language), level=0)
        pdf.heading(topic.title_in(language))
        for original in sorted(in_topic, key=lambda s: s.title):
            shown = _in_language(
                original, [t for t in translations if t.translation_of == original.id], language
            )
            pdf.start_section(shown.title, level=1)
            _sheet(pdf, shown, original, False, today)
            pdf.ln(4)
        if here:
            pdf.heading(label(language, "contacts"), level=2)
            for contact in sorted(here, key=lambda c: c.name):
                _contact(pdf, contact)
                listed.add(contact.id)
    return bytes(pdf.output())


def _contact(pdf: Handout, contact: ContactPoint) -> None:
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


def every_kommune(session: Session, language: str, today: date) -> dict[str, bytes]:
    """The Wegweiser of every Kommune, by file name: the office's one step."""
    kommunen = session.exec(select(Kommune).where(col(Kommune.deleted).is_(False))).all()
    return {
        f"wegweiser-{k.key}-{language}.pdf": kommune_pdf(session, k.key, language, today)
        for k in sorted(kommunen, key=lambda k: k.key)
    }
