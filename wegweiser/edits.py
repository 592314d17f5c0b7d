"""The rulebook for edits, applied by the app's outbox and again by the server.

An edit names a kind of record, a record and new values for some of its fields. The
app checks an edit before queueing it, so that the person hears at once, in German,
what is wrong and nothing invalid waits in the outbox; the server checks it again
because it trusts no device. Both build a guide's change report the same way.
"""

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from wegweiser import addresses, holidays, markdown_rules, opening_hours
from wegweiser.kinds import Kind, kind_of, title_of
from wegweiser.messages import field_path, quoted, validation_message
from wegweiser.model import SYNC_FIELDS, ContactPoint, InfoSheet, Region, SyncedRecord
from wegweiser.owned import ChangeReport, ReportFlag, ReportStatus
from wegweiser.protocol import Role
from wegweiser.wire_values import no_control_characters

NOTHING_REPORTED = (
    "Die Meldung enthält nichts: keine Änderung, nichts vor Ort Festgestelltes und keinen Hinweis."
)


class EditRefused(ValueError):
    """The edit breaks a rule and was not stored; the message is German, for the person."""


def kind_for_edit(entity: str) -> Kind:
    """The kind an edit names; an unknown name is refused."""
    kind = kind_of(entity)
    if kind is None:
        raise EditRefused(f"Unbekannter Datentyp {quoted(entity)}.")
    return kind


def check_field_names(cls: type[SyncedRecord], fields: dict[str, Any]) -> None:
    """Only the record's own fields, and none of those the server manages."""
    for name in fields:
        if name in SYNC_FIELDS:
            raise EditRefused(f"Feld {quoted(name)} wird vom Server verwaltet.")
        if name not in cls.model_fields:
            raise EditRefused(f"Unbekanntes Feld {quoted(name)}.")


_EMAIL_FIELDS = ("email", "contact_email", "coordination_email")
WEBSITE_FIELDS = ("website",)


def value_problem(record: SyncedRecord) -> tuple[str, str] | None:
    """The first rule the record's values break beyond their types: (field, German
    message); None when it breaks none."""
    return next(value_problems(record), None)


def value_problems(record: SyncedRecord) -> Iterator[tuple[str, str]]:
    """Every rule the record's values break beyond their types, as (field, German
    message): an edit names the first, a district's file every one."""
    for name in type(record).model_fields:
        # As push refuses them in any text: control characters, a letter under
        # thousands of accents (the app hears it as typed, not at the next sync).
        try:
            no_control_characters(getattr(record, name))
        except ValueError as exc:
            yield name, f"Der Text {exc}."
    for name in _EMAIL_FIELDS + WEBSITE_FIELDS:
        value = getattr(record, name, None)
        if value:
            check = addresses.email_problem if name in _EMAIL_FIELDS else addresses.website_problem
            problem = check(value)
            if problem is not None:
                yield name, problem
    if isinstance(record, ContactPoint) and record.opening_hours is not None:
        try:
            opening_hours.parse(record.opening_hours)
        except opening_hours.OpeningHoursError as exc:
            yield "opening_hours", str(exc)
    if isinstance(record, Region):
        problem = holidays.check_state(record.state)
        if problem is not None:
            yield "state", problem
    if isinstance(record, InfoSheet):
        for problem in markdown_rules.link_problems(record.body):
            yield "body", problem


def build(cls: type[SyncedRecord], data: dict[str, Any]) -> SyncedRecord:
    """Validate a whole record; the first problem becomes a German message."""
    try:
        record = cls.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise EditRefused(f"Feld „{field_path(error)}“: {validation_message(error)}") from None
    problem = value_problem(record)
    if problem is not None:
        raise EditRefused(f"Feld „{problem[0]}“: {problem[1]}")
    return record


def becomes_report(role: str, kind: Kind) -> bool:
    """A guide's edit of shared content is a proposal for the Koordinierungsstelle, not a
    change; their own notes, favourites and the staff's edits are changes."""
    return role == Role.LOTSE and not kind.owned


def check_report(
    kind: Kind,
    current: SyncedRecord | None,
    op: str,
    fields: dict[str, Any],
    flag: ReportFlag | None = None,
    comment: str = "",
) -> None:
    """What a guide may report on an existing record: changes of its reportable fields,
    what was found there (`flag`: closed, moved, unreachable), or a comment."""
    if not kind.reportable:
        raise EditRefused("Diese Daten pflegt die Koordinierungsstelle.")
    if op == "delete":
        raise EditRefused(
            "Lotsen können keine Einträge löschen; bitte als Änderung mit Hinweis melden."
        )
    if current is None or current.deleted:
        raise EditRefused("Meldungen sind nur zu bestehenden Einträgen möglich.")
    if not fields and flag is None and not comment.strip():
        raise EditRefused(NOTHING_REPORTED)
    for name in fields:
        if name not in kind.reportable:
            raise EditRefused(f"Das Feld {quoted(name)} pflegt die Koordinierungsstelle.")


def change_report(
    report_id: str,
    account_id: str,
    current: SyncedRecord,
    proposed: SyncedRecord,
    fields: dict[str, Any],
    base_version: int,
    created_at: datetime,
    comment: str = "",
    flag: ReportFlag | None = None,
) -> ChangeReport:
    """The change report a guide's edit becomes; its id is the edit's mutation id, so
    that device and server name it alike."""
    values = proposed.model_dump(mode="json")
    return ChangeReport(
        id=report_id,
        account_id=account_id,
        target_entity=current.entity,
        target_id=current.id,
        target_title=title_of(current),
        base_version=base_version,
        changes={name: values[name] for name in fields},
        comment=comment,
        flag=flag,
        status=ReportStatus.PENDING,
        created_at=created_at,
    )
