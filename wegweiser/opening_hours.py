"""Opening hours in the common subset of OpenStreetMap's `opening_hours` syntax.

Contact points store the plain OSM string (interoperable, editable by a coordinator);
this module parses it into rules that answer "open now?" and "opens at" with no network.

Supported: `24/7`; rules separated by `;`; weekday selectors `Mo`, `Mo-Fr`, `Mo,We`
and `PH` (public holiday); time spans `08:00-12:00,13:00-15:30`; `off`/`closed`;
a trailing comment in double quotes (`Mo 10:00-12:00 "nur mit Termin"`). A later rule
replaces earlier ones for the days it names, as in OSM. Anything else (months, week
numbers, sunrise, open ends) is refused with a German message, so that data we cannot
evaluate never reaches a tablet.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from wegweiser.holidays import is_public_holiday
from wegweiser.weekdays import CODES

WEEKDAYS = CODES
_MINUTES_PER_DAY = 24 * 60
_TIME_SPAN = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")
_COMMENT = re.compile(r'\s*"([^"]*)"\s*$')


class OpeningHoursError(ValueError):
    """The text is not valid opening hours in the supported syntax (German message)."""


@dataclass(frozen=True)
class TimeSpan:
    """An interval within one day, in minutes since midnight; `end` may be 1440."""

    start: int
    end: int

    def __str__(self) -> str:
        return f"{_hhmm(self.start)}-{_hhmm(self.end)}"


@dataclass(frozen=True)
class Rule:
    """The spans that apply on the named weekdays (0 = Monday) and/or public holidays."""

    weekdays: frozenset[int]
    holidays: bool
    spans: tuple[TimeSpan, ...]
    comment: str | None = None


@dataclass(frozen=True)
class OpenStatus:
    """Whether a place is open at a moment, and when that changes."""

    is_open: bool
    closes_at: datetime | None = None
    next_open: datetime | None = None


@dataclass(frozen=True)
class OpeningHours:
    """Parsed opening hours; evaluate with `spans_on` and `status_at`."""

    source: str
    rules: tuple[Rule, ...]

    def spans_on(
        self, day: date, is_holiday: Callable[[date], bool] = is_public_holiday
    ) -> tuple[TimeSpan, ...]:
        """The opening spans on `day`: the last matching rule wins, holidays win last."""
        spans: tuple[TimeSpan, ...] = ()
        for rule in self.rules:
            if day.weekday() in rule.weekdays:
                spans = rule.spans
        if is_holiday(day):
            for rule in self.rules:
                if rule.holidays:
                    spans = rule.spans
        return spans

    def comments(self) -> list[str]:
        """Free-text remarks such as "nur mit Termin", in rule order."""
        return [rule.comment for rule in self.rules if rule.comment]

    def week(self) -> list[tuple[int, tuple[TimeSpan, ...]]]:
        """Regular spans per weekday (0 = Monday), ignoring holidays, for display."""
        result = []
        for weekday in range(7):
            spans: tuple[TimeSpan, ...] = ()
            for rule in self.rules:
                if weekday in rule.weekdays:
                    spans = rule.spans
            result.append((weekday, spans))
        return result

    def status_at(
        self, moment: datetime, is_holiday: Callable[[date], bool] = is_public_holiday
    ) -> OpenStatus:
        """Open or closed at `moment` (local wall time), with the next change."""
        today = moment.date()
        minute = moment.hour * 60 + moment.minute
        for span in self.spans_on(today, is_holiday):
            if span.start <= minute < span.end:
                return OpenStatus(True, closes_at=self._closing(today, span, is_holiday))
        # Two weeks always reach the next regular opening, whatever holidays lie between.
        for offset in range(15):
            day = today + timedelta(days=offset)
            for span in self.spans_on(day, is_holiday):
                if offset > 0 or span.start > minute:
                    return OpenStatus(False, next_open=_at(day, span.start))
        return OpenStatus(False)

    def _closing(
        self, day: date, span: TimeSpan, is_holiday: Callable[[date], bool]
    ) -> datetime | None:
        # A span to midnight that goes on at 00:00 the next day is one opening;
        # after a week of that the place is open around the clock (None).
        for _ in range(7):
            if span.end < _MINUTES_PER_DAY:
                return _at(day, span.end)
            day += timedelta(days=1)
            following = [s for s in self.spans_on(day, is_holiday) if s.start == 0]
            if not following:
                return _at(day, 0)
            span = following[0]
        return None


def parse(text: str) -> OpeningHours:
    """Parse OSM-style opening hours; raise `OpeningHoursError` with a German message."""
    source = text.strip()
    if not source:
        raise OpeningHoursError("Öffnungszeiten sind leer.")
    if source == "24/7":
        every_day = Rule(frozenset(range(7)), True, (TimeSpan(0, _MINUTES_PER_DAY),))
        return OpeningHours(source, (every_day,))
    rules = tuple(_parse_rule(part.strip()) for part in source.split(";") if part.strip())
    if not rules:
        raise OpeningHoursError("Öffnungszeiten enthalten keine Regel.")
    return OpeningHours(source, rules)


def _parse_rule(text: str) -> Rule:
    comment = None
    match = _COMMENT.search(text)
    if match:
        comment = match.group(1).strip() or None
        text = text[: match.start()].strip()
    if '"' in text:
        raise OpeningHoursError(f"Unvollständiger Kommentar in „{text}“.")
    tokens = text.split()
    weekdays: set[int] = set()
    holidays = False
    if tokens and _looks_like_day_selector(tokens[0]):
        weekdays, holidays = _parse_days(tokens.pop(0))
    else:
        weekdays = set(range(7))
    rest = " ".join(tokens)
    if rest in ("off", "closed"):
        spans: tuple[TimeSpan, ...] = ()
    elif not rest:
        if comment is None:
            raise OpeningHoursError(f"Regel „{text}“ nennt keine Uhrzeit.")
        spans = ()  # e.g. `Sa "nach Vereinbarung"`
    else:
        spans = tuple(parse_span(part.strip()) for part in rest.split(","))
    return Rule(frozenset(weekdays), holidays, spans, comment)


def _looks_like_day_selector(token: str) -> bool:
    return token[:2] in WEEKDAYS or token.startswith("PH")


def _parse_days(selector: str) -> tuple[set[int], bool]:
    weekdays: set[int] = set()
    holidays = False
    for item in selector.split(","):
        if item == "PH":
            holidays = True
        elif "-" in item:
            first, _, last = item.partition("-")
            start, end = _weekday(first), _weekday(last)
            day = start
            while True:
                weekdays.add(day)
                if day == end:
                    break
                day = (day + 1) % 7
        else:
            weekdays.add(_weekday(item))
    return weekdays, holidays


def _weekday(name: str) -> int:
    if name not in WEEKDAYS:
        raise OpeningHoursError(f"Unbekannter Wochentag „{name}“ (erlaubt: {', '.join(WEEKDAYS)}).")
    return WEEKDAYS.index(name)


def parse_span(text: str) -> TimeSpan:
    match = _TIME_SPAN.match(text)
    if not match:
        raise OpeningHoursError(f"Ungültige Uhrzeit „{text}“ (erwartet z. B. 08:00-12:30).")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2 != 0):
        raise OpeningHoursError(f"Ungültige Uhrzeit „{text}“.")
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if end <= start:
        raise OpeningHoursError(f"Uhrzeit „{text}“ endet nicht nach dem Beginn.")
    return TimeSpan(start, end)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _at(day: date, minutes: int) -> datetime:
    if minutes == _MINUTES_PER_DAY:
        return datetime.combine(day + timedelta(days=1), time(0, 0))
    return datetime.combine(day, time(minutes // 60, minutes % 60))
