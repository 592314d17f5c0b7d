"""The guide's own things: favourites, private notes and change reports.

Every change goes through the outbox (`app.sync.outbox`), so it is kept offline and
reaches the person's other devices or the Koordinierungsstelle at the next sync;
`on_edit` asks for that sync. No Flet here.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import col, select

from app.store import content
from app.store.database import Store
from app.sync import outbox, problems
from app.sync import state as sync_state
from wegweiser.owned import ChangeReport, Favourite, PrivateNote, ReportFlag

_OWN_RECORDS = uuid.UUID("6f1f0d5e-4a8b-4c59-9a53-2b7c3f0e9d41")
"""Namespace for the ids of a person's favourite and note on a record: the same on every
device of the account, so that two devices' notes on one record meet (and may conflict)
instead of becoming two notes."""


@dataclass(frozen=True)
class Saved:
    """A favourite: what it points at, and its title for the list."""

    kind: str
    record_id: str
    title: str


@dataclass(frozen=True)
class MyReport:
    """A change report as its author sees it."""

    id: str
    target_entity: str
    target_id: str
    target_title: str
    changes: dict[str, Any]
    comment: str
    state: str
    """waiting (not yet sent), pending (submitted), accepted, rejected (by the office,
    with its reason) or refused (by the server's rules, with why: to correct)."""
    reason: str | None
    flag: str | None = None
    """What was found on site (closed, moved, unreachable), if anything."""
    published: dict[str, Any] | None = None
    """Accepted with corrections: what the office published instead of `changes`."""


class PersonalService:
    """Favourites, notes and reports of the person signed in on this device."""

    def __init__(self, store: Store, on_edit: Callable[[], None] = lambda: None) -> None:
        self.store = store
        self.on_edit = on_edit

    def _own_id(self, kind: str, entity: str, record_id: str) -> str:
        with self.store.session() as session:
            account = sync_state.load(session).account_id
        return str(uuid.uuid5(_OWN_RECORDS, f"{account}/{kind}/{entity}/{record_id}"))

    def is_favourite(self, entity: str, record_id: str) -> bool:
        with self.store.session() as session:
            found = session.get(Favourite, self._own_id("favourite", entity, record_id))
            return found is not None and not found.deleted

    def set_favourite(self, entity: str, record_id: str, on: bool) -> None:
        """Mark or unmark; queued for the person's other devices."""
        if on == self.is_favourite(entity, record_id):
            return
        favourite_id = self._own_id("favourite", entity, record_id)
        fields = {"target_entity": entity, "target_id": record_id}
        op = "upsert" if on else "delete"
        outbox.record_edit(self.store, "favourite", favourite_id, fields, _now, op=op)
        self.on_edit()

    def favourites(self) -> list[Saved]:
        """The person's favourites that still exist, by title."""
        with self.store.session() as session:
            marked = session.exec(select(Favourite).where(col(Favourite.deleted).is_(False)))
            found = [
                Saved(f.target_entity, f.target_id, title)
                for f in marked
                if (title := content.title_of(session, f.target_entity, f.target_id)) is not None
            ]
        return sorted(found, key=lambda saved: saved.title.casefold())

    def note(self, entity: str, record_id: str) -> str:
        with self.store.session() as session:
            found = session.get(PrivateNote, self._own_id("note", entity, record_id))
            return "" if found is None or found.deleted else found.text

    def save_note(self, entity: str, record_id: str, text: str) -> None:
        """Store the note (an empty text deletes it); raises `EditRefused` (wegweiser.edits)."""
        text = text.strip()
        if text == self.note(entity, record_id):
            return
        note_id = self._own_id("note", entity, record_id)
        if text:
            fields = {"target_entity": entity, "target_id": record_id, "text": text}
            outbox.record_edit(self.store, "private_note", note_id, fields, _now)
        else:
            outbox.record_edit(self.store, "private_note", note_id, {}, _now, op="delete")
        self.on_edit()

    def report_change(
        self,
        entity: str,
        record_id: str,
        fields: dict[str, Any],
        comment: str,
        flag: ReportFlag | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        replaces: str | None = None,
    ) -> str:
        """Queue a change report (offline-safe); raises `EditRefused` in German.
        `replaces` names a report the server refused that this one corrects: it leaves
        the list once the correction is queued."""
        report_id = outbox.record_edit(
            self.store, entity, record_id, fields, clock, comment=comment, flag=flag
        )
        if replaces is not None:
            problems.dismiss(self.store, replaces)
            with self.store.session() as session:
                refused = session.get(ChangeReport, replaces)
                if refused is not None:
                    session.delete(refused)
        self.on_edit()
        return report_id

    def my_reports(self) -> list[MyReport]:
        """The device's change reports, newest first, with their state."""
        refused = {
            p.mutation_id: p.reason
            for p in problems.open_problems(self.store)
            if p.kind == "rejected"
        }
        with self.store.session() as session:
            waiting = outbox.queued_ids(session)
            reports = session.exec(
                select(ChangeReport).order_by(col(ChangeReport.created_at).desc())
            ).all()
        return [
            MyReport(
                id=r.id,
                target_entity=r.target_entity,
                target_id=r.target_id,
                target_title=r.target_title,
                changes=dict(r.changes),
                comment=r.comment,
                state=(
                    "waiting"
                    if r.id in waiting
                    else "refused"
                    if r.id in refused
                    else r.status.value
                ),
                reason=refused.get(r.id) or r.reason,
                flag=r.flag.value if r.flag else None,
                published=dict(r.published) if r.published is not None else None,
            )
            for r in reports
            if not r.deleted
        ]


def _state(report: ChangeReport, waiting: set[str], refused: dict[str, str | None]) -> str:
    if report.id in waiting:
        return "waiting"
    if report.id in refused:
        return "refused"
    return report.status.value


def _now() -> datetime:
    return datetime.now(UTC)
