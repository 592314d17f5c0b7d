"""The review queue: coordinators accept (optionally edited) or reject change reports."""

import base64
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, exists, or_
from sqlmodel import Session, col, select

from sync_server import audit, change_order, changes
from sync_server.auth import Caller
from sync_server.merge import Edit, apply_edit
from sync_server.problems import ProblemError
from sync_server.self_service import registrations, requests
from sync_server.tables import Account, SyncItem, SyncItemKommune
from wegweiser.edits import EditRefused, check_field_names
from wegweiser.kinds import ENTITY_BY_NAME
from wegweiser.model import SyncedRecord
from wegweiser.owned import ChangeReport, ReportStatus
from wegweiser.protocol import UNREADABLE_CURSOR, MutationStatus
from wegweiser.registration import FROM_NETWORK
from wegweiser.self_service import FROM_CONTACT_POINT


def list_reports(
    session: Session,
    status: ReportStatus | None = None,
    kommune: str | None = None,
    target_id: str | None = None,
    after: str | None = None,
    limit: int = 50,
) -> tuple[list[tuple[ChangeReport, str]], str | None]:
    """A page of reports with their reporters' names, oldest first, and where the next
    page starts (None: this was the last). `kommune` keeps reports on entries of that
    Kommune; `target_id` those on one entry (several reports on it shown together)."""
    statement = (
        select(ChangeReport, Account.name)
        .join(Account, col(Account.id) == col(ChangeReport.account_id), isouter=True)
        .order_by(col(ChangeReport.created_at), col(ChangeReport.id))
        .limit(limit + 1)
    )
    if status is not None:
        statement = statement.where(ChangeReport.status == status)
    if target_id is not None:
        statement = statement.where(ChangeReport.target_id == target_id)
    if kommune is not None:
        statement = statement.where(
            exists(
                select(SyncItem.id)
                .join(SyncItemKommune, col(SyncItemKommune.item_id) == col(SyncItem.id))
                .where(
                    col(SyncItem.record_id) == col(ChangeReport.target_id),
                    col(SyncItemKommune.kommune_key) == kommune,
                )
            )
        )
    if after:
        try:
            created, _, report_id = base64.urlsafe_b64decode(after).decode().partition("|")
            since = datetime.fromisoformat(created)
            # A cursor made by hand may lack the zone, or name another: ours are UTC.
            since = since.replace(tzinfo=UTC) if since.tzinfo is None else since.astimezone(UTC)
        except ValueError:
            raise ProblemError(
                400, UNREADABLE_CURSOR, "Ungültiger Cursor", "Der Cursor ist nicht lesbar."
            ) from None
        statement = statement.where(
            or_(
                col(ChangeReport.created_at) > since,
                and_(col(ChangeReport.created_at) == since, col(ChangeReport.id) > report_id),
            )
        )
    rows = [(report, name or "") for report, name in session.exec(statement)]
    if len(rows) <= limit:
        return rows, None
    return rows[:limit], page_cursor(rows[limit - 1][0])


def page_cursor(last: ChangeReport) -> str:
    """Where the page after `last` starts: opaque to clients, and safe in a URL as it is."""
    assert last.created_at is not None
    return base64.urlsafe_b64encode(f"{last.created_at.isoformat()}|{last.id}".encode()).decode()


def _pending(session: Session, report_id: str) -> ChangeReport:
    report = session.get(ChangeReport, report_id)
    if report is None:
        raise ProblemError(
            404, "meldung-unbekannt", "Unbekannte Meldung", "Diese Meldung gibt es nicht."
        )
    if report.status != ReportStatus.PENDING:
        raise ProblemError(
            409,
            "meldung-entschieden",
            "Meldung schon entschieden",
            f"Die Meldung wurde bereits bearbeitet (Status „{report.status.value}“).",
        )
    return report


def accept(
    session: Session, caller: Caller, report_id: str, fields: dict[str, Any] | None
) -> ChangeReport:
    """Publish the reported (or the coordinator's edited) values and close the report."""
    change_order.write_alone(session)
    report = _pending(session, report_id)
    cls = ENTITY_BY_NAME[report.target_entity]
    values = report.changes if fields is None else fields
    current = session.get(cls, report.target_id)
    before = changes.content_of(current) if current is not None else None
    # A report of only what was found there (closed, moved) or a comment changes no
    # field: accepting it says it was seen; the office edits the entry itself.
    if values:
        _publish(session, cls, report, values)
    _mark_checked(session, cls, report.target_id)
    decided = _decided(report, ReportStatus.ACCEPTED, None)
    if fields is not None and fields != report.changes:
        # Corrected before it was accepted: reporter and office see what was published.
        decided.published = fields
    saved = changes.save(session, decided, report)
    assert isinstance(saved, ChangeReport)
    if report.account_id == FROM_NETWORK:
        registrations.decided(session, saved)
    after = session.get(cls, report.target_id, populate_existing=True)
    assert after is not None
    details = {
        "report": report.id,
        "reporter": report.account_id,
        "fields": audit.changed_fields(before, changes.content_of(after)),
    }
    audit.record(
        session, caller, audit.REPORT_ACCEPTED, report.target_entity, report.target_id, details
    )
    session.commit()
    return saved


def _publish(
    session: Session, cls: type[SyncedRecord], report: ChangeReport, values: dict[str, Any]
) -> None:
    try:
        check_field_names(cls, values)
        result = apply_edit(session, cls, Edit(report.target_id, report.base_version, values))
    except EditRefused as exc:
        raise ProblemError(
            422, "meldung-ungueltig", "Meldung nicht übernehmbar", str(exc)
        ) from None
    if result.status == MutationStatus.CONFLICT:
        assert result.conflicts is not None
        raise ProblemError(
            409,
            "meldung-konflikt",
            "Inhalt hat sich inzwischen geändert",
            "Diese Felder wurden seit der Meldung geändert: "
            + ", ".join(result.conflicts)
            + ". Bitte mit bearbeiteten Werten übernehmen.",
            errors=[
                {"feld": field, "server": c.server, "gemeldet": c.yours}
                for field, c in result.conflicts.items()
            ],
        )


def _mark_checked(session: Session, cls: type[SyncedRecord], target_id: str) -> None:
    """A decided report is a check of its entry: the office looked at it, so "Zuletzt
    geprüft" becomes today (guides stop seeing "bitte vor Ort nachfragen", Aktualität
    drops it)."""
    if "last_verified" not in cls.model_fields:
        return
    current = session.get(cls, target_id, populate_existing=True)
    today = changes.now().date()
    if current is None or current.deleted or getattr(current, "last_verified", None) == today:
        return
    apply_edit(session, cls, Edit(target_id, current.version, {"last_verified": today.isoformat()}))


def reject(session: Session, caller: Caller, report_id: str, reason: str) -> ChangeReport:
    """Close a report without publishing; the reporter sees the reason."""
    change_order.write_alone(session)
    report = _pending(session, report_id)
    _mark_checked(session, ENTITY_BY_NAME[report.target_entity], report.target_id)
    decided = _decided(report, ReportStatus.REJECTED, reason)
    saved = changes.save(session, decided, report)
    assert isinstance(saved, ChangeReport)
    if report.account_id == FROM_CONTACT_POINT:
        requests.mail_rejection(session, report.id)
    if report.account_id == FROM_NETWORK:
        registrations.decided(session, saved)
    details = {"report": report.id, "reporter": report.account_id, "reason": reason}
    audit.record(
        session, caller, audit.REPORT_REJECTED, report.target_entity, report.target_id, details
    )
    session.commit()
    return saved


def _decided(report: ChangeReport, status: ReportStatus, reason: str | None) -> ChangeReport:
    # A fresh instance: copying a table model would share its ORM state with the original.
    return ChangeReport.model_validate(
        {**report.model_dump(), "status": status, "decided_at": changes.now(), "reason": reason}
    )
