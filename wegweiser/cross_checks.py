"""Checks across the records of a district's dataset file: each id and key once,
every reference resolved (`wegweiser.references`), Verbandsgemeinden as parents, and
translations of originals only. Each record is checked on its own before
(`wegweiser.dataset`)."""

from collections.abc import Callable
from typing import Any

from wegweiser.edits import value_problems
from wegweiser.model import InfoSheet, Kommune, KommuneKind, SyncedRecord, Topic
from wegweiser.references import existing_in, missing

Problem = tuple[SyncedRecord, str, str]
"""(record, field, German message)."""


def cross_problems(
    records: list[SyncedRecord], document: Any, label: Callable[[SyncedRecord], str]
) -> list[Problem]:
    """What is wrong between `records` (each valid on its own) of the file `document`;
    `label` says where a record stands in the file ("offers[0] „Sprachcafé“")."""
    problems: list[Problem] = []
    seen: dict[str, SyncedRecord] = {}
    for record in records:
        if record.id in seen:
            problems.append((record, "id", f"doppelt (schon bei {label(seen[record.id])})."))
        else:
            seen[record.id] = record

    kommunen = [r for r in records if isinstance(r, Kommune)]
    topics = [r for r in records if isinstance(r, Topic)]
    for keyed, group in ((kommunen, "Kommune"), (topics, "Thema")):
        keys: set[str] = set()
        for item in keyed:
            if item.key in keys:
                problems.append((item, "key", f"Schlüssel „{item.key}“ doppelt ({group})."))
            keys.add(item.key)

    # References count as resolved when the target exists in the file at all, even if
    # the target itself has a problem: that problem is reported once, at the target.
    existing = existing_in(
        {
            "kommune": _raw_values(document, "kommunen", "key"),
            "topic": _raw_values(document, "topics", "key"),
            "contact_point": _raw_values(document, "contact_points", "id"),
            "sheet": _raw_values(document, "sheets", "id"),
        }
    )
    for record in records:
        problems += [(record, field, text) for field, text in missing(record, existing)]
        problems += [(record, field, text) for field, text in value_problems(record)]

    by_key = {k.key: k for k in kommunen}
    for kommune in kommunen:
        parent = by_key.get(kommune.parent_key or "")
        if parent is not None and parent.kind != KommuneKind.VERBANDSGEMEINDE:
            problems.append((kommune, "parent_key", f"„{parent.key}“ ist keine Verbandsgemeinde."))
    sheets = {r.id: r for r in records if isinstance(r, InfoSheet)}
    for sheet in sheets.values():
        original = sheets.get(sheet.translation_of or "")
        if original is not None and original.translation_of is not None:
            problems.append((sheet, "translation_of", "verweist auf eine Übersetzung."))
    return problems


def _raw_values(document: Any, section: str, name: str) -> set[str]:
    items = document.get(section)
    if not isinstance(items, list):
        return set()
    return {
        item[name] for item in items if isinstance(item, dict) and isinstance(item.get(name), str)
    }
