"""The person's settings on this device: UI language, text size, light or dark.

Kept in the local store (`store_meta`), so they survive restarts and go with a sign-out.
"""

import json
from dataclasses import asdict, dataclass, fields

from app.i18n import UI_LANGUAGES
from app.store import content
from app.store.database import Store

_KEY = "preferences"

TEXT_SCALES = (1.0, 1.25, 1.6)
"""Normal, large, very large ("Sehr groß" was 1.3: too little for many readers)."""
_EARLIER_SCALES = {1.15: 1.25, 1.3: 1.6}
"""What a setting saved by an earlier version means now."""
THEMES = ("system", "light", "dark")


@dataclass(frozen=True)
class Preferences:
    language: str = "de"
    text_scale: float = 1.0
    theme: str = "system"


def load(store: Store) -> Preferences:
    """The stored settings; anything unreadable or unknown falls back to the default."""
    with store.session() as session:
        raw = content.get_meta(session, _KEY)
    try:
        values = json.loads(raw) if raw else {}
    except json.JSONDecodeError:
        values = {}
    if not isinstance(values, dict):
        values = {}
    known = {f.name for f in fields(Preferences)}
    default = Preferences()
    chosen = Preferences(**{k: v for k, v in values.items() if k in known})
    scale = _EARLIER_SCALES.get(chosen.text_scale, chosen.text_scale)
    return Preferences(
        language=chosen.language if chosen.language in UI_LANGUAGES else default.language,
        text_scale=scale if scale in TEXT_SCALES else default.text_scale,
        theme=chosen.theme if chosen.theme in THEMES else default.theme,
    )


def save(store: Store, preferences: Preferences) -> None:
    """Store the settings; values outside the offered choices are refused."""
    if (
        preferences.language not in UI_LANGUAGES
        or preferences.text_scale not in TEXT_SCALES
        or preferences.theme not in THEMES
    ):
        raise ValueError(f"unknown preference value in {preferences!r}")
    with store.session() as session:
        content.set_meta(session, _KEY, json.dumps(asdict(preferences)))
