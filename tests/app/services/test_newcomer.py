"""The newcomer's card of a contact point: its QR code, read back as a phone's camera
would, is the contact's vCard with every field."""

from datetime import datetime
from pathlib import Path

from sqlmodel import select

from app.services.content import ContentService
from app.services.newcomer import newcomer_card
from app.store.database import open_store
from tests.support.qr import decode_qr
from wegweiser.model import ContactPoint
from wegweiser.opening_hours import parse as parse_hours
from wegweiser.vcard import parse
from wegweiser.week import week_summary


def test_the_qr_code_holds_the_contact_as_a_vcard(tmp_path: Path) -> None:
    store = open_store(tmp_path / "wegweiser.sqlite")
    content = ContentService(store)
    content.ensure_content()
    with store.session() as session:
        contact = next(
            c
            for c in session.exec(select(ContactPoint))
            if c.phones and c.email and c.street and c.opening_hours
        )
    card = newcomer_card(contact, datetime(2026, 11, 30, 9, 0), "de")  # a Monday morning
    scanned = decode_qr(card.qr_png)
    assert scanned == card.vcard
    fields = parse(scanned)
    assert fields["FN"] == [contact.name]
    assert fields["TEL"] == [p["number"] for p in contact.phones if p.get("number")]
    assert fields["EMAIL"] == [contact.email]
    street, city = contact.street or "", contact.city or ""
    assert fields["ADR"][0].split(";")[2:4] == [street, city]
    assert len(card.week) == 7
    # As people read them, not "Mo-Fr 08:00-12:00; PH off".
    assert fields["NOTE"] == [week_summary(parse_hours(contact.opening_hours or ""), "de")]
    assert card.address[0] == street
    store.close()


def test_the_card_speaks_the_newcomers_language(tmp_path: Path) -> None:
    contact = ContactPoint(
        name="Jobcenter",
        phones=[{"number": "+49 3941 0000-400"}],
        opening_hours="Mo-Fr 08:00-12:00",
    )
    arabic = newcomer_card(contact, datetime(2026, 11, 30, 9, 0), "ar")  # Monday 9:00
    assert arabic.week[0] == ("الاثنين", "08:00–12:00")
    assert arabic.status == "مفتوح الآن حتى 12:00"
    assert arabic.scan_hint.startswith("امسح")
    ukrainian = newcomer_card(contact, datetime(2026, 11, 29, 9, 0), "uk")  # Sunday
    assert ukrainian.week[6] == ("Неділя", "зачинено")
    assert ukrainian.status == "Зачинено – відчиниться завтра о 08:00"
    # The vCard is the contact; its note has the hours as people read them, in the
    # card's language (it said "Mo-Fr 08:00-12:00", the syntax).
    assert parse(arabic.vcard)["NOTE"] == ["الاثنين–الجمعة 08:00–12:00"]
    assert parse(ukrainian.vcard)["NOTE"] == ["Понеділок–П’ятниця 08:00–12:00"]
    assert parse(arabic.vcard)["TEL"] == parse(ukrainian.vcard)["TEL"]
