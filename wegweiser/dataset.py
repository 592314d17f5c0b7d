"""The Wegweiser dataset file: a versioned JSON document with all content of a region.

The format is described in `docs/data-format.md`. `parse_dataset` checks a whole file
before anything is written anywhere: every problem is reported with the record and
the field it concerns, and a file with any problem is refused as a whole.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from wegweiser import renamed
from wegweiser.cross_checks import cross_problems
from wegweiser.messages import field_path, validation_message
from wegweiser.model import (
    SYNC_FIELDS,
    ContactPoint,
    InfoSheet,
    Kommune,
    NetworkPartner,
    Offer,
    Region,
    SyncedRecord,
    Synonym,
    Topic,
)
from wegweiser.wire_values import no_control_characters

FORMAT_NAME = "wegweiser-dataset"
FORMAT_VERSION = 1

# JSON section name → entity; "region" is a single object, the others are lists.
SECTIONS: dict[str, type[SyncedRecord]] = {
    "region": Region,
    "kommunen": Kommune,
    "topics": Topic,
    "synonyms": Synonym,
    "sheets": InfoSheet,
    "contact_points": ContactPoint,
    "offers": Offer,
    "partners": NetworkPartner,
}
_TOP_LEVEL = {"format", "format_version", "meta", *SECTIONS}
_OPTIONAL = frozenset({"synonyms"})
"""Sections added after format version 1 shipped: files from before have none."""
_MAX_ERRORS = 50
MAX_BYTES = 64_000_000
"""The largest dataset file read: the district's data is a few megabytes."""


class DatasetError(ValueError):
    """The dataset file was refused; `problems` lists each problem in German."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        shown = "\n".join(f"- {p}" for p in problems[:_MAX_ERRORS])
        more = len(problems) - _MAX_ERRORS
        suffix = f"\n- … und {more} weitere Probleme" if more > 0 else ""
        super().__init__(
            f"Datensatzdatei {source} abgelehnt, nichts wurde geladen:\n{shown}{suffix}"
        )


@dataclass(frozen=True)
class DatasetMeta:
    """What the file says about itself."""

    dataset_version: str
    title: str
    example_data: bool
    created: date | None = None
    note: str | None = None


@dataclass
class Dataset:
    """All content of one region, validated and cross-checked."""

    meta: DatasetMeta
    region: Region
    kommunen: list[Kommune] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    synonyms: list[Synonym] = field(default_factory=list)
    sheets: list[InfoSheet] = field(default_factory=list)
    contact_points: list[ContactPoint] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    partners: list[NetworkPartner] = field(default_factory=list)

    def records(self) -> Iterator[SyncedRecord]:
        """Every record, referenced records before the ones that reference them."""
        yield self.region
        yield from self.kommunen
        yield from self.topics
        yield from self.synonyms
        yield from self.sheets
        yield from self.contact_points
        yield from self.offers
        yield from self.partners


def dump_dataset(dataset: Dataset) -> bytes:
    """The dataset as a file `parse_dataset` reads back to the same records (the region's
    JSON export): ids kept, the fields sync manages left out."""

    def fields(record: SyncedRecord) -> dict[str, Any]:
        values = record.model_dump(mode="json", exclude=set(SYNC_FIELDS - {"id"}))
        return {name: value for name, value in values.items() if value is not None}

    meta = dataset.meta
    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "meta": {
            "dataset_version": meta.dataset_version,
            "title": meta.title,
            "example_data": meta.example_data,
            **({"created": meta.created.isoformat()} if meta.created else {}),
            **({"note": meta.note} if meta.note else {}),
        },
    }
    for section in SECTIONS:
        value = getattr(dataset, section)
        document[section] = fields(value) if section == "region" else [fields(r) for r in value]
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def load_dataset(path: Path, max_bytes: int = MAX_BYTES) -> Dataset:
    """Read and check a dataset file; raise `DatasetError` naming every problem.

    A file over `max_bytes` is refused before it is read.
    """
    return check_document(read_document(path, max_bytes), str(path))


def read_document(path: Path, max_bytes: int = MAX_BYTES) -> Any:
    """A dataset file as JSON values, not yet checked (`check_document` does that)."""
    size = path.stat().st_size
    if size > max_bytes:
        raise DatasetError(
            str(path),
            [f"Die Datei ist zu groß ({_german(size)} Bytes, höchstens {_german(max_bytes)})."],
        )
    return decode_document(path.read_bytes(), str(path))


def _german(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def parse_dataset(data: bytes, source: str = "<Daten>") -> Dataset:
    """Check raw bytes of a dataset file; raise `DatasetError` naming every problem."""
    return check_document(decode_document(data, source), source)


def decode_document(data: bytes, source: str) -> Any:
    """The JSON values of a dataset file's bytes; `DatasetError` if it is no JSON."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DatasetError(
            source, [f"Zeile {line}, Byte {exc.start}: kein gültiges UTF-8 ({exc.reason})."]
        ) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DatasetError(
            source, [f"Zeile {exc.lineno}, Spalte {exc.colno}: kein gültiges JSON ({exc.msg})."]
        ) from None
    except RecursionError:
        # Python's parser recurses per level; a hostile file of 100,000 brackets ends here.
        raise DatasetError(source, ["Die Datei ist zu tief verschachtelt."]) from None
    return document


def check_document(document: Any, source: str) -> Dataset:
    """The dataset a file's JSON values describe; `DatasetError` naming every problem."""
    return _Checker(source).check(document)


class _Checker:
    """Collects every problem of one document instead of stopping at the first."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[str] = []

    def check(self, document: Any) -> Dataset:
        if not isinstance(document, dict):
            raise DatasetError(self.source, ["Die Datei muss ein JSON-Objekt enthalten."])
        self._check_header(document)
        meta = self._meta(document.get("meta"))
        sections = {name: self._section(document, name, cls) for name, cls in SECTIONS.items()}
        regions = sections.pop("region")
        if not regions:
            raise DatasetError(self.source, self.problems)
        # Cross-check the records that are valid on their own, so that one run of the
        # loader lists every problem of the file.
        dataset = Dataset(
            meta=meta,
            region=regions[0][1],
            **{name: [record for _, record in located] for name, located in sections.items()},
        )
        labels = {id(record): label for entries in sections.values() for label, record in entries}
        labels[id(dataset.region)] = "region"
        records = list(dataset.records())
        for record, field_name, text in cross_problems(records, document, lambda r: labels[id(r)]):
            self.problems.append(f"{labels[id(record)]}, Feld „{field_name}“: {text}")
        if self.problems:
            raise DatasetError(self.source, self.problems)
        return dataset

    def _check_header(self, document: dict[str, Any]) -> None:
        if document.get("format") != FORMAT_NAME:
            self.problems.append(f"Feld „format“ muss „{FORMAT_NAME}“ sein.")
        version = document.get("format_version")
        if version != FORMAT_VERSION:
            self.problems.append(
                f"Feld „format_version“: Version {version!r} wird nicht unterstützt "
                f"(erwartet {FORMAT_VERSION})."
            )
        for unknown in sorted(set(document) - _TOP_LEVEL):
            self.problems.append(f"Unbekannter Abschnitt „{unknown}“.")

    def _meta(self, raw: Any) -> DatasetMeta:
        if not isinstance(raw, dict):
            self.problems.append("Abschnitt „meta“ fehlt oder ist kein Objekt.")
            return DatasetMeta("", "", example_data=True)
        for name in ("dataset_version", "title"):
            if not isinstance(raw.get(name), str) or not raw[name].strip():
                self.problems.append(f"meta, Feld „{name}“: Text fehlt.")
        if not isinstance(raw.get("example_data"), bool):
            self.problems.append("meta, Feld „example_data“: true oder false fehlt.")
        created = None
        if raw.get("created") is not None:
            try:
                created = date.fromisoformat(str(raw["created"]))
            except ValueError:
                self.problems.append("meta, Feld „created“: kein Datum (JJJJ-MM-TT).")
        return DatasetMeta(
            dataset_version=str(raw.get("dataset_version", "")),
            title=str(raw.get("title", "")),
            example_data=bool(raw.get("example_data", True)),
            created=created,
            note=raw.get("note"),
        )

    def _section(
        self, document: dict[str, Any], name: str, cls: type[SyncedRecord]
    ) -> list[tuple[str, Any]]:
        raw = document.get(name)
        if name == "region":
            if not isinstance(raw, dict):
                self.problems.append("Abschnitt „region“ fehlt oder ist kein Objekt.")
                return []
            items = [("region", raw)]
        else:
            if raw is None and name in _OPTIONAL:
                return []
            if not isinstance(raw, list):
                self.problems.append(f"Abschnitt „{name}“ fehlt oder ist keine Liste.")
                return []
            items = [(f"{name}[{index}]", item) for index, item in enumerate(raw)]
        located = []
        for where, item in items:
            record = self._record(where, item, cls)
            if record is not None:
                located.append((record_label(where, item), record))
        return located

    def _record(self, where: str, item: Any, cls: type[SyncedRecord]) -> SyncedRecord | None:
        if not isinstance(item, dict):
            self.problems.append(f"{where}: Eintrag ist kein Objekt.")
            return None
        label = record_label(where, item)
        item = renamed.fields_of(cls.entity, item)  # a file written before still loads
        ok = True
        for unknown in sorted(set(item) - set(cls.model_fields)):
            self.problems.append(f"{label}, Feld „{unknown}“: unbekanntes Feld.")
            ok = False
        if "id" not in item:
            self.problems.append(f"{label}, Feld „id“: Pflichtfeld fehlt.")
            ok = False
        for field_name, value in item.items():
            # As push refuses them: PostgreSQL refuses a NUL only once half the file is in.
            try:
                no_control_characters(value)
            except ValueError as exc:
                self.problems.append(f"{label}, Feld „{field_name}“: {exc}.")
                ok = False
        try:
            record = cls.model_validate(item)
        except ValidationError as exc:
            for error in exc.errors():
                self.problems.append(
                    f"{label}, Feld „{field_path(error)}“: {validation_message(error)}"
                )
            return None
        return record if ok else None


def record_label(where: str, item: Any) -> str:
    """How a problem names a record of the file: where it stands, its id and title
    ("sheets[3] id 6f1… „Kita-Anmeldung“")."""
    if not isinstance(item, dict):
        return where
    parts = [where]
    if isinstance(item.get("id"), str):
        parts.append(f"id {item['id']}")
    title = item.get("title") or item.get("name") or item.get("key")
    if isinstance(title, str):
        parts.append(f"„{title[:60]}“")
    return " ".join(parts)
