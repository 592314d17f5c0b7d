"""Meldungen prüfen (devices of the Koordinierungsstelle): the review queue, online, a
page at a time; the decisions are the review service's (`ReviewService.decide`)."""

from dataclasses import dataclass
from typing import Any

import flet as ft

from app.i18n import t
from app.services.review import correction_of
from app.sync.errors import SyncError
from app.views import review
from app.views.frame import Frame, use_go
from app.views.state import State, Typed, use_services, use_typed, use_ui
from wegweiser.edits import EditRefused
from wegweiser.protocol import ReportView


@dataclass(frozen=True)
class _Loaded:
    """The queue as fetched: reports so far, the next page's start, the filters used."""

    reports: list[ReportView]
    next_after: str | None
    status: str
    kommune: str


@ft.component
def ReviewScreen() -> ft.Control:
    """Meldungen prüfen (devices of the Koordinierungsstelle): the queue, online, a page
    at a time, filtered by state and Kommune (on the server) and topic (on this device)."""
    services = use_services()
    ui = use_ui()
    go = use_go()
    fetched: State[_Loaded | None] = ft.use_state(None)
    loaded, set_loaded = fetched
    filters: Typed[dict[str, str]] = use_typed(
        lambda: {"status": "pending", "kommune": "", "topic": ""}
    )
    reasons: Typed[dict[str, str]] = use_typed(dict)
    corrections: Typed[dict[str, dict[str, Any]]] = use_typed(dict)
    failed: State[tuple[str, str]] = ft.use_state(("", ""))
    error, set_error = failed
    staff = services.sync.staff

    def fetch(status: str, kommune: str, more_of: _Loaded | None = None) -> None:
        after = more_of.next_after if more_of else None
        try:
            page = services.review.fetch(status, kommune or None, after)
        except SyncError as exc:
            set_error(("", exc.message))
            if loaded is None:
                set_loaded(_Loaded([], None, status, kommune))
            return
        earlier = more_of.reports if more_of else []
        set_loaded(_Loaded(earlier + page.reports, page.next_after, status, kommune))
        set_error(("", ""))

    def load() -> None:
        if staff:
            fetch(filters.value["status"], filters.value["kommune"])

    # After the screen is up: the queue comes from the server, which takes a moment.
    ft.use_effect(load, [])
    if not staff:
        return Frame(t("review.title"), ft.Text(t("review.staff_only")))
    if loaded is None:
        return Frame(t("review.title"), ft.Row([ft.ProgressRing(width=32, height=32)]))

    def refilter(name: str, value: str) -> None:
        new = {**filters.value, name: value}
        filters.set(new)
        if name != "topic":  # the topic is filtered here, on what was fetched
            fetch(new["status"], new["kommune"])

    def correct(report_id: str, on: bool) -> None:
        if not on:
            corrections.update(lambda old: {k: v for k, v in old.items() if k != report_id})
            return
        report = next(r for r in loaded.reports if r.id == report_id)
        corrections.update(lambda old: {**old, report_id: correction_of(report)})

    def decide(report_id: str, accepting: bool) -> None:
        report = next(r for r in loaded.reports if r.id == report_id)
        try:
            services.review.decide(
                report,
                accepting,
                reasons.value.get(report_id, ""),
                corrections.value.get(report_id),
            )
        except (SyncError, EditRefused) as exc:
            set_error((report_id, exc.message if isinstance(exc, SyncError) else str(exc)))
            return
        corrections.update(lambda old: {k: v for k, v in old.items() if k != report_id})
        fetch(loaded.status, loaded.kommune)

    queue = review.QueueView(
        entries=services.review.group(loaded.reports, filters.value["topic"] or None),
        status=loaded.status,
        kommune=loaded.kommune,
        topic=filters.value["topic"],
        kommunen=services.content.kommunen(),
        topics=services.content.topics(),
        more=loaded.next_after is not None,
        reasons=reasons.value,
        corrections=corrections.value,
        error=error,
    )
    actions = review.QueueActions(
        accept=lambda report_id: decide(report_id, True),
        reject=lambda report_id: decide(report_id, False),
        on_reason=lambda report_id, text: reasons.update(lambda old: {**old, report_id: text}),
        correct=correct,
        on_correction=lambda report_id, name, value: corrections.update(
            lambda old: {**old, report_id: {**old.get(report_id, {}), name: value}}
        ),
        filter=refilter,
        load_more=lambda: fetch(loaded.status, loaded.kommune, loaded),
        reload=lambda: fetch(loaded.status, loaded.kommune),
        open_due=lambda: go("/review/due"),
        open_editor=lambda: go("/review/edit"),
        open_people=lambda: go("/review/people"),
        open_tables=lambda: go("/review/tables"),
        open_entry=lambda kind, record_id: go(f"/record/{kind}/{record_id}"),
    )
    return Frame(t("review.title"), review.review_view(queue, actions, ui.preferences.text_scale))
