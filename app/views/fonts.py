"""Fonts the app ships in `assets/fonts` (the web client cannot download any offline)."""

ARABIC_FONT = "Noto Sans Arabic"
"""Arabic and Farsi script (SIL Open Font License, see assets/fonts/NOTO-LICENSE.txt)."""

FALLBACK = [ARABIC_FONT]
"""For text that may hold Arabic script among Latin or Cyrillic (titles, language names)."""
