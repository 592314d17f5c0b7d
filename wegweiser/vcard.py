"""A contact point as a vCard (RFC 6350, version 3.0 for the widest support): what a
newcomer scans from the tablet's screen, or finds in a printed handout, to keep the
contact on their own phone. No data of the newcomer is involved; it is the office's
public contact."""

from wegweiser import opening_hours
from wegweiser.model import ContactPoint
from wegweiser.week import week_summary


def escape(value: str) -> str:
    """A text value with the characters vCard gives meaning escaped."""
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def vcard(contact: ContactPoint, hours: str | None = None) -> str:
    """The vCard of `contact`; `hours` (readable opening hours, in the language the card
    is shown in) goes into NOTE. Lines end in CRLF, as the format wants."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{escape(contact.name)}"]
    lines.append(f"N:{escape(contact.name)};;;;")
    if contact.organisation:
        lines.append(f"ORG:{escape(contact.organisation)}")
    for phone in contact.phones:
        number = phone.get("number", "").strip()
        if number:
            lines.append(f"TEL;TYPE=WORK,VOICE:{escape(number)}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{escape(contact.email)}")
    if contact.street or contact.city:
        parts = ["", "", contact.street or "", contact.city or "", "", contact.postal_code or ""]
        lines.append("ADR;TYPE=WORK:" + ";".join(escape(p) for p in parts) + ";Deutschland")
    if contact.website:
        lines.append(f"URL:{escape(contact.website)}")
    if hours:
        lines.append(f"NOTE:{escape(hours)}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def contact_card(contact: ContactPoint, language: str) -> str:
    """The vCard of `contact` as the newcomer card and the public pages give it out: the
    hours in `language`, but short ("Montag–Freitag 08:00–12:00"), as a long note makes
    a dense QR code that a camera reads badly."""
    try:
        hours = opening_hours.parse(contact.opening_hours) if contact.opening_hours else None
    except opening_hours.OpeningHoursError:
        hours = None
    return vcard(contact, week_summary(hours, language) if hours is not None else None)


def parse(text: str) -> dict[str, list[str]]:
    """The properties of a vCard, unescaped, by name (TEL, EMAIL, …): for tests and for
    reading a card back."""
    found: dict[str, list[str]] = {}
    for line in text.replace("\r\n", "\n").split("\n"):
        if ":" not in line:
            continue
        name, _, value = line.partition(":")
        key = name.split(";")[0].upper()
        found.setdefault(key, []).append(_unescape(value))
    return found


def _unescape(value: str) -> str:
    out, escaped = [], False
    for ch in value:
        if escaped:
            out.append("\n" if ch in "nN" else ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        else:
            out.append(ch)
    return "".join(out)
