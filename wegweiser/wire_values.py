"""What every value on the wire is, whatever field it fills: text without control
characters or letters under piles of accents, finite numbers, whole numbers and true or
false as such, times as text. The protocol's models are made of these; the dataset
loader and the rulebook check stored values with `no_control_characters` too."""

import math
from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Strict

from wegweiser.text import MAX_COMBINING, combining_run

# C0 control characters other than tab and line breaks: never meaningful in our data,
# and NUL cannot even be stored in PostgreSQL text.
_CONTROL = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r") | {"\x7f"}


def no_control_characters(value: Any) -> Any:
    """Refuse control characters anywhere inside a JSON value, and numbers that are not
    finite: JSON has no Infinity or NaN, though Python's and JavaScript's writers emit
    them, and no database column should hold them."""
    if isinstance(value, str):
        if any(ch in _CONTROL for ch in value):
            raise ValueError("enthält Steuerzeichen")
        if combining_run(value) > MAX_COMBINING:
            raise ValueError(
                f"enthält mehr als {MAX_COMBINING} Akzente oder Zeichen übereinander an einem "
                "Buchstaben"
            )
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("muss eine endliche Zahl sein")
    elif isinstance(value, dict):
        for key, item in value.items():
            no_control_characters(key)
            no_control_characters(item)
    elif isinstance(value, list):
        for item in value:
            no_control_characters(item)
    return value


Text = Annotated[str, AfterValidator(no_control_characters)]
Count = Annotated[int, Strict()]
"""A whole number sent as one: `false`, "5" and 5.0 are a device's mistakes, not numbers."""
Flag = Annotated[bool, Strict()]
"""true or false as such: 1 and "yes" are not guessed at."""


def _no_number(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError("muss Datum und Uhrzeit als Text sein (2026-12-05T10:00:00Z)")
    return value


Moment = Annotated[datetime, BeforeValidator(_no_number)]
"""A date and time as ISO 8601 text: pydantic would read 2.5 as seconds after 1970,
which the description (a date-time string) does not allow."""
