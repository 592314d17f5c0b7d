"""Opening hours as a person reads them: "Jetzt geöffnet bis 12:00", a week table.

Computed offline from the OSM-style string, in the device's local time.
"""

from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial

from app.i18n import language as current_language
from app.i18n import translate
from wegweiser import week
from wegweiser.freshness import is_due
from wegweiser.holidays import is_public_holiday
from wegweiser.opening_hours import OpeningHours, OpeningHoursError, parse
from wegweiser.weekdays import day_names


def safe_parse(text: str | None) -> OpeningHours | None:
    """Parsed hours, or None when there are none or they cannot be read."""
    if not text:
        return None
    try:
        return parse(text)
    except OpeningHoursError:
        return None


def status_line(
    hours: OpeningHours,
    now: datetime,
    language: str | None = None,
    is_holiday: Callable[[date], bool] = is_public_holiday,
) -> str:
    """One line: open now (until when), or when it opens next; in `language` (None: the
    session's), with the public holidays of the region's state (`is_holiday`)."""
    code = language or current_language()
    say = partial(translate, code)
    status = hours.status_at(now, is_holiday)
    if status.is_open:
        if status.closes_at is None:
            return say("hours.open_always")
        return say("hours.open_until", time=f"{status.closes_at:%H:%M}")
    if status.next_open is None:
        return say("hours.closed")
    opens = status.next_open
    if opens.date() == now.date():
        return say("hours.opens_today", time=f"{opens:%H:%M}")
    if opens.date() == now.date() + timedelta(days=1):
        return say("hours.opens_tomorrow", time=f"{opens:%H:%M}")
    day = day_names(code)[opens.weekday()]
    return say("hours.opens_on", day=day, time=f"{opens:%H:%M}")


def week_rows(hours: OpeningHours, language: str | None = None) -> list[tuple[str, str]]:
    """(weekday, "08:00–12:00, 13:00–16:00" or "geschlossen") for Monday to Sunday, in
    `language` (None: the session's)."""
    code = language or current_language()
    return week.week_rows(hours, code, translate(code, "hours.closed_day"))


def verification_is_old(last_verified: date | None, today: date) -> bool:
    """More than twelve months since someone checked the entry (or never)."""
    return is_due(last_verified, today)
