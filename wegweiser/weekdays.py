"""The days of the week: their codes in opening hours, their names in every language the
Wegweiser speaks (the app's screens, the newcomer card, the printed handouts), and the
short German names of the spreadsheet's columns. Monday first, as in Germany."""

CODES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
"""The days in opening hours ("Mo-Fr 08:00-12:00"), OpenStreetMap's syntax."""

SHORT_GERMAN = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
"""The days as the office abbreviates them (the spreadsheet's column headers)."""

_NAMES: dict[str, tuple[str, ...]] = {
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "ar": ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
    "uk": ("Понеділок", "Вівторок", "Середа", "Четвер", "П’ятниця", "Субота", "Неділя"),
    "ru": ("Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"),
    "fa": ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"),
}

LANGUAGES = tuple(_NAMES)


def day_names(language: str = "de") -> tuple[str, ...]:
    """Monday to Sunday in `language` (German for a language without names here)."""
    return _NAMES.get(language, _NAMES["de"])
