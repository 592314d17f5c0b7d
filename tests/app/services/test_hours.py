"""What a guide reads about opening hours."""

from datetime import date, datetime

from app.services.hours import safe_parse, status_line, verification_is_old, week_rows

HOURS = "Mo-Fr 08:00-12:00; Tu 08:00-12:00,14:00-18:00; PH off"


def test_status_lines_in_german() -> None:
    hours = safe_parse(HOURS)
    assert hours is not None
    # 2026-11-24 is a Tuesday.
    assert status_line(hours, datetime(2026, 11, 24, 9, 0)) == "Jetzt geöffnet bis 12:00"
    assert status_line(hours, datetime(2026, 11, 24, 12, 30)) == (
        "Geschlossen – öffnet heute um 14:00"
    )
    assert status_line(hours, datetime(2026, 11, 24, 19, 0)) == (
        "Geschlossen – öffnet morgen um 08:00"
    )
    assert status_line(hours, datetime(2026, 11, 28, 10, 0)) == (
        "Geschlossen – öffnet Montag um 08:00"
    )


def test_week_table() -> None:
    rows = week_rows(safe_parse(HOURS))  # type: ignore[arg-type]
    assert rows[0] == ("Montag", "08:00–12:00")
    assert rows[1] == ("Dienstag", "08:00–12:00, 14:00–18:00")
    assert rows[6] == ("Sonntag", "geschlossen")


def test_unreadable_or_missing_hours_are_none() -> None:
    assert safe_parse(None) is None
    assert safe_parse("nach Absprache") is None


def test_verification_older_than_a_year_warns() -> None:
    today = date(2026, 11, 24)
    assert verification_is_old(date(2025, 11, 1), today)
    assert not verification_is_old(date(2026, 1, 10), today)
    assert verification_is_old(None, today)
