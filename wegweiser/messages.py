"""German sentences for validation errors, shared by the loader, the server and the app."""

from typing import Any

_BY_TYPE = {
    "missing": "Pflichtfeld fehlt.",
    "extra_forbidden": "unbekanntes Feld.",
    "string_type": "muss Text sein.",
    "string_too_short": "ist zu kurz.",
    "string_pattern_mismatch": "hat nicht das erwartete Format.",
    "int_type": "muss eine ganze Zahl sein.",
    "int_parsing": "muss eine ganze Zahl sein.",
    "int_from_float": "muss eine ganze Zahl sein.",
    "float_type": "muss eine Zahl sein.",
    "float_parsing": "muss eine Zahl sein.",
    "bool_type": "muss true oder false sein.",
    "bool_parsing": "muss true oder false sein.",
    "list_type": "muss eine Liste sein.",
    "dict_type": "muss ein Objekt sein.",
    "model_type": "muss ein Objekt sein.",
    "model_attributes_type": "muss ein Objekt sein.",
    "too_long": "hat zu viele Einträge.",
    "too_short": "hat zu wenige Einträge.",
    "date_from_datetime_parsing": "muss ein Datum sein (JJJJ-MM-TT).",
    "date_parsing": "muss ein Datum sein (JJJJ-MM-TT).",
    "date_type": "muss ein Datum sein (JJJJ-MM-TT).",
    "datetime_parsing": "muss ein Zeitpunkt sein (ISO 8601).",
    "finite_number": "muss eine endliche Zahl sein.",
    "json_invalid": "kein gültiges JSON.",
}


def validation_message(error: Any) -> str:
    """One German sentence for one pydantic error (a dict of `ValidationError.errors()`)."""
    kind = error["type"]
    context = error.get("ctx") or {}
    if kind in ("enum", "literal_error"):
        allowed = context.get("expected", "")
        return f"ist keiner der erlaubten Werte ({allowed})." if allowed else "ist nicht erlaubt."
    if kind == "string_too_long":
        return f"ist zu lang (höchstens {context.get('max_length')} Zeichen)."
    if kind == "greater_than_equal":
        return f"muss mindestens {context.get('ge')} sein."
    if kind == "greater_than":
        return f"muss größer als {context.get('gt')} sein."
    if kind in ("less_than_equal", "less_than"):
        return f"darf höchstens {context.get('le', context.get('lt'))} sein."
    if kind in _BY_TYPE:
        return _BY_TYPE[kind]
    if kind == "value_error":
        # Our own validators (e.g. "ist keine UUID") already speak German.
        return str(error.get("msg", "")).removeprefix("Value error, ").rstrip(".") + "."
    # Any other of pydantic's (English) messages: a German sentence that is never wrong.
    return "hat keinen gültigen Wert."


def field_path(error: Any, skip: tuple[str, ...] = ()) -> str:
    """The dotted field name of an error, leaving out wrapper parts such as "body"."""
    parts = [str(part) for part in error.get("loc", ()) if part not in skip]
    return ".".join(parts) or "?"


def quoted(value: object, limit: int = 60) -> str:
    """A value for a message: control characters escaped, long values cut."""
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in str(value))
    return f"„{text[:limit]}…“" if len(text) > limit else f"„{text}“"
