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
    return [
        ReportView.model_validate(r, from_attributes=True)
        for r in reports.list_reports(session, status)
    ]


@router.post("/{report_id}/accept", response_model=ReportView)
def accept(
    report_id: ReportId,
    body: AcceptRequest,
    _: StaffCaller,
    session: SessionDep,
) -> ReportView:
    """Publish the report (or `fields`, the coordinator's edit of it)."""
    return ReportView.model_validate(
        reports.accept(session, report_id, body.fields), from_attributes=True
    )


@router.post("/{report_id}/reject", response_model=ReportView)
def reject(
    report_id: ReportId,
    body: RejectRequest,
    _: StaffCaller,
    session: SessionDep,
) -> ReportView:
    """Close the report with a reason the reporter sees."""
    return ReportView.model_validate(
        reports.reject(session, report_id, body.reason), from_attributes=True
    )


def _view(report: ChangeReport) -> ReportView:
    return ReportView.model_validate(report, from_attributes=True)
