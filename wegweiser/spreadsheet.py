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
from typing import Any

from wegweiser.edits import EditRefused, build
from wegweiser.model import ContactPoint, SyncedRecord, new_id
from wegweiser.opening_hours import OpeningHoursError
from wegweiser.spreadsheet_columns import DAYS, SHEETS, Column, Known
from wegweiser.week import Week, week_of, week_text

MAX_ROWS = 5_000
MAX_PROBLEMS = 200
MAX_CELL = 100_000
"""Characters in one cell (the longest field, a description, holds 20,000)."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes Excel or LibreOffice run a cell as a formula (OWASP, "CSV injection")."""
_CONTROL = {chr(n) for n in range(32)} - {"\t", "\n", "\r"}


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


# --- writing ---------------------------------------------------------------------------


def write_csv(entity: str, records: Iterable[SyncedRecord]) -> str:
    """The records as CSV text, semicolons and a BOM, as German Excel opens it."""
    _, columns = SHEETS[entity]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(column.header for column in columns)
    for record in records:
        writer.writerow(_as_text(column.write(record)) for column in columns)
    return "\ufeff" + out.getvalue()


def _as_text(cell: str) -> str:
    # A leading apostrophe makes a spreadsheet show the cell as the text it is ("+49 …"
    # stays a phone number, "=HYPERLINK(…)" a harmless string); reading takes it off.
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _from_text(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


# --- reading ---------------------------------------------------------------------------


def read_csv(
    entity: str,
    data: bytes,
    known: Known,
    current: Callable[[str], SyncedRecord | None],
    other_kind: Callable[[str], bool] = lambda _: False,
) -> list[SyncedRecord]:
    """Every row as a checked record (an existing one where the ID names it, else a new
    one). `current` finds an entry of this kind, deleted ones too; `other_kind` tells an
    id that belongs to a record of another kind. Raises `SpreadsheetRefused` listing
    every problem; then nothing may be written."""
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
    missing_days = [day for day in DAYS if day not in named]
    if cls is ContactPoint and 0 < len(missing_days) < len(DAYS):
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
        if len(row) < len(header):
            # A row cut short would empty every column it lacks.
            problems.append(
                Problem(
                    line,
                    "",
                    f"nur {len(row)} von {len(header)} Zellen: die Zeile ist unvollständig "
                    "(abgeschnitten?); nichts davon wird übernommen.",
                )
            )
            continue
        record = _record(cls, line, row, positions, known, (current, other_kind), problems, seen)
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
    lookups: tuple[Callable[[str], SyncedRecord | None], Callable[[str], bool]],
    problems: list[Problem],
    seen: dict[str, int],
) -> SyncedRecord | None:
    current, other_kind = lookups
    cells = {
        column.header: _from_text(row[index]) if index < len(row) else ""
        for index, column in positions
    }
    # An id is the same in capitals (a spreadsheet may have changed its case).
    record_id = cells.get("ID", "").strip().lower()
    cells["ID"] = record_id
    before = len(problems)
    if record_id:
        if record_id in seen:
            problems.append(Problem(line, "ID", f"doppelt (schon in Zeile {seen[record_id]})."))
        seen[record_id] = line
    existing = current(record_id) if record_id else None
    if existing is not None and existing.deleted:
        # Written back, it would count as "created" and stay deleted: nothing appears.
        problems.append(
            Problem(
                line,
                "ID",
                "dieser Eintrag wurde gelöscht. Für einen neuen Eintrag die ID leer lassen.",
            )
        )
    elif existing is None and record_id and other_kind(record_id):
        problems.append(
            Problem(
                line,
                "ID",
                "diese ID gehört zu einem Eintrag anderer Art (etwa einem Angebot oder einer "
                "Kommune), nicht in diese Tabelle.",
            )
        )
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
                    "kein UTF-8. Bitte in Excel „Speichern unter“ und dort „CSV UTF-8 "
                    "(durch Trennzeichen getrennt)“ wählen.",
                )
            ]
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            _check_cells(row, reader.line_num)
            rows.append(row)
    except csv.Error:
        raise SpreadsheetRefused(
            [
                Problem(
                    reader.line_num, "", "Anführungszeichen nicht geschlossen oder Zelle zu lang."
                )
            ]
        ) from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise SpreadsheetRefused([Problem(1, "", "Die Datei ist leer.")])
    return rows


def _check_cells(row: list[str], line: int) -> None:
    """Control characters (NUL among them) are refused, as a device's edit is."""
    for cell in row:
        if len(cell) > MAX_CELL:
            raise SpreadsheetRefused(
                [Problem(line, "", f"eine Zelle mit mehr als {MAX_CELL} Zeichen.")]
            )
        if _CONTROL.intersection(cell):
            raise SpreadsheetRefused(
                [
                    Problem(
                        line, "", "Steuerzeichen im Text (z. B. ein Nullzeichen); bitte entfernen."
                    )
                ]
            )
