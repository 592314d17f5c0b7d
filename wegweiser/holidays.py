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


STATES = (
    "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV",
    "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH",
)  # fmt: skip
"""The German states (ISO 3166-2:DE without "DE-"): a region's `state` is one of them."""

# Holidays that only some states keep. Bavaria keeps Mariä Himmelfahrt in most of its
# municipalities (the Catholic majority ones): taken as the state's rule.
_FIXED_BY_STATE: dict[tuple[int, int], frozenset[str]] = {
    (1, 6): frozenset({"BW", "BY", "ST"}),  # Heilige Drei Könige
    (3, 8): frozenset({"BE", "MV"}),  # Internationaler Frauentag
    (8, 15): frozenset({"SL", "BY"}),  # Mariä Himmelfahrt
    (9, 20): frozenset({"TH"}),  # Weltkindertag (from 2019)
    (10, 31): frozenset({"BB", "HB", "HH", "MV", "NI", "SN", "ST", "SH", "TH"}),
    (11, 1): frozenset({"BW", "BY", "NW", "RP", "SL"}),  # Allerheiligen
}
_CORPUS_CHRISTI = frozenset({"BW", "BY", "HE", "NW", "RP", "SL"})  # Fronleichnam
_SINCE = {
    ((3, 8), "BE"): 2019,
    ((3, 8), "MV"): 2023,
    ((9, 20), "TH"): 2019,
    **{((10, 31), state): 2018 for state in ("HB", "HH", "NI", "SH")},
}
"""Regional holidays introduced recently (and Reformationstag, a holiday everywhere in
2017 and in the northern states from 2018)."""


def check_state(state: str) -> str | None:
    """A German message when `state` is no German state's code."""
    if state in STATES:
        return None
    return f"„{state}“ ist kein Bundesland-Kürzel (erlaubt: {', '.join(STATES)})."


@lru_cache(maxsize=64)
def public_holidays(year: int, state: str = "ST") -> frozenset[date]:
    """All statutory public holidays of `year` in the German state `state`."""
    problem = check_state(state)
    if problem is not None:
        raise ValueError(problem)
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
    for (month, day), states in _FIXED_BY_STATE.items():
        if state in states and year >= _SINCE.get(((month, day), state), 0):
            days.add(date(year, month, day))
    if year == 2017:
        days.add(date(year, 10, 31))  # 500 years of the Reformation: everywhere
    if state in _CORPUS_CHRISTI:
        days.add(easter + timedelta(days=60))
    if state == "SN":
        # Buß- und Bettag: the Wednesday before 23 November.
        days.add(date(year, 11, 22) - timedelta(days=(date(year, 11, 22).weekday() - 2) % 7))
    return frozenset(days)


def is_public_holiday(day: date, state: str = "ST") -> bool:
    """True when `day` is a statutory public holiday in `state`."""
    return day in public_holidays(day.year, state)
