"""Opening hours as a person reads them: "Jetzt geöffnet bis 12:00", a week table.

Computed offline from the OSM-style string, in the device's local time.
"""

from collections.abc import Callable
from datetime import date, datetime

from app.i18n import language as current_language
from app.i18n import translate
from wegweiser import open_now, week
from wegweiser.freshness import is_due
from wegweiser.holidays import is_public_holiday
from wegweiser.opening_hours import OpeningHours, OpeningHoursError, parse


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
    return open_now.status_line(hours, now, language or current_language(), is_holiday)


def no_hours_line() -> str:
    """What a place without opening hours says, in the session's language."""
    return open_now.phrase(current_language(), "no_hours")


def week_rows(hours: OpeningHours, language: str | None = None) -> list[tuple[str, str]]:
    """(weekday, "08:00–12:00, 13:00–16:00" or "geschlossen") for Monday to Sunday, in
    `language` (None: the session's)."""
    code = language or current_language()
    return week.week_rows(hours, code, translate(code, "hours.closed_day"))


def verification_is_old(last_verified: date | None, today: date) -> bool:
    """More than twelve months since someone checked the entry (or never)."""
    return is_due(last_verified, today)
