"""What a spreadsheet would change, shown before anything is written.

The office uploads a file; the server checks it whole (`wegweiser.spreadsheet`) and
answers with a preview: each entry that would be new or changed, and for each changed
column what the cell says now and what the file says. An empty cell in the file reads
as an empty value, so the preview is where the office sees that before it confirms.
The confirmation carries the preview's `token`; a file or a database that changed since
gets a new preview instead of a write.
"""

from collections.abc import Callable

from pydantic import BaseModel, Field

from wegweiser.kinds import title_of
from wegweiser.model import SyncedRecord
from wegweiser.spreadsheet_columns import SHEETS


class CellChange(BaseModel):
    """One column of one entry: as the spreadsheet shows it now, and as the file has it."""

    column: str
    old: str
    new: str


class EntryChange(BaseModel):
    """An entry the file adds (`created`) or changes, column by column."""

    id: str
    title: str
    created: bool
    cells: list[CellChange]


class ImportPreview(BaseModel):
    """What confirming the file would do."""

    entries: list[EntryChange]
    unchanged: int
    token: str = ""
    """Sent back with the confirmation: the server writes only what was previewed."""


class ImportResult(BaseModel):
    """What an import did."""

    created: int = 0
    changed: int = 0
    unchanged: int = 0


class RegionImportResult(ImportResult):
    """What loading a region's file did."""

    repaired: list[str] = Field(default_factory=list)
    """With `repair_links`: each link changed, in German (record, field, before → after)."""


def preview(
    entity: str,
    records: list[SyncedRecord],
    current: Callable[[str], SyncedRecord | None],
) -> ImportPreview:
    """The changes `records` (checked rows of a file) make to the entries `current`
    holds, in the file's order."""
    _, columns = SHEETS[entity]
    entries: list[EntryChange] = []
    unchanged = 0
    for record in records:
        stored = current(record.id)
        was = stored if stored is not None and not stored.deleted else None
        cells = []
        for column in columns[1:]:  # the ID is the entry's, not a change
            old = column.write(was) if was is not None else ""
            new = column.write(record)
            if old != new:
                cells.append(CellChange(column=column.header, old=old, new=new))
        if was is not None and not cells:
            unchanged += 1
            continue
        entries.append(
            EntryChange(id=record.id, title=title_of(record), created=was is None, cells=cells)
        )
    return ImportPreview(entries=entries, unchanged=unchanged)
