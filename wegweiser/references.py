"""What a record names must exist: its Kommunen, its topics, an offer's contact point, a
translation's original, a member Kommune's Verbandsgemeinde.

One rule and one wording for the dataset loader (against the file), the server (against
its database) and the spreadsheets (against the names the office typed)."""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Literal

from wegweiser.messages import quoted
from wegweiser.model import (
    ContactPoint,
    InfoSheet,
    Kommune,
    NetworkPartner,
    Offer,
    SyncedRecord,
)

Target = Literal["kommune", "topic", "contact_point", "sheet"]
"""What a reference points to."""

_UNKNOWN: dict[Target, str] = {
    "kommune": "Die Kommune {} gibt es nicht.",
    "topic": "Das Thema {} gibt es nicht.",
    "contact_point": "Eine Anlaufstelle mit der ID {} gibt es nicht.",
    "sheet": "Ein Informationsblatt mit der ID {} gibt es nicht.",
}


def unknown(target: Target, key: str) -> str:
    """The German sentence for a reference to nothing ("Die Kommune „x“ gibt es nicht.")."""
    return _UNKNOWN[target].format(quoted(key))


@dataclass(frozen=True)
class Reference:
    """One key a record names, in one of its fields."""

    field: str
    target: Target
    key: str


def references_of(record: SyncedRecord) -> list[Reference]:
    """Every key `record` names, field by field."""
    found: list[Reference] = []
    if isinstance(record, Kommune) and record.parent_key:
        found.append(Reference("parent_key", "kommune", record.parent_key))
    if isinstance(record, ContactPoint | NetworkPartner):
        found += [Reference("kommune_keys", "kommune", key) for key in record.kommune_keys]
    elif isinstance(record, InfoSheet | Offer) and record.kommune_key:
        found.append(Reference("kommune_key", "kommune", record.kommune_key))
    if isinstance(record, InfoSheet):
        found.append(Reference("topic_key", "topic", record.topic_key))
        if record.translation_of:
            found.append(Reference("translation_of", "sheet", record.translation_of))
    elif isinstance(record, ContactPoint | Offer | NetworkPartner):
        found += [Reference("topic_keys", "topic", key) for key in record.topic_keys]
    if isinstance(record, Offer) and record.contact_point_id:
        found.append(Reference("contact_point_id", "contact_point", record.contact_point_id))
    return found


Existing = Callable[[Target, list[str]], Collection[str]]
"""existing(target, keys): which of `keys` exist (a database query, a file's keys)."""


def missing(record: SyncedRecord, existing: Existing) -> list[tuple[str, str]]:
    """The references of `record` to nothing: (field, German message) for each."""
    references = references_of(record)
    found: dict[Target, Collection[str]] = {}
    for target in {reference.target for reference in references}:
        keys = [r.key for r in references if r.target == target]
        found[target] = existing(target, keys)
    return [
        (reference.field, unknown(reference.target, reference.key))
        for reference in references
        if reference.key not in found[reference.target]
    ]


def existing_in(known: dict[Target, Iterable[str]]) -> Existing:
    """`Existing` for keys known beforehand (a file's, a spreadsheet's)."""
    sets = {target: set(keys) for target, keys in known.items()}
    return lambda target, keys: sets.get(target, set())
