"""Opening hours as people write and read them: a week of days.

The office edits a week in the app's editor and in spreadsheet columns (`Week`, checked as
typed, stored as the OSM string by `week_text`); guides, newcomers and the printed
handouts read a week row by row (`week_rows`), each in its own language."""

import re
from dataclasses import dataclass
from itertools import pairwise

from wegweiser.opening_hours import OpeningHours, OpeningHoursError, TimeSpan, parse, parse_span
from wegweiser.weekdays import CODES, day_names

DAY_NAMES = day_names("de")
"""German weekday names for messages (the shared rulebook speaks German, like the server)."""

_CLOSED_WORDS = frozenset({"", "-", "–", "geschlossen", "zu", "closed", "off"})
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?$")


@dataclass(frozen=True)
class Week:
    """Opening hours as a person edits them: the spans of each weekday as typed
    ("08:00-12:00, 13:00-16:00"; "" for closed), whether public holidays are closed, and
    one remark ("nur mit Termin"). The coordinator's editor and the spreadsheet columns
    both hold this; `week_text` turns it into the stored OSM string."""

    days: tuple[str, ...] = ("",) * 7
    """Monday to Sunday."""
    holidays_closed: bool = True
    comment: str = ""


def day_spans(text: str, weekday: int) -> tuple[TimeSpan, ...]:
    """The spans one weekday's entry names. Accepts what people write in a spreadsheet:
    "8-12, 13:30-16 Uhr", "8.30–12.00", "geschlossen". Raises `OpeningHoursError` that
    names the day."""
    cleaned = text.strip().lower().replace("uhr", "").replace("–", "-").replace("—", "-")
    if cleaned.strip() in _CLOSED_WORDS:
        return ()
    spans: list[TimeSpan] = []
    for part in re.split(r"[,;/]|\bund\b", cleaned):
        start, dash, end = part.replace(" ", "").partition("-")
        if not dash or not part.strip():
            raise OpeningHoursError(
                f"{DAY_NAMES[weekday]}: „{part.strip() or text.strip()}“ ist keine Zeitspanne "
                "(z. B. 08:00-12:00)."
            )
        try:
            spans.append(parse_span(f"{_clock(start)}-{_clock(end)}"))
        except OpeningHoursError as exc:
            raise OpeningHoursError(f"{DAY_NAMES[weekday]}: {exc}") from None
    ordered = sorted(spans, key=lambda s: s.start)
    for earlier, later in pairwise(ordered):
        if later.start < earlier.end:
            raise OpeningHoursError(
                f"{DAY_NAMES[weekday]}: {earlier} und {later} überschneiden sich."
            )
    return tuple(ordered)


def _clock(text: str) -> str:
    match = _CLOCK.match(text)
    if not match:
        raise OpeningHoursError(f"Ungültige Uhrzeit „{text}“ (erwartet z. B. 08:00).")
    return f"{int(match.group(1)):02d}:{match.group(2) or '00'}"


def week_text(week: Week) -> str | None:
    """The OSM string for a week ("Mo-Fr 08:00-12:00; PH off"); None when closed every
    day with no remark. Raises `OpeningHoursError` naming the first bad day."""
    spans = [day_spans(text, weekday) for weekday, text in enumerate(week.days)]
    by_hours: dict[tuple[TimeSpan, ...], list[int]] = {}
    for weekday, day in enumerate(spans):
        if day:
            by_hours.setdefault(day, []).append(weekday)
    comment = week.comment.strip().replace('"', "'")
    rules = [f"{_selector(days)} {','.join(map(str, hours))}" for hours, days in by_hours.items()]
    if not rules:
        return f'off "{comment}"' if comment else None
    if comment:
        # On the first rule: a later rule overrides days, never the remark (see `comments`).
        rules[0] += f' "{comment}"'
    if week.holidays_closed:
        rules.append("PH off")
    return "; ".join(rules)


def _selector(days: list[int]) -> str:
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(
        CODES[run[0]] if len(run) == 1 else f"{CODES[run[0]]}-{CODES[run[-1]]}" for run in runs
    )


def week_of(text: str | None) -> Week | None:
    """The week a stored string describes, for the editor; None when it says more than a
    week can hold (hours on holidays, several remarks): then it is edited as text."""
    if not text:
        return Week()
    if text.strip() == "24/7":
        return Week(("00:00-24:00",) * 7, holidays_closed=False)
    try:
        hours = parse(text)
    except OpeningHoursError:
        return None
    comments = hours.comments()
    holiday_rules = [rule for rule in hours.rules if rule.holidays]
    if len(comments) > 1 or any(rule.spans for rule in holiday_rules):
        return None
    if any(
        rule.comment and not rule.spans and rule.weekdays != frozenset(range(7))
        for rule in hours.rules
    ):
        return None  # `Sa "nach Vereinbarung"`: a remark for one day only
    days = tuple(",".join(map(str, spans)).replace(",", ", ") for _, spans in hours.week())
    return Week(days, holidays_closed=bool(holiday_rules), comment=comments[0] if comments else "")


def spans_text(spans: tuple[TimeSpan, ...]) -> str:
    """A day's spans as people read them: "08:00–12:00, 13:00–16:00"."""
    return ", ".join(str(span).replace("-", "–") for span in spans)


def week_summary(hours: OpeningHours, language: str) -> str:
    """The open days in one short line, as people write them on a door: "Montag–Freitag
    08:00–12:00; Donnerstag 13:00–17:00" (days with the same hours joined, closed days
    left out), in `language`. For a contact card, where a long text makes a dense QR."""
    names = day_names(language)
    runs: list[tuple[int, int, tuple[TimeSpan, ...]]] = []
    for day, spans in hours.week():
        if runs and runs[-1][2] == spans and runs[-1][1] == day - 1:
            runs[-1] = (runs[-1][0], day, spans)
        else:
            runs.append((day, day, spans))
    parts = []
    for first, last, spans in runs:
        if spans:
            days = names[first] if first == last else f"{names[first]}–{names[last]}"
            parts.append(f"{days} {spans_text(spans)}")
    return "; ".join(parts)


def week_rows(hours: OpeningHours, language: str, closed: str) -> list[tuple[str, str]]:
    """(the day's name in `language`, its spans or `closed`) from Monday to Sunday: the
    week on a contact's screen, the newcomer card and the printed Wegweiser alike."""
    names = day_names(language)
    return [(names[day], spans_text(spans) if spans else closed) for day, spans in hours.week()]
