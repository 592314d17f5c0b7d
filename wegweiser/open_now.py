"""One line on whether a place is open ("Jetzt geöffnet bis 12:00"), in every language
the Wegweiser speaks. The app's contact screen, the newcomer card and the public pages
say it the same way, from this one place."""

from collections.abc import Callable
from datetime import date, datetime, timedelta

from wegweiser.holidays import is_public_holiday
from wegweiser.opening_hours import OpeningHours
from wegweiser.weekdays import day_names

PHRASES: dict[str, dict[str, str]] = {
    "de": {
        "open_always": "Rund um die Uhr geöffnet",
        "open_until": "Jetzt geöffnet bis {time}",
        "no_hours": "Derzeit keine Öffnungszeiten",
        "opens_today": "Geschlossen – öffnet heute um {time}",
        "opens_tomorrow": "Geschlossen – öffnet morgen um {time}",
        "opens_on": "Geschlossen – öffnet {day} um {time}",
    },
    "en": {
        "open_always": "Open around the clock",
        "open_until": "Open now until {time}",
        "no_hours": "No opening hours at present",
        "opens_today": "Closed – opens today at {time}",
        "opens_tomorrow": "Closed – opens tomorrow at {time}",
        "opens_on": "Closed – opens {day} at {time}",
    },
    "ar": {
        "open_always": "مفتوح على مدار الساعة",
        "open_until": "مفتوح الآن حتى {time}",
        "no_hours": "لا توجد مواعيد عمل حاليًا",
        "opens_today": "مغلق – يفتح اليوم الساعة {time}",
        "opens_tomorrow": "مغلق – يفتح غدًا الساعة {time}",
        "opens_on": "مغلق – يفتح يوم {day} الساعة {time}",
    },
    "uk": {
        "open_always": "Відчинено цілодобово",
        "open_until": "Зараз відчинено до {time}",
        "no_hours": "Наразі немає годин роботи",
        "opens_today": "Зачинено – відчиниться сьогодні о {time}",
        "opens_tomorrow": "Зачинено – відчиниться завтра о {time}",
        "opens_on": "Зачинено – відчиниться {day} о {time}",
    },
    "ru": {
        "open_always": "Открыто круглосуточно",
        "open_until": "Сейчас открыто до {time}",
        "no_hours": "Сейчас нет часов работы",
        "opens_today": "Закрыто – откроется сегодня в {time}",
        "opens_tomorrow": "Закрыто – откроется завтра в {time}",
        "opens_on": "Закрыто – откроется {day} в {time}",
    },
    "fa": {
        "open_always": "شبانه‌روزی باز است",
        "open_until": "اکنون باز است تا {time}",
        "no_hours": "فعلاً ساعت کاری ندارد",
        "opens_today": "بسته – امروز ساعت {time} باز می‌شود",
        "opens_tomorrow": "بسته – فردا ساعت {time} باز می‌شود",
        "opens_on": "بسته – {day} ساعت {time} باز می‌شود",
    },
}


def phrase(language: str, name: str, **values: str) -> str:
    """One of the phrases in `language` (German for a language without them)."""
    return PHRASES.get(language, PHRASES["de"])[name].format(**values)


def status_line(
    hours: OpeningHours,
    now: datetime,
    language: str,
    is_holiday: Callable[[date], bool] = is_public_holiday,
) -> str:
    """Open now (until when), or when it opens next, at `now` (local time), with the
    public holidays of the region's state (`is_holiday`)."""
    status = hours.status_at(now, is_holiday)
    if status.is_open:
        if status.closes_at is None:
            return phrase(language, "open_always")
        return phrase(language, "open_until", time=f"{status.closes_at:%H:%M}")
    if status.next_open is None:
        return phrase(language, "no_hours")
    opens = status.next_open
    at = f"{opens:%H:%M}"
    if opens.date() == now.date():
        return phrase(language, "opens_today", time=at)
    if opens.date() == now.date() + timedelta(days=1):
        return phrase(language, "opens_tomorrow", time=at)
    return phrase(language, "opens_on", day=day_names(language)[opens.weekday()], time=at)
