"""Tabellen: contact points and offers to and from a spreadsheet, the region as a file.

The server makes and checks the files (`wegweiser.spreadsheet`), so that a file is
judged by what the server holds, not by one device's copy; the app hands them over.
No Flet here.
"""

import urllib.parse
from dataclasses import dataclass
from typing import Any

from app.sync.engine import SyncEngine
from app.sync.errors import ServerRefused
from wegweiser.import_preview import ImportPreview, ImportResult
from wegweiser.model import ContactPoint, Offer

TABLES: dict[str, tuple[str, str]] = {
    ContactPoint.entity: ("contact-points.csv", "anlaufstellen.csv"),
    Offer.entity: ("offers.csv", "angebote.csv"),
}
"""Kind → (name in the server's routes, file name offered for saving)."""

REGION_FILE = "wegweiser-region.json"
HANDOUTS_TIMEOUT = 600.0
"""Seconds the office's device waits for the ZIP of every Kommune's printed Wegweiser."""
DUE_FILE = "faellige-anlaufstellen.csv"


def handouts_file(language: str) -> str:
    return f"wegweiser-alle-kommunen-{language}.zip"


@dataclass(frozen=True)
class Imported:
    """What an import did, what it would do (`preview`, waiting for the office's yes),
    or every problem that refused it."""

    created: int = 0
    changed: int = 0
    unchanged: int = 0
    problems: tuple[str, ...] = ()
    """German, one per problem: "Zeile 4, Spalte „Mo“: …"; empty when imported."""
    preview: ImportPreview | None = None
    """The file's changes, entry by entry, not yet written."""


class TablesService:
    """Spreadsheet export and import on a device of the office; raises `SyncError`."""

    def __init__(self, engine: SyncEngine) -> None:
        self.engine = engine

    def export(self, kind: str) -> bytes:
        """Every entry of the kind as CSV (UTF-8 with BOM, semicolons)."""
        return self.engine.client().download(f"/exports/{TABLES[kind][0]}")

    def export_due(self, months: int) -> bytes:
        """Contact points due for a check, with their e-mail addresses, to ask them."""
        return self.engine.client().download(f"/exports/due-contacts.csv?months={months:d}")

    def export_region(self) -> bytes:
        """The whole region as a dataset file."""
        return self.engine.client().download("/exports/region.json")

    def export_handouts(self, language: str) -> bytes:
        """The printed Wegweiser of every Kommune in `language`, one PDF each, zipped."""
        # Every Kommune's PDF at once: shaping Arabic or Farsi takes the server a minute
        # or two on a small machine; waited for, with the screen saying so.
        return self.engine.client().download(
            f"/handouts/kommunen.zip?language={language}", timeout=HANDOUTS_TIMEOUT
        )

    def preview_csv(self, kind: str, data: bytes) -> Imported:
        """Check a spreadsheet and say what it would change, entry by entry and cell by
        cell; nothing is written. A refused file comes back with every problem."""
        try:
            answer = self._upload(f"/imports/{TABLES[kind][0]}/preview", data)
        except ServerRefused as exc:
            if not exc.errors:
                raise
            return Imported(problems=tuple(_problem(error) for error in exc.errors))
        shown = ImportPreview.model_validate(answer)
        return Imported(unchanged=shown.unchanged, preview=shown)

    def import_csv(self, kind: str, data: bytes, preview: ImportPreview) -> Imported:
        """Write the spreadsheet as `preview` showed it. Raises `SyncError` (German) when
        the file or the entries changed since (then preview again) or it is refused."""
        token = urllib.parse.quote(preview.token)
        answer = ImportResult.model_validate(
            self._upload(f"/imports/{TABLES[kind][0]}?token={token}", data)
        )
        return Imported(answer.created, answer.changed, answer.unchanged)

    def _upload(self, path: str, data: bytes) -> Any:
        return self.engine.client().upload(path, data, "text/csv; charset=utf-8")


def _problem(error: dict[str, object]) -> str:
    where = f"Zeile {error.get('row')}" if error.get("row") else ""
    if error.get("column"):
        where += f", Spalte „{error['column']}“"
    return f"{where}: {error.get('message')}" if where else str(error.get("message"))
