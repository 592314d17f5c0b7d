"""The review queue of change reports, for the Koordinierungsstelle."""

from typing import Annotated

from fastapi import APIRouter, Path

from sync_server import reports
from sync_server.deps import SessionDep, StaffCaller
from wegweiser.model import ChangeReport, ReportStatus
from wegweiser.protocol import AcceptRequest, RejectRequest, ReportView, Uuid

router = APIRouter(prefix="/reports", tags=["meldungen"])

ReportId = Annotated[Uuid, Path(description="id of the change report")]


@router.get("", response_model=list[ReportView])
def list_reports(
    _: StaffCaller,
    session: SessionDep,
    status: ReportStatus | None = None,
) -> list[ReportView]:
    """All reports, oldest first; `?status=pending` is the review queue."""
    return [_view(report) for report in reports.list_reports(session, status)]


@router.post("/{report_id}/accept", response_model=ReportView)
def accept(
    report_id: ReportId,
    body: AcceptRequest,
    caller: StaffCaller,
    session: SessionDep,
) -> ReportView:
    """Publish the report (or `fields`, the coordinator's edit of it)."""
    return _view(reports.accept(session, caller, report_id, body.fields))


@router.post("/{report_id}/reject", response_model=ReportView)
def reject(
    report_id: ReportId,
    body: RejectRequest,
    caller: StaffCaller,
    session: SessionDep,
) -> ReportView:
    """Close the report with a reason the reporter sees."""
    return _view(reports.reject(session, caller, report_id, body.reason))


def _view(report: ChangeReport) -> ReportView:
    return ReportView.model_validate(report, from_attributes=True)
