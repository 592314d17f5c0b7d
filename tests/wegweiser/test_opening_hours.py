from datetime import date, datetime

import pytest

from wegweiser.holidays import easter_sunday, is_public_holiday
from wegweiser.opening_hours import OpeningHoursError, TimeSpan, parse

OFFICE = 'Mo-Fr 08:00-12:00; Tu 08:00-12:00,13:00-18:00; Sa "nach Vereinbarung"; PH off'


def test_open_now_with_closing_time() -> None:
    # 2026-11-24 is a Tuesday.
    status = parse(OFFICE).status_at(datetime(2026, 11, 24, 14, 30))
    assert status.is_open
    assert status.closes_at == datetime(2026, 11, 24, 18, 0)


def test_closed_at_lunch_opens_the_same_day() -> None:
    status = parse(OFFICE).status_at(datetime(2026, 11, 24, 12, 30))
    assert not status.is_open
    assert status.next_open == datetime(2026, 11, 24, 13, 0)


def test_friday_evening_opens_on_monday() -> None:
    status = parse(OFFICE).status_at(datetime(2026, 11, 27, 17, 0))
    assert status.next_open == datetime(2026, 11, 30, 8, 0)


def test_public_holiday_is_closed_and_skipped() -> None:
    # Reformationstag (31.10.) is a holiday in Sachsen-Anhalt; 2025-10-31 is a Friday.
    hours = parse(OFFICE)
    assert hours.spans_on(date(2025, 10, 31)) == ()
    status = hours.status_at(datetime(2025, 10, 30, 18, 0))
    assert status.next_open == datetime(2025, 11, 3, 8, 0)


def test_later_rule_replaces_earlier_for_its_days() -> None:
    week = dict(parse(OFFICE).week())
    assert week[1] == (TimeSpan(480, 720), TimeSpan(780, 1080))
    assert week[0] == (TimeSpan(480, 720),)
    assert week[6] == ()


def test_comment_is_kept() -> None:
    assert parse(OFFICE).comments() == ["nach Vereinbarung"]


def test_around_the_clock() -> None:
    status = parse("24/7").status_at(datetime(2026, 12, 25, 3, 0))
    assert status.is_open and status.closes_at is None


def test_span_to_midnight_continues_next_day() -> None:
    status = parse("Fr 18:00-24:00; Sa 00:00-02:00").status_at(datetime(2026, 11, 27, 23, 0))
    assert status.closes_at == datetime(2026, 11, 28, 2, 0)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Mo-Fr 8-12",
        "Xy 08:00-12:00",
        "Mo 12:00-08:00",
        "Mo 25:00-26:00",
        "Jan Mo 10:00-12:00",
        'Mo "offen',
    ],
)
def test_invalid_hours_are_refused_in_german(text: str) -> None:
    with pytest.raises(OpeningHoursError) as info:
        parse(text)
    assert any(word in str(info.value) for word in ("Uhrzeit", "Wochentag", "leer", "Kommentar"))


def test_easter_and_state_holidays() -> None:
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert is_public_holiday(date(2026, 4, 3))  # Karfreitag
    assert is_public_holiday(date(2026, 1, 6))  # Heilige Drei Könige (ST)
    assert not is_public_holiday(date(2026, 11, 24))
