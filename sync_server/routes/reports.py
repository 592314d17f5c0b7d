"""The review queue of change reports, for the Koordinierungsstelle."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from sqlmodel import Session

from sync_server import reports
from sync_server.auth import STAFF, Caller
from sync_server.db import session_dependency
from wegweiser.model import ChangeReport, ReportStatus
from wegweiser.protocol import AcceptRequest, RejectRequest, Uuid

router = APIRouter(prefix="/reports", tags=["meldungen"])

ReportId = Annotated[Uuid, Path(description="id of the change report")]


@router.get("", response_model=list[ChangeReport])
def list_reports(
    _: Annotated[Caller, Depends(STAFF)],
    session: Annotated[Session, Depends(session_dependency)],
    status: ReportStatus | None = None,
) -> list[ChangeReport]:
    """All reports, oldest first; `?status=pending` is the review queue."""
    return reports.list_reports(session, status)


@router.post("/{report_id}/accept", response_model=ChangeReport)
def accept(
    report_id: ReportId,
    body: AcceptRequest,
    _: Annotated[Caller, Depends(STAFF)],
    session: Annotated[Session, Depends(session_dependency)],
) -> ChangeReport:
    """Publish the report (or `fields`, the coordinator's edit of it)."""
    return reports.accept(session, report_id, body.fields)


@router.post("/{report_id}/reject", response_model=ChangeReport)
def reject(
    report_id: ReportId,
    body: RejectRequest,
    _: Annotated[Caller, Depends(STAFF)],
    session: Annotated[Session, Depends(session_dependency)],
) -> ChangeReport:
    """Close the report with a reason the reporter sees."""
    return reports.reject(session, report_id, body.reason)
