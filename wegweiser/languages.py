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


def left_to_right(text: str, language: str) -> str:
    """`text` kept left to right inside a right-to-left line (Arabic, Farsi), on screen and
    in print: phone numbers, times and addresses would otherwise read backwards
    ("12:00–08:00", "150-0000 3941 49+"). Unchanged in a left-to-right language. Unicode's
    isolates (LRI … PDI) do it without a visible mark."""
    return f"\u2066{text}\u2069" if language in RIGHT_TO_LEFT else text
