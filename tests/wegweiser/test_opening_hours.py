from datetime import date, datetime

import pytest

from wegweiser.holidays import easter_sunday, is_public_holiday
from wegweiser.opening_hours import OpeningHoursError, TimeSpan, parse
from wegweiser.week import Week, week_of, week_text

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


# --- The week as the editor and the spreadsheet hold it ---------------------------------


def test_a_week_as_typed_becomes_compact_osm_text_and_back() -> None:
    typed = Week(
        ("8-12, 13-16", "8:00-12:00,13:00-16:00", "8-12", "8-12 und 13-16", "8.30–12 Uhr", "", ""),
        holidays_closed=True,
        comment="nur mit Termin",
    )
    text = week_text(typed)
    assert text == (
        'Mo-Tu,Th 08:00-12:00,13:00-16:00 "nur mit Termin"; We 08:00-12:00; Fr 08:30-12:00; PH off'
    )
    hours = parse(text)
    assert hours.comments() == ["nur mit Termin"]
    assert hours.spans_on(date(2026, 12, 25)) == ()  # Weihnachten, a Friday: closed
    again = week_of(text)
    assert again is not None and week_text(again) == text
    assert again.days[4] == "08:30-12:00" and again.days[5] == ""


def test_weeks_that_say_little_or_nothing() -> None:
    assert week_text(Week()) is None
    assert week_text(Week(comment="nach Vereinbarung")) == 'off "nach Vereinbarung"'
    assert week_of(None) == Week()
    assert week_of("24/7") == Week(("00:00-24:00",) * 7, holidays_closed=False)
    open_on_holidays = week_of("Mo-Fr 09:00-17:00")
    assert open_on_holidays is not None and not open_on_holidays.holidays_closed


def test_a_string_a_week_cannot_hold_is_edited_as_text() -> None:
    assert week_of('Mo-Fr 08:00-12:00; Sa "nach Vereinbarung"') is None
    assert week_of("Mo-Fr 08:00-12:00; PH 10:00-12:00") is None
    assert week_of("kaputt") is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("morgens", "Mittwoch: „morgens“ ist keine Zeitspanne"),
        ("8-25", "Mittwoch: Ungültige Uhrzeit „08:00-25:00“"),
        ("12-8", "Mittwoch: Uhrzeit „12:00-08:00“ endet nicht nach dem Beginn"),
        ("8-12, 11-13", "Mittwoch: 08:00-12:00 und 11:00-13:00 überschneiden sich"),
        ("8:5-12", "Mittwoch: Ungültige Uhrzeit „8:5“"),
    ],
)
def test_a_bad_day_is_named_in_german(typed: str, message: str) -> None:
    days = ("", "", typed, "", "", "", "")
    with pytest.raises(OpeningHoursError) as info:
        week_text(Week(days))
    assert message in str(info.value)
