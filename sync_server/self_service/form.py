"""The contact point's form, apart from the web: what it shows of an entry, and which
fields a sent form changes, each problem attached to its field in German.

The week of opening hours is one field a day, as in the app's editor (`wegweiser.week`);
an entry whose hours say more than a week can hold is edited as its text instead.
"""

import re
from dataclasses import dataclass, field, replace
from typing import Any

from wegweiser.edits import EditRefused, build
from wegweiser.languages import LANGUAGE_NAMES
from wegweiser.model import ContactPoint
from wegweiser.opening_hours import OpeningHoursError
from wegweiser.owned import ReportFlag
from wegweiser.phones import phones_text, read_phones
from wegweiser.week import Week, week_of, week_text

TEXT_FIELDS = (
    "name",
    "street",
    "postal_code",
    "city",
    "email",
    "website",
    "accessibility",
    "description",
)
"""Fields typed as they are stored (empty: none, where the entry may have none)."""
_FIELD_PREFIX = re.compile(r"^Feld „[^“]*“: ")


@dataclass(frozen=True)
class Shown:
    """The form's values as text, as typed or as published."""

    texts: dict[str, str]
    phones: str
    days: tuple[str, ...]
    holidays_closed: bool
    hours_comment: str
    hours_text: str | None
    """The hours as text, when a week cannot hold them (then `days` are unused)."""
    languages: tuple[str, ...]
    flag: str = ""
    comment: str = ""
    errors: dict[str, str] = field(default_factory=dict)


def shown(contact: ContactPoint) -> Shown:
    week = week_of(contact.opening_hours)
    return Shown(
        texts={name: str(getattr(contact, name) or "") for name in TEXT_FIELDS},
        phones=phones_text(contact.phones, "\n"),
        days=week.days if week else ("",) * 7,
        holidays_closed=week.holidays_closed if week else True,
        hours_comment=week.comment if week else "",
        hours_text=None if week else (contact.opening_hours or ""),
        languages=tuple(contact.languages),
    )


def read(form: dict[str, str], languages: list[str], contact: ContactPoint) -> Shown:
    """What was sent, in the shape of `shown` (unknown keys ignored, text bounded)."""
    before = shown(contact)
    kept = [code for code in contact.languages if code not in LANGUAGE_NAMES]
    return Shown(
        texts={name: form.get(name, "").strip() for name in TEXT_FIELDS},
        phones=form.get("phones", ""),
        days=tuple(form.get(f"day{n}", "").strip() for n in range(7)),
        holidays_closed=form.get("holidays_closed") == "ja",
        hours_comment=form.get("hours_comment", "").strip(),
        hours_text=None if before.hours_text is None else form.get("hours_text", "").strip(),
        languages=tuple(
            [code for code in LANGUAGE_NAMES if code in languages]
            + [code for code in kept if code not in LANGUAGE_NAMES]
        ),
        flag=form.get("flag", ""),
        comment=form.get("comment", "").strip(),
    )


def changes(sent: Shown, contact: ContactPoint) -> tuple[dict[str, Any], Shown]:
    """The fields `sent` changes, and `sent` with a German problem at each field that
    breaks a rule (then nothing may be stored)."""
    before = shown(contact)
    errors: dict[str, str] = {}
    fields: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        if sent.texts[name] != before.texts[name]:
            fields[name] = sent.texts[name] or _empty(name)
    phones = read_phones(sent.phones)
    if phones != read_phones(before.phones):
        fields["phones"] = phones
    try:
        hours = _hours(sent)
        if hours != _hours(before):
            fields["opening_hours"] = hours
    except OpeningHoursError as exc:
        errors["opening_hours"] = str(exc)
    if list(sent.languages) != list(contact.languages):
        fields["languages"] = list(sent.languages)
    for name, value in fields.items():
        try:
            build(ContactPoint, {**contact.model_dump(mode="json"), name: value})
        except EditRefused as exc:
            errors.setdefault(name, _FIELD_PREFIX.sub("", str(exc)))
    if not sent.texts["name"]:
        errors["name"] = "Bitte den Namen der Anlaufstelle angeben."
    if sent.flag and sent.flag not in (ReportFlag.CLOSED, ReportFlag.MOVED):
        errors["flag"] = "Bitte eine der Möglichkeiten wählen."
    return fields, replace(sent, errors=errors)


def _hours(values: Shown) -> str | None:
    if values.hours_text is not None:
        return values.hours_text or None
    return week_text(Week(values.days, values.holidays_closed, values.hours_comment))


def _empty(name: str) -> str | None:
    # A name and a description stay text; other fields are then none.
    return "" if name in ("name", "description") else None


def flag_of(sent: Shown) -> ReportFlag | None:
    return ReportFlag(sent.flag) if sent.flag in (ReportFlag.CLOSED, ReportFlag.MOVED) else None
