"""The guide's change reports: "Änderung melden" for a record, a refused report corrected,
and "Meine Meldungen" with the state of each."""

from typing import Any

import flet as ft

from app.i18n import t
from app.views import reports
from app.views.frame import Frame, up, use_go
from app.views.state import use_services, use_sync, use_typed
from wegweiser.model import SyncedRecord
from wegweiser.owned import ReportFlag


@ft.component
def ReportScreen() -> ft.Control:
    """Änderung melden: the record's reportable fields, only changes are sent."""
    services = use_services()
    back = up(ft.use_view_path(), 1)
    params = ft.use_route_params()
    record = services.content.record(params.get("kind", ""), params.get("id", ""))
    if record is None:
        return Frame(t("report.open"), ft.Text(t("record.missing")), back_to=back)
    return ReportForm(record, reports.current_values(record), back=back)


@ft.component
def CorrectReportScreen() -> ft.Control:
    """A report the server refused, in the form again with the reason, to correct."""
    services = use_services()
    report_id = ft.use_route_params().get("report", "")
    found = next((r for r in services.personal.my_reports() if r.id == report_id), None)
    record = services.content.record(found.target_entity, found.target_id) if found else None
    if found is None or record is None:
        return Frame(t("report.open"), ft.Text(t("record.missing")), back_to="/reports")
    return ReportForm(
        record,
        reports.with_reported(record, found.changes),
        found.comment,
        ReportFlag(found.flag) if found.flag else None,
        replaces=found.id,
        refusal=found.reason or "",
        back="/reports",
    )


@ft.component
def ReportForm(
    record: SyncedRecord,
    initial: dict[str, Any],
    initial_comment: str = "",
    initial_flag: ReportFlag | None = None,
    replaces: str | None = None,
    refusal: str = "",
    back: str = "/",
) -> ft.Control:
    """The report form with its state; sending queues the report (and, correcting one the
    server refused, puts it in that one's place)."""
    services = use_services()
    go = use_go()
    values = use_typed(lambda: initial)
    comment = use_typed(lambda: initial_comment)
    flag = use_typed(lambda: initial_flag)
    error, set_error = ft.use_state(refusal)

    def send() -> None:
        refused = reports.send_report(
            services.personal,
            record,
            values.value,
            comment.value,
            flag.value,
            replaces=replaces,
        )
        if refused:
            set_error(refused)
        else:
            go(back, t("report.saved"))

    form = reports.report_form(
        values.value,
        comment.value,
        error,
        lambda name, value: values.update(lambda old: {**old, name: value}),
        comment.set,
        send,
        flag.value,
        flag.set,
    )
    return Frame(t("report.open"), form, back_to=back)


@ft.component
def ReportsScreen() -> ft.Control:
    """Meine Meldungen, with the state of each; a refused one can be corrected."""
    services = use_services()
    go = use_go()
    use_sync()  # a sync changes the states
    if not services.sync.enrolled:
        return Frame(t("reports.title"), ft.Text(t("reports.not_connected")))
    body = reports.my_reports_view(
        services.personal.my_reports(), lambda report: go(f"/reports/{report.id}/correct")
    )
    return Frame(t("reports.title"), body)
