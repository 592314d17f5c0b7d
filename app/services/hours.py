"""Opening hours as a person reads them: "Jetzt geöffnet bis 12:00", a week table.

Computed offline from the OSM-style string, in the device's local time.
"""

from collections.abc import Callable
from datetime import date, datetime, timedelta

from app.i18n import t
from wegweiser.freshness import is_due
from wegweiser.opening_hours import OpeningHours, OpeningHoursError, TimeSpan, parse

WEEKDAY_KEYS = ("mo", "tu", "we", "th", "fr", "sa", "su")


def safe_parse(text: str | None) -> OpeningHours | None:
    """Parsed hours, or None when there are none or they cannot be read."""
    if not text:
        return None
    try:
        return parse(text)
    except OpeningHoursError:
        return None


Say = Callable[..., str]
"""How a text is looked up: `t` (the session's language) or another language's."""


def status_line(hours: OpeningHours, now: datetime, say: Say = t) -> str:
    """One line: open now (until when), or when it opens next."""
    status = hours.status_at(now)
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
    day = say(f"weekday.{WEEKDAY_KEYS[opens.weekday()]}")
    return say("hours.opens_on", day=day, time=f"{opens:%H:%M}")


def week_rows(hours: OpeningHours, say: Say = t) -> list[tuple[str, str]]:
    """(weekday, "08:00–12:00, 13:00–16:00" or "geschlossen") for Monday to Sunday."""
    return [
        (say(f"weekday.{WEEKDAY_KEYS[day]}"), _spans(spans) if spans else say("hours.closed_day"))
        for day, spans in hours.week()
    ]


def _spans(spans: tuple[TimeSpan, ...]) -> str:
    return ", ".join(str(span).replace("-", "–") for span in spans)


def verification_is_old(last_verified: date | None, today: date) -> bool:
    """More than twelve months since someone checked the entry (or never)."""
    return is_due(last_verified, today)
