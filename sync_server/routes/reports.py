"""The review queue of change reports, for the Koordinierungsstelle."""

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Path, Query

from sync_server import openapi, reports
from sync_server.deps import EngineDep, SessionDep, SettingsDep, StaffCaller
from sync_server.self_service.mails import deliver_later
from wegweiser.owned import ChangeReport, ReportStatus
from wegweiser.protocol import AcceptRequest, RejectRequest, ReportPage, ReportView, Uuid

router = APIRouter(prefix="/reports", tags=["meldungen"], responses=openapi.errors(*openapi.COMMON))

ReportId = Annotated[Uuid, Path(description="id of the change report")]
PAGE_BYTES = 1_000_000
"""Bytes of JSON a page of the queue stops short of, whatever `limit` asked for (a page's
first report may be larger alone: a whole sheet's text)."""


@router.get("", response_model=ReportPage)
def list_reports(
    _: StaffCaller,
    session: SessionDep,
    status: ReportStatus | None = None,
    kommune: Annotated[str | None, Query(max_length=64)] = None,
    target_id: Uuid | None = None,
    after: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ReportPage:
    """The review queue, a page at a time, oldest first: `?status=pending`, filtered by
    Kommune or by entry; `after` is the `next_after` of the page before. A page holds
    `limit` reports or about a megabyte, whichever comes first."""
    rows, next_after = reports.list_reports(session, status, kommune, target_id, after, limit)
    views: list[ReportView] = []
    size = 0
    for n, (report, reporter) in enumerate(rows):
        view = _view(report, reporter)
        size += len(view.model_dump_json())
        if views and size > PAGE_BYTES:
            # The rest comes with the next page: 200 reports of whole sheets were 20 MB.
            next_after = reports.page_cursor(rows[n - 1][0])
            break
        views.append(view)
    return ReportPage(reports=views, next_after=next_after)


@router.post("/{report_id}/accept", response_model=ReportView, responses=openapi.errors(404, 409))
def accept(
    report_id: ReportId,
    body: AcceptRequest,
    caller: StaffCaller,
    session: SessionDep,
    engine: EngineDep,
    settings: SettingsDep,
    tasks: BackgroundTasks,
) -> ReportView:
    """Publish the report (or `fields`, the coordinator's edit of it); a registration
    hears by mail that it is listed."""
    accepted = reports.accept(session, caller, report_id, body.fields)
    deliver_later(tasks, engine, settings)
    return _view(accepted)


@router.post("/{report_id}/reject", response_model=ReportView, responses=openapi.errors(404, 409))
def reject(
    report_id: ReportId,
    body: RejectRequest,
    caller: StaffCaller,
    session: SessionDep,
    engine: EngineDep,
    settings: SettingsDep,
    tasks: BackgroundTasks,
) -> ReportView:
    """Close the report with a reason the reporter sees (a contact point's by mail)."""
    rejected = reports.reject(session, caller, report_id, body.reason)
    deliver_later(tasks, engine, settings)
    return _view(rejected)


def _view(report: ChangeReport, reporter_name: str = "") -> ReportView:
    view = ReportView.model_validate(report, from_attributes=True)
    return view.model_copy(update={"reporter_name": reporter_name})
