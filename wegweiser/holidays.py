"""Public holidays (gesetzliche Feiertage), needed offline for "PH off" in opening hours."""

from datetime import date, timedelta
from functools import lru_cache


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


# Holidays that only some states keep, by state code (ISO 3166-2:DE suffix).
_STATE_FIXED: dict[str, tuple[tuple[int, int], ...]] = {
    "ST": ((1, 6), (10, 31)),  # Heilige Drei Könige, Reformationstag
}


@lru_cache(maxsize=64)
def public_holidays(year: int, state: str = "ST") -> frozenset[date]:
    """All statutory public holidays of `year` in the German state `state`."""
    if state not in _STATE_FIXED:
        raise ValueError(f"Feiertage für das Bundesland {state!r} sind nicht hinterlegt.")
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1),
        easter - timedelta(days=2),
        easter + timedelta(days=1),
        date(year, 5, 1),
        easter + timedelta(days=39),
        easter + timedelta(days=50),
        date(year, 10, 3),
        date(year, 12, 25),
        date(year, 12, 26),
    }
    days.update(date(year, month, day) for month, day in _STATE_FIXED[state])
    return frozenset(days)


def is_public_holiday(day: date, state: str = "ST") -> bool:
    """True when `day` is a statutory public holiday in `state`."""
    return day in public_holidays(day.year, state)
