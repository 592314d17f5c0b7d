"""Contact points and offers as the Koordinierungsstelle keeps them in a spreadsheet.

One row per entry, German column names, opening hours one column per weekday (as
`wegweiser.week.Week`), lists separated by commas, yes/no as "ja"/"nein".
Reading takes UTF-8 (with or without the BOM Excel writes) and semicolons as German Excel
writes them, or commas. A file is checked whole before anything is written: every bad
row is named with its line number, its column and the problem, in German, and a file
with any problem is refused as a whole.
"""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from wegweiser.edits import EditRefused, build
from wegweiser.model import ContactPoint, Offer, Publication, SyncedRecord, new_id
from wegweiser.opening_hours import OpeningHoursError
from wegweiser.references import Target, unknown
from wegweiser.week import Week, day_spans, week_of, week_text
from wegweiser.weekdays import SHORT_GERMAN

MAX_ROWS = 5_000
MAX_PROBLEMS = 200
_DAYS = SHORT_GERMAN
_YES = frozenset({"ja", "j", "x", "1", "wahr", "true", "yes"})
_NO = frozenset({"nein", "n", "", "0", "falsch", "false", "no"})
_STATES = {"entwurf": "draft", "veröffentlicht": "published", "archiviert": "archived"}


@dataclass(frozen=True)
class Problem:
    """One problem of an imported file: spreadsheet line (the header is line 1), column."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Zeile {self.row}" + (f", Spalte „{self.column}“" if self.column else "")
        return f"{where}: {self.message}"


class SpreadsheetRefused(ValueError):
    """The file was refused as a whole; `problems` names each problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems[:MAX_PROBLEMS]
        super().__init__("\n".join(str(p) for p in self.problems))


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


def _phones(value: Any) -> str:
    return "; ".join(f"{p.get('label', '')}: {p.get('number', '')}" for p in value or [])


def _read_phones(cell: str) -> list[dict[str, str]]:
    phones = []
    for part in cell.split(";"):
        label, colon, number = part.partition(":")
        if not part.strip():
            continue
        if not colon:
            label, number = "Telefon", part
        phones.append({"label": label.strip() or "Telefon", "number": number.strip()})
    return phones


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

    return Column(_DAYS[weekday], write, read)


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
    _setter("phones", "Telefon", _phones, _read_phones),
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


# --- writing ---------------------------------------------------------------------------


def write_csv(entity: str, records: Iterable[SyncedRecord]) -> str:
    """The records as CSV text, semicolons and a BOM, as German Excel opens it."""
    _, columns = SHEETS[entity]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(column.header for column in columns)
    for record in records:
        writer.writerow(column.write(record) for column in columns)
    return "\ufeff" + out.getvalue()


# --- reading ---------------------------------------------------------------------------


def read_csv(
    entity: str,
    data: bytes,
    known: Known,
    current: Callable[[str], SyncedRecord | None],
) -> list[SyncedRecord]:
    """Every row as a checked record (an existing one where the ID names it, else a new
    one). Raises `SpreadsheetRefused` listing every problem; then nothing may be written."""
    cls, columns = SHEETS[entity]
    rows = _rows(data)
    header, body = rows[0], rows[1:]
    by_header = {column.header.casefold(): column for column in columns}
    problems: list[Problem] = []
    positions: list[tuple[int, Column]] = []
    for index, name in enumerate(header):
        column = by_header.get(name.strip().casefold())
        if column is None:
            problems.append(Problem(1, name, "unbekannte Spalte."))
        else:
            positions.append((index, column))
    named = {column.header for _, column in positions}
    for required in ("ID", columns[1].header):
        if required not in named:
            problems.append(Problem(1, required, "Spalte fehlt."))
    missing_days = [day for day in _DAYS if day not in named]
    if cls is ContactPoint and 0 < len(missing_days) < len(_DAYS):
        # Half a week would close the other days without anyone meaning it.
        problems.append(
            Problem(
                1,
                missing_days[0],
                f"Die Spalten Mo bis So gehören zusammen; es fehlt: {', '.join(missing_days)}.",
            )
        )
    if problems:
        raise SpreadsheetRefused(problems)
    if len(body) > MAX_ROWS:
        raise SpreadsheetRefused(
            [Problem(MAX_ROWS + 2, "", f"mehr als {MAX_ROWS} Zeilen; bitte aufteilen.")]
        )
    records: list[SyncedRecord] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(body, start=2):
        if not any(cell.strip() for cell in row):
            continue  # Excel leaves empty rows at the end
        if len(row) > len(header):
            problems.append(Problem(line, "", "mehr Zellen als Spalten (Trennzeichen im Text?)."))
            continue
        record = _record(cls, line, row, positions, known, current, problems, seen)
        if record is not None:
            records.append(record)
    if problems:
        raise SpreadsheetRefused(problems)
    return records


def _record(
    cls: type[SyncedRecord],
    line: int,
    row: list[str],
    positions: list[tuple[int, Column]],
    known: Known,
    current: Callable[[str], SyncedRecord | None],
    problems: list[Problem],
    seen: dict[str, int],
) -> SyncedRecord | None:
    cells = {column.header: row[index] if index < len(row) else "" for index, column in positions}
    record_id = cells.get("ID", "").strip()
    before = len(problems)
    if record_id:
        if record_id in seen:
            problems.append(Problem(line, "ID", f"doppelt (schon in Zeile {seen[record_id]})."))
        seen[record_id] = line
    existing = current(record_id) if record_id else None
    values: dict[str, Any] = (
        existing.model_dump(mode="json") if existing is not None else {"id": record_id or new_id()}
    )
    values["_known"] = known
    for _, column in positions:
        try:
            column.read(cells[column.header], values)
        except (ValueError, OpeningHoursError) as exc:
            problems.append(Problem(line, column.header, str(exc)))
    if "_days" in values or "_hours_remark" in values or "_holidays_closed" in values:
        _hours_into(values, line, problems)
    for private in ("_known", "_days", "_holidays_closed", "_hours_remark"):
        values.pop(private, None)
    if len(problems) > before:
        return None
    try:
        return build(cls, values)
    except EditRefused as exc:
        problems.append(Problem(line, "", str(exc)))
        return None


def _hours_into(values: dict[str, Any], line: int, problems: list[Problem]) -> None:
    remark = values.get("_hours_remark", "")
    if remark.startswith("OSM:"):  # hours beyond a week, as exported: kept as written
        values["opening_hours"] = remark[4:].strip() or None
        return
    week = Week(
        tuple(values.get("_days", [""] * 7)),
        holidays_closed=values.get("_holidays_closed", True),
        comment=remark,
    )
    try:
        typed = week_text(week)
    except OpeningHoursError as exc:
        problems.append(Problem(line, "Öffnungszeiten", str(exc)))
        return
    stored = values.get("opening_hours")
    stored_week = week_of(stored)
    # The same week written another way ("24/7", other grouping) keeps its stored text,
    # so that a re-imported export changes nothing.
    if stored_week is None or week_text(stored_week) != typed:
        values["opening_hours"] = typed


def _rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SpreadsheetRefused(
            [
                Problem(
                    line,
                    "",
                    "kein UTF-8. Bitte in Excel „Speichern unter“ → „CSV UTF-8 "
                    "(durch Trennzeichen getrennt)“ wählen.",
                )
            ]
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise SpreadsheetRefused([Problem(1, "", "Die Datei ist leer.")])
    return rows
