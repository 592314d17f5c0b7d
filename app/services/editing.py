"""Editing entries on a device of the Koordinierungsstelle: create, change, publish, archive.

The form is derived from the entry's model (`wegweiser.model`), so a field added there
appears here without a list to keep in step; a few fields get a widget of their own (the
sheet's Markdown, opening hours as a week, Kommunen and topics as choices). Saving is an
edit like any other: checked by the shared rulebook, applied to the device's copy and
queued (`app.sync.outbox`), so the office edits offline too and the next sync publishes
it. No Flet here.
"""

import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlmodel import col, select

from app.store import content
from app.store.database import Store
from app.sync import outbox
from wegweiser.edits import EditRefused
from wegweiser.kinds import ENTRY_KINDS, KINDS, title_of
from wegweiser.model import (
    SYNC_FIELDS,
    InfoSheet,
    Kommune,
    Publication,
    SyncedRecord,
    kommunen_of,
    new_id,
    publication_of,
)
from wegweiser.opening_hours import OpeningHoursError
from wegweiser.translations import is_outdated
from wegweiser.week import Week, week_of, week_text

EDITABLE: tuple[type[SyncedRecord], ...] = tuple(kind.model for kind in ENTRY_KINDS)
"""The kinds the office edits here (regions, Kommunen and topics come with the dataset)."""

Widget = Literal[
    "text", "multiline", "markdown", "list", "phones", "week", "switch", "number",
    "kommune", "kommunen", "topic", "topics", "status",
]  # fmt: skip

_BY_NAME: dict[str, Widget] = {
    "body": "markdown",
    "opening_hours": "week",
    "phones": "phones",
    "kommune_key": "kommune",
    "kommune_keys": "kommunen",
    "topic_key": "topic",
    "topic_keys": "topics",
    "status": "status",
}
_NOT_IN_FORM = frozenset(
    {"last_verified", "language", "translation_of", "source_version", "contact_point_id"}
)
"""Kept as they are: set by "geprüft" on save, by translations, by the dataset."""


@dataclass(frozen=True)
class FormField:
    """One field of the editor: its name (the model's) and how it is edited."""

    name: str
    widget: Widget
    required: bool
    optional: bool
    """May be empty (None); otherwise an empty text is stored as ""."""


@dataclass(frozen=True)
class EditorEntry:
    """An entry in the editor's list, whatever its state."""

    kind: str
    record_id: str
    title: str
    status: Publication
    kommunen: list[str]
    """Names of the Kommunen it is for; empty: district-wide."""
    outdated: bool = False
    """A translation whose German original changed since it was made."""


def _original(records: dict[str, Any], original_id: str | None) -> InfoSheet | None:
    found = records.get(original_id or "")
    return found if isinstance(found, InfoSheet) else None


class FormRefused(EditRefused):
    """A value of the form cannot be saved; `field` says which (German message)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def form_field(kind: str, name: str) -> FormField:
    """One field of a kind's editor."""
    return next(spec for spec in form_fields(kind) if spec.name == name)


def form_fields(kind: str) -> list[FormField]:
    """The editor's fields for a kind, in the model's order."""
    model = KINDS[kind].model
    fields = []
    for name, info in model.model_fields.items():
        if name in SYNC_FIELDS or name in _NOT_IN_FORM:
            continue
        optional = _without_none(info.annotation) is not info.annotation
        widget = _widget(name, info.annotation, info)
        fields.append(FormField(name, widget, info.is_required(), optional))
    return fields


def _widget(name: str, annotation: Any, info: Any) -> Widget:
    if name in _BY_NAME:
        return _BY_NAME[name]
    plain = _without_none(annotation)
    if plain is bool:
        return "switch"
    if plain in (int, float):
        return "number"
    if typing.get_origin(plain) is list:
        return "list"
    longest = next((m.max_length for m in info.metadata if hasattr(m, "max_length")), None)
    return "multiline" if longest is not None and longest > 500 else "text"


def _without_none(annotation: Any) -> Any:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        return rest[0] if len(rest) == 1 else annotation
    return annotation


def form_values(record: SyncedRecord | None, kind: str) -> dict[str, Any]:
    """The form's starting values: text for text, a `Week` (or the raw text when a week
    cannot hold it) for opening hours, lists of keys for choices, bools for switches."""
    values: dict[str, Any] = {}
    for spec in form_fields(kind):
        value = getattr(record, spec.name, None) if record is not None else None
        values[spec.name] = shown_value(spec.widget, value)
    if record is None and "status" in values:
        values["status"] = Publication.DRAFT.value  # new entries start unseen
    return values


def shown_value(widget: Widget, value: Any) -> Any:
    """A field's stored value as its form control holds it (see `form_values`)."""
    if widget == "week":
        return week_of(value) or value
    if widget == "switch":
        return bool(value)
    if widget in ("kommunen", "topics"):
        return list(value or [])
    if widget == "list":
        return ", ".join(value or [])
    if widget == "phones":
        return "\n".join(f"{p.get('label', '')}: {p.get('number', '')}" for p in value or [])
    if widget == "status":
        return Publication(value or Publication.PUBLISHED).value
    return "" if value is None else str(value)


def shown_field(kind: str, name: str, value: Any) -> Any:
    """A stored value of one field as the editor's control holds it."""
    return shown_value(form_field(kind, name).widget, value)


def corrected_fields(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """Form values of some fields back as record values (a report corrected before it
    is accepted); raises `FormRefused` (German) naming the field."""
    return {name: field_value(form_field(kind, name), typed) for name, typed in values.items()}


def field_value(spec: FormField, typed: Any) -> Any:
    """What the form's value becomes in the record; raises `FormRefused` (German)."""
    if spec.widget == "week":
        if isinstance(typed, Week):
            try:
                return week_text(typed)
            except OpeningHoursError as exc:
                raise FormRefused(spec.name, str(exc)) from None
        return str(typed).strip() or None
    if spec.widget in ("switch", "kommunen", "topics"):
        return typed
    if spec.widget == "list":
        return [part.strip() for part in str(typed).split(",") if part.strip()]
    if spec.widget == "phones":
        return [_phone(line) for line in str(typed).splitlines() if line.strip()]
    text = str(typed).strip()
    if spec.widget == "number":
        if not text:
            return None
        try:
            return float(text.replace(",", "."))
        except ValueError:
            raise FormRefused(spec.name, f"„{text}“ ist keine Zahl.") from None
    if not text:
        if spec.required:
            raise FormRefused(spec.name, "Bitte ausfüllen.")
        return None if spec.optional else ""
    return text


def _phone(line: str) -> dict[str, str]:
    label, colon, number = line.partition(":")
    if not colon:
        return {"label": "Telefon", "number": line.strip()}
    return {"label": label.strip() or "Telefon", "number": number.strip()}


class EditingService:
    """The office's edits on this device; `on_edit` asks for a sync."""

    def __init__(self, store: Store, on_edit: Callable[[], None] = lambda: None) -> None:
        self.store = store
        self.on_edit = on_edit

    def entries(self, kind: str, status: Publication | None = None) -> list[EditorEntry]:
        """Every entry of a kind on this device (drafts and archived ones too), by title."""
        model = KINDS[kind].model
        with self.store.session() as session:
            records = session.exec(select(model).where(col(model.deleted).is_(False))).all()
            names = {k.key: k.name for k in session.exec(select(Kommune))}
        by_id = {r.id: r for r in records}
        found = [
            EditorEntry(
                kind,
                r.id,
                title_of(r),
                publication_of(r),
                [names.get(key, key) for key in kommunen_of(r)],
                outdated=isinstance(r, InfoSheet)
                and is_outdated(r, _original(by_id, r.translation_of)),
            )
            for r in records
            if status is None or publication_of(r) == status
        ]
        return sorted(found, key=lambda e: e.title.casefold())

    def record(self, kind: str, record_id: str) -> SyncedRecord | None:
        with self.store.session() as session:
            return content.get(session, KINDS[kind].model, record_id)

    def save(
        self,
        kind: str,
        record_id: str | None,
        values: dict[str, Any],
        today: date | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> str:
        """Save the form; returns the entry's id (a new one for a new entry). Only fields
        that changed are sent, so two people editing different fields both keep theirs.
        Saving counts as checking: "zuletzt geprüft" becomes today. Raises
        `FormRefused`/`EditRefused` (German); nothing is saved then."""
        current = self.record(kind, record_id) if record_id else None
        before = form_values(current, kind) if current is not None else {}
        fields: dict[str, Any] = {}
        for spec in form_fields(kind):
            typed = values.get(spec.name)
            if current is not None and typed == before.get(spec.name):
                continue
            fields[spec.name] = field_value(spec, typed)
        if "last_verified" in KINDS[kind].model.model_fields:
            fields["last_verified"] = (today or date.today()).isoformat()
        if current is None and kind == InfoSheet.entity:
            fields["language"] = "de"
        if isinstance(current, InfoSheet) and current.translation_of:
            # Saved beside its original: the translation now says what that version says.
            original = self.record(kind, current.translation_of)
            if original is not None and original.version != current.source_version:
                fields["source_version"] = original.version
        target = record_id or new_id()
        outbox.record_edit(self.store, kind, target, fields, clock)
        self.on_edit()
        return target

    def set_status(
        self,
        kind: str,
        record_id: str,
        status: Publication,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """Publish, take back to draft, or archive (guides' devices drop it at their next
        sync; the office keeps it and can publish it again)."""
        outbox.record_edit(self.store, kind, record_id, {"status": status.value}, clock)
        self.on_edit()
