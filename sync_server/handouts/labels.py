"""The few words a printed handout needs besides the content, per language.

(The app's catalogues in `app/i18n/` hold its screens; a handout needs only these, on the
server, where the app package is not installed.)
"""

from datetime import date

# ruff: noqa: E501 - one line per word and language reads best here
LABELS: dict[str, dict[str, str]] = {
    "de": {
        "contents": "Inhalt",
        "contacts": "Anlaufstellen",
        "hours": "Öffnungszeiten",
        "phone": "Telefon",
        "closed": "geschlossen",
        "as_of": "Stand",
        "page": "Seite",
        "example": "Beispieldaten – nicht für echte Beratung verwenden",
        "outdated": "Diese Übersetzung ist älter als der deutsche Text. Im Zweifel gilt der deutsche Text.",
    },
    "en": {
        "contents": "Contents",
        "contacts": "Contact points",
        "hours": "Opening hours",
        "phone": "Phone",
        "closed": "closed",
        "as_of": "As of",
        "page": "Page",
        "example": "Example data – not for real advice",
        "outdated": "This translation is older than the German text. When in doubt, the German text applies.",
    },
    "ar": {
        "contents": "المحتويات",
        "contacts": "جهات الاتصال",
        "hours": "مواعيد العمل",
        "phone": "الهاتف",
        "closed": "مغلق",
        "as_of": "الحالة في",
        "page": "صفحة",
        "example": "بيانات تجريبية – لا تُستخدم لاستشارة حقيقية",
        "outdated": "هذه الترجمة أقدم من النص الألماني. عند الشك يُعتمد النص الألماني.",
    },
    "uk": {
        "contents": "Зміст",
        "contacts": "Місця звернення",
        "hours": "Години роботи",
        "phone": "Телефон",
        "closed": "зачинено",
        "as_of": "Станом на",
        "page": "Сторінка",
        "example": "Приклад даних – не використовувати для справжніх консультацій",
        "outdated": "Цей переклад старший за німецький текст. У разі сумніву діє німецький текст.",
    },
    "ru": {
        "contents": "Содержание",
        "contacts": "Места обращения",
        "hours": "Часы работы",
        "phone": "Телефон",
        "closed": "закрыто",
        "as_of": "По состоянию на",
        "page": "Страница",
        "example": "Пример данных – не использовать для настоящих консультаций",
        "outdated": "Этот перевод старше немецкого текста. В случае сомнений действует немецкий текст.",
    },
    "fa": {
        "contents": "فهرست",
        "contacts": "مراکز مراجعه",
        "hours": "ساعات کاری",
        "phone": "تلفن",
        "closed": "بسته",
        "as_of": "وضعیت در",
        "page": "صفحه",
        "example": "داده‌های نمونه – برای مشاوره واقعی استفاده نشود",
        "outdated": "این ترجمه قدیمی‌تر از متن آلمانی است. در صورت تردید، متن آلمانی معتبر است.",
    },
}

LANGUAGES = tuple(LABELS)


def label(language: str, key: str) -> str:
    """A handout's word in `language`, German when the language has none."""
    return LABELS.get(language, LABELS["de"])[key]


def as_of(language: str, day: date) -> str:
    """The day a handout's content was checked or printed: "Stand 06.12.2026"."""
    return f"{label(language, 'as_of')} {day:%d.%m.%Y}"
