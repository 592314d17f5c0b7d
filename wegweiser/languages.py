"""The languages of the Wegweiser: the UI's and the newcomers', each by its own name."""

LANGUAGE_NAMES = {
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "uk": "Українська",
    "fa": "فارسی",
    "ru": "Русский",
}
"""Each language named in itself, as a person looking for their own language reads it."""

RIGHT_TO_LEFT = frozenset({"ar", "fa"})
