"""The words of the public pages besides the content, in the six languages of the app:
one JSON file a language in `words/`, the German one the reference.

(The app's catalogues in `app/i18n/` hold its screens; the search words here are the
same as the app's, copied when they were written. The server does not read the app's
package, as for the printed handouts in `sync_server/handouts/labels.py`.)
"""

import json
from functools import cache
from pathlib import Path

from wegweiser.languages import LANGUAGE_NAMES

WORDS = Path(__file__).parent / "words"


def words(language: str) -> dict[str, str]:
    """Every label in `language` (German where the language is unknown, and for a label
    a language lacks)."""
    return _words(language if language in LANGUAGE_NAMES else "de")


@cache  # six languages at most: an address's language is checked before it gets here
def _words(language: str) -> dict[str, str]:
    german = _read("de")
    return german if language == "de" else {**german, **_read(language)}


def _read(language: str) -> dict[str, str]:
    loaded: dict[str, str] = json.loads((WORDS / f"{language}.json").read_text(encoding="utf-8"))
    return loaded
