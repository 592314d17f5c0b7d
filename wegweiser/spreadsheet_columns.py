"""The columns of the office's spreadsheets: German headers, how a record fills each
cell and how a typed cell is read back (German messages for what cannot be read).

Opening hours are one column per weekday (`wegweiser.week.Week`), lists are separated by
commas, yes/no is "ja"/"nein", Kommunen and topics are named by key or name. Reading and
writing whole files is `wegweiser.spreadsheet`."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from wegweiser.model import ContactPoint, Offer, Publication, SyncedRecord
from wegweiser.phones import phones_text, read_phones
from wegweiser.references import Target, unknown
from wegweiser.week import day_spans, week_of
from wegweiser.weekdays import SHORT_GERMAN

DAYS = SHORT_GERMAN
"""The weekday columns' headers."""
_YES = frozenset({"ja", "j", "x", "1", "wahr", "true", "yes"})
_NO = frozenset({"nein", "n", "", "0", "falsch", "false", "no"})
_STATES = {"entwurf": "draft", "veröffentlicht": "published", "archiviert": "archived"}


@dataclass(frozen=True)
class Column:
    """A spreadsheet column: its German header, how a record fills it, how it is read."""

    header: str
    write: Callable[[Any], str]
    read: Callable[[str, dict[str, Any]], None]
    """Puts what the cell says into the record's values; raises ValueError (German)."""


@dataclass(frozen=True)
class Known:
    """What rows may refer to: Kommunen and topics by key or name, contact point ids."""

    kommunen: dict[str, str]
    """Key and folded name → key."""
    topics: dict[str, str]
    contact_points: frozenset[str] = frozenset()

    @staticmethod
    def of(
        kommunen: Iterable[tuple[str, str]],
        topics: Iterable[tuple[str, str]],
        contact_points: Iterable[str] = (),
    ) -> "Known":
        def index(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
            found: dict[str, str] = {}
            for key, name in pairs:
                found[key.casefold()] = key
                found[name.casefold()] = key
            return found

        return Known(index(kommunen), index(topics), frozenset(contact_points))


# --- cells ---------------------------------------------------------------------------


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _joined(values: list[str]) -> str:
    return ", ".join(values)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.replace(";", ",").split(",") if part.strip()]


def _yes_no(value: Any) -> str:
    return "ja" if value else "nein"


def _read_yes_no(cell: str) -> bool:
    word = cell.strip().casefold()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValueError(f"„{cell}“ ist weder „ja“ noch „nein“.")


def _read_date(cell: str) -> str | None:
    text = cell.strip()
    if not text:
        return None
    try:
        if "." in text:
            day, month, year = (int(part) for part in text.split("."))
            return date(year, month, day).isoformat()
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(f"„{text}“ ist kein Datum (TT.MM.JJJJ).") from None


def _date(value: Any) -> str:
    return value.strftime("%d.%m.%Y") if isinstance(value, date) else ""


def _state(value: Any) -> str:
    reverse = {v: k for k, v in _STATES.items()}
    return reverse[Publication(value or Publication.PUBLISHED).value].capitalize()


def _read_state(cell: str) -> str:
    word = cell.strip().casefold() or "veröffentlicht"
    if word not in _STATES:
        raise ValueError(f"„{cell}“: erlaubt sind Entwurf, Veröffentlicht, Archiviert.")
    return _STATES[word]


def _keys(index: Callable[["Known"], dict[str, str]], target: Target) -> Callable[..., list[str]]:
    def read(cell: str, known: "Known") -> list[str]:
        keys = []
        for part in _split(cell):
            key = index(known).get(part.casefold())
            if key is None:
                raise ValueError(unknown(target, part))
            keys.append(key)
        return keys

    return read


_kommunen = _keys(lambda known: known.kommunen, "kommune")
_topics = _keys(lambda known: known.topics, "topic")


def _field(name: str, header: str, optional: bool = True, required: bool = False) -> Column:
    """A text column; empty is None (`optional`), "" or, if `required`, a problem."""

    def read(cell: str, values: dict[str, Any]) -> None:
        text = cell.strip()
        if required and not text:
            raise ValueError("darf nicht leer sein.")
        values[name] = text if text or not optional else None

    return Column(header, lambda record: _text(getattr(record, name)), read)


def _setter(
    name: str, header: str, write: Callable[[Any], str], parse: Callable[[str], Any]
) -> Column:
    def read(cell: str, values: dict[str, Any]) -> None:
        values[name] = parse(cell)

    return Column(header, lambda record: write(getattr(record, name)), read)


def _day(weekday: int) -> Column:
    def write(record: Any) -> str:
        week = week_of(record.opening_hours)
        return week.days[weekday] if week is not None else ""

    def read(cell: str, values: dict[str, Any]) -> None:
        day_spans(cell, weekday)  # the day's own message, with its name
        days = list(values.setdefault("_days", [""] * 7))
        days[weekday] = cell
        values["_days"] = days

    return Column(DAYS[weekday], write, read)


def _holidays() -> Column:
    def write(record: Any) -> str:
        week = week_of(record.opening_hours)
        return _yes_no(week.holidays_closed) if week is not None else ""

    def read(cell: str, values: dict[str, Any]) -> None:
        values["_holidays_closed"] = _read_yes_no(cell) if cell.strip() else True

    return Column("Feiertags geschlossen", write, read)


def _hours_remark() -> Column:
    def write(record: Any) -> str:
        week = week_of(record.opening_hours)
        if week is None:  # more than a week can hold: kept as it is stored
            return f"OSM: {record.opening_hours}"
        return week.comment

    def read(cell: str, values: dict[str, Any]) -> None:
        values["_hours_remark"] = cell.strip()

    return Column("Hinweis Öffnungszeiten", write, read)


def _ref(name: str, header: str, parse: Callable[[str, Known], Any]) -> Column:
    # Reading needs what is known; `read_rows` passes it in the values under "_known".
    def read(cell: str, values: dict[str, Any]) -> None:
        values[name] = parse(cell, values["_known"])

    def write(record: Any) -> str:
        value = getattr(record, name)
        return _joined(value) if isinstance(value, list) else _text(value)

    return Column(header, write, read)


def _kommune_key(cell: str, known: Known) -> str | None:
    keys = _kommunen(cell, known)
    if len(keys) > 1:
        raise ValueError("Ein Angebot gehört zu einer Kommune (oder leer: landkreisweit).")
    return keys[0] if keys else None


def _contact_point(cell: str, known: Known) -> str | None:
    text = cell.strip()
    if text and text not in known.contact_points:
        raise ValueError(unknown("contact_point", text))
    return text or None


_ID = Column("ID", lambda record: record.id, lambda cell, values: None)

CONTACT_POINT_COLUMNS: tuple[Column, ...] = (
    _ID,
    _field("name", "Name", optional=False, required=True),
    _field("organisation", "Träger"),
    _ref("kommune_keys", "Kommunen", _kommunen),
    _field("street", "Straße"),
    _field("postal_code", "PLZ"),
    _field("city", "Ort"),
    _setter("phones", "Telefon", phones_text, read_phones),
    _field("email", "E-Mail"),
    _field("website", "Webseite"),
    *(_day(weekday) for weekday in range(7)),
    _holidays(),
    _hours_remark(),
    _setter("languages", "Sprachen", _joined, _split),
    _ref("topic_keys", "Themen", _topics),
    _setter("target_groups", "Zielgruppen", _joined, _split),
    _setter("appointment_required", "Nur mit Termin", _yes_no, _read_yes_no),
    _field("accessibility", "Barrierefreiheit"),
    _field("costs", "Kosten"),
    _field("description", "Beschreibung", optional=False),
    _setter("status", "Stand", _state, _read_state),
    _setter("last_verified", "Zuletzt geprüft", _date, _read_date),
)
"""Contact points, in the order an office reads them."""

OFFER_COLUMNS: tuple[Column, ...] = (
    _ID,
    _field("title", "Titel", optional=False, required=True),
    _ref("kommune_key", "Kommune", _kommune_key),
    _ref("contact_point_id", "Anlaufstelle (ID)", _contact_point),
    _ref("topic_keys", "Themen", _topics),
    _field("schedule", "Termine"),
    _setter("languages", "Sprachen", _joined, _split),
    _field("costs", "Kosten"),
    _setter("registration_required", "Anmeldung nötig", _yes_no, _read_yes_no),
    _field("description", "Beschreibung", optional=False),
    _setter("status", "Stand", _state, _read_state),
    _setter("last_verified", "Zuletzt geprüft", _date, _read_date),
)

SHEETS: dict[str, tuple[type[SyncedRecord], tuple[Column, ...]]] = {
    ContactPoint.entity: (ContactPoint, CONTACT_POINT_COLUMNS),
    Offer.entity: (Offer, OFFER_COLUMNS),
}
"""The kinds a spreadsheet holds, with their columns."""
