"""Aktualität: when an entry is due for a check. One rule for the app's list, the sheet's
hint and the server's export."""

from datetime import date

DEFAULT_MONTHS = 12
"""Entries not checked for longer than this are due (the office may choose another age)."""


def checked_before(today: date, months: int = DEFAULT_MONTHS) -> date:
    """The day `months` before `today`: entries last checked before it are due."""
    year, month = divmod(today.month - 1 - months, 12)
    return date(today.year + year, month + 1, min(today.day, 28))  # every month has a 28th


def is_due(last_verified: date | None, today: date, months: int = DEFAULT_MONTHS) -> bool:
    """Never checked, or checked longer than `months` ago."""
    return last_verified is None or last_verified < checked_before(today, months)
