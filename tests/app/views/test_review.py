"""Meldungen prüfen against the real server: a guide's report shows as old → new, is
accepted or rejected from the coordinator's device, and the guide's device learns it."""

from types import SimpleNamespace
from typing import Any

import flet as ft
from sqlmodel import Session, select

from app.services.personal import PersonalService
from app.services.review import ReviewService
from app.store import content
from app.sync import outbox
from app.views.review import review_view
from sync_server.tables import AuditEvent
from tests.support.controls import click, texts, walk
from tests.support.server import Server
from wegweiser.model import ChangeReport, ContactPoint, ReportFlag
from wegweiser.protocol import Role


def first_contact(tablet: Any) -> ContactPoint:
    with tablet.store.session() as session:
        found = session.exec(select(ContactPoint)).all()
    return next(c for c in found if c.opening_hours and c.kommune_keys == ["thale"])


class Screen:
    """The review screen as the coordinator uses it: the queue drawn anew each time."""

    def __init__(self, review: ReviewService) -> None:
        self.review = review
        self.reasons: dict[str, str] = {}
        self.decided: list[tuple[str, bool]] = []

    def view(self) -> ft.Control:
        return review_view(
            self.review.queue(),
            self.reasons,
            lambda report_id, text: self.reasons.update({report_id: text}),
            lambda report_id: self.review.accept(report_id),
            lambda report_id: self.review.reject(report_id, self.reasons[report_id]),
            lambda: None,
            lambda: None,
            lambda: None,
            lambda: None,
        )

    def type_reason(self, text: str) -> None:
        field = next(c for c in walk(self.view()) if isinstance(c, ft.TextField))
        changed: Any = field.on_change
        changed(SimpleNamespace(control=SimpleNamespace(value=text)))


def guide_and_office(make_tablet: Any) -> tuple[Any, Any, ContactPoint]:
    """A guide's and an office device, both synced, and a contact point to report on."""
    guide = make_tablet("lotsin", role=Role.LOTSE)
    coordinator = make_tablet("koordination", role=Role.KOORDINATION)
    guide.engine.sync()
    return guide, coordinator, first_contact(guide)


def test_a_report_is_reviewed_old_to_new_and_the_guide_learns_the_decision(
    make_tablet, sync_server: Server
) -> None:
    guide, coordinator, contact = guide_and_office(make_tablet)
    personal = PersonalService(guide.store)
    personal.report_change(
        "contact_point",
        contact.id,
        {"opening_hours": "Mo-Fr 09:00-12:00", "costs": "kostenlos"},
        "Neues Schild an der Tür.",
    )
    guide.engine.sync()
    coordinator.engine.sync()

    screen = Screen(ReviewService(coordinator.store, coordinator.engine))
    shown = texts(screen.view())
    assert "1 offene Meldung" in shown
    assert contact.name in shown
    assert any(line.startswith("Gemeldet von lotsin am") for line in shown)
    assert "Öffnungszeiten" in shown and "Kosten" in shown
    assert "Freitag: 09:00–12:00" in shown  # the new hours as a week, not as syntax
    assert "kostenlos" in shown
    assert "Hinweis: Neues Schild an der Tür." in shown

    click(screen.view(), "Übernehmen")
    assert texts(screen.view())[0] == "0 offene Meldungen"
    coordinator.engine.sync()
    guide.engine.sync()
    with guide.store.session() as session:
        updated = content.get(session, ContactPoint, contact.id)
    assert updated is not None and updated.costs == "kostenlos"
    assert [r.state for r in personal.my_reports()] == ["accepted"]
    with Session(sync_server.engine) as session:
        actions = [e.action for e in session.exec(select(AuditEvent))]
    assert actions == ["report_accepted"]


def test_a_rejection_needs_a_reason_that_reaches_the_reporter(
    make_tablet, sync_server: Server
) -> None:
    guide, coordinator, contact = guide_and_office(make_tablet)
    outbox.record_edit(
        guide.store,
        "contact_point",
        contact.id,
        {},
        guide.engine.clock,
        flag=ReportFlag.CLOSED,
    )
    guide.engine.sync()
    screen = Screen(ReviewService(coordinator.store, coordinator.engine))
    assert "Vor Ort: Geschlossen" in texts(screen.view())
    screen.type_reason("Wir haben angerufen: nur Betriebsferien.")
    click(screen.view(), "Ablehnen")
    assert "Keine offenen Meldungen." in texts(screen.view())
    guide.engine.sync()
    [report] = PersonalService(guide.store).my_reports()
    assert (report.state, report.reason) == ("rejected", "Wir haben angerufen: nur Betriebsferien.")
    with Session(sync_server.engine) as session:
        stored = session.exec(select(ChangeReport)).one()
    assert stored.flag == ReportFlag.CLOSED
