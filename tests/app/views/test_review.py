"""Meldungen prüfen against the real server: a guide's report shows as old → new, is
accepted or rejected from the coordinator's device, and the guide's device learns it."""

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import flet as ft
from sqlmodel import Session, select

from app.services.personal import PersonalService
from app.services.review import ReviewService, correction_of
from app.store import content
from app.sync import outbox
from app.views.reports import my_reports_view
from app.views.review import QueueActions, QueueView, review_view
from sync_server.tables import AuditEvent
from tests.support.controls import button, click, texts, walk
from tests.support.mail import filed
from tests.support.registration import ADDRESS, NAME, confirm, register
from tests.support.server import Server
from wegweiser.edits import EditRefused
from wegweiser.model import ContactPoint, Kommune, NetworkPartner
from wegweiser.owned import ChangeReport, ReportFlag
from wegweiser.protocol import Role


def first_contact(tablet: Any) -> ContactPoint:
    with tablet.store.session() as session:
        found = session.exec(select(ContactPoint)).all()
    return next(c for c in found if c.opening_hours and c.kommune_keys == ["thale"])


class Screen:
    """The review screen as the coordinator uses it: the queue drawn anew each time, the
    decisions the review service's, as the screen component makes them (only the state
    Flet's hooks keep is held here)."""

    def __init__(self, review: ReviewService, kommunen: list[Kommune] | None = None) -> None:
        self.review = review
        self.kommunen = kommunen or []
        self.reasons: dict[str, str] = {}
        self.corrections: dict[str, dict[str, Any]] = {}
        self.topic: str | None = None
        self.status = "pending"
        self.error = ("", "")

    def view(self) -> ft.Control:
        reports = self.review.fetch(self.status).reports
        by_id = {r.id: r for r in reports}

        def decide(report_id: str, accepting: bool) -> None:
            try:
                self.review.decide(
                    by_id[report_id],
                    accepting,
                    self.reasons.get(report_id, ""),
                    self.corrections.get(report_id),
                )
            except EditRefused as exc:
                self.error = (report_id, str(exc))
                return
            self.corrections.pop(report_id, None)
            self.error = ("", "")

        def correct(report_id: str, on: bool) -> None:
            self.corrections[report_id] = correction_of(by_id[report_id])

        queue = QueueView(
            self.review.group(reports, self.topic),
            status=self.status,
            kommunen=self.kommunen,
            reasons=self.reasons,
            corrections=self.corrections,
            error=self.error,
        )
        actions = QueueActions(
            accept=lambda report_id: decide(report_id, True),
            reject=lambda report_id: decide(report_id, False),
            on_reason=lambda report_id, text: self.reasons.update({report_id: text}),
            correct=correct,
            on_correction=lambda report_id, name, value: self.corrections[report_id].update(
                {name: value}
            ),
            filter=lambda name, value: None,
            load_more=lambda: None,
            reload=lambda: None,
            open_due=lambda: None,
            open_editor=lambda: None,
            open_people=lambda: None,
            open_tables=lambda: None,
            open_entry=lambda kind, record_id: None,
        )
        return review_view(queue, actions)

    def type_into(self, label: str, text: str) -> None:
        field = next(
            c for c in walk(self.view()) if isinstance(c, ft.TextField) and c.label == label
        )
        changed: Any = field.on_change
        changed(SimpleNamespace(control=SimpleNamespace(value=text)))

    def type_reason(self, text: str) -> None:
        self.type_into("Grund für eine Ablehnung", text)


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
    assert button(screen.view(), contact.name)  # the entry, to open it
    assert any(line.startswith("Gemeldet von lotsin am") for line in shown)
    assert "Öffnungszeiten" in shown and "Kosten" in shown
    assert "Freitag: 09:00–12:00" in shown  # the new hours as a week, not as syntax
    assert "kostenlos" in shown
    assert "Hinweis: Neues Schild an der Tür." in shown

    click(screen.view(), "Übernehmen")
    assert "0 offene Meldungen" in texts(screen.view())
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
    screen.type_reason("  x ")  # too short to tell the guide anything: nothing is sent
    click(screen.view(), "Ablehnen")
    assert screen.error[1] == "Bitte einen Grund für die Ablehnung angeben (mindestens 3 Zeichen)."
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


def test_a_report_corrected_before_acceptance_publishes_the_correction(
    make_tablet, sync_server: Server
) -> None:
    guide, coordinator, contact = guide_and_office(make_tablet)
    PersonalService(guide.store).report_change(
        "contact_point", contact.id, {"opening_hours": "Mo-Fr 09:00-12:00"}, ""
    )
    guide.engine.sync()
    coordinator.engine.sync()
    screen = Screen(ReviewService(coordinator.store, coordinator.engine))
    screen.topic = "gibt-es-nicht"
    assert "Keine offenen Meldungen." in texts(screen.view())  # filtered by topic
    screen.topic = contact.topic_keys[0]
    click(screen.view(), "Korrigieren und übernehmen")
    # The reported hours as the editor's week, one field per day: Friday is corrected.
    assert screen.corrections
    screen.type_into("Freitag", "morgens")
    click(screen.view(), "Korrigiert übernehmen")  # refused: nothing is sent
    assert any(line.startswith("Freitag: „morgens“") for line in texts(screen.view()))
    with Session(sync_server.engine) as session:
        assert session.exec(select(ChangeReport)).one().status == "pending"
    screen.type_into("Freitag", "9-11")
    click(screen.view(), "Korrigiert übernehmen")
    guide.engine.sync()
    with guide.store.session() as session:
        updated = content.get(session, ContactPoint, contact.id)
    assert updated is not None
    assert updated.opening_hours == "Mo-Th 09:00-12:00; Fr 09:00-11:00"  # as reported: no PH
    # A decided report is a check of its entry; the correction reads as one, both sides.
    assert updated.last_verified == datetime.now(UTC).date()
    [mine] = PersonalService(guide.store).my_reports()
    assert mine.state == "accepted" and mine.published == {
        "opening_hours": "Mo-Th 09:00-12:00; Fr 09:00-11:00"
    }
    shown = texts(my_reports_view([mine], lambda _: None))
    assert "Übernommen, von der Koordinierungsstelle korrigiert" in shown[1]
    assert "Öffnungszeiten: gemeldet „Mo-Fr 09:00-12:00“" in shown[1]
    screen.status = "accepted"
    decided = texts(screen.view())
    assert "Korrigiert übernommen: gemeldet, dann veröffentlicht" in decided
    assert "Freitag: 09:00–12:00" in decided and "Freitag: 09:00–11:00" in decided


def test_a_registration_from_the_network_is_reviewed_corrected_and_reaches_the_guides(
    make_tablet, sync_server: Server
) -> None:
    assert sync_server.data_dir is not None
    assert register(sync_server.url, sync_server.engine).status_code == 200
    confirmed = confirm(sync_server.url, filed(sync_server.data_dir)[0])
    assert confirmed.status_code == 200, confirmed.text
    guide = make_tablet("lotsin", role=Role.LOTSE, kommunen=("halberstadt",))
    coordinator = make_tablet("koordination", role=Role.KOORDINATION)
    coordinator.engine.sync()

    with coordinator.store.session() as session:
        kommunen = list(session.exec(select(Kommune)))
    screen = Screen(ReviewService(coordinator.store, coordinator.engine), kommunen)
    shown = texts(screen.view())
    assert any(line.startswith("Gemeldet von Netzwerk (Anmeldung) am") for line in shown)
    assert ADDRESS in shown and "Bea Beispiel" in shown
    click(screen.view(), "Korrigieren und übernehmen")
    # The Kommunen it chose are offered among the district's, to correct.
    chips = {
        chip.label.value: chip.selected
        for chip in walk(screen.view())
        if isinstance(chip, ft.Chip) and isinstance(chip.label, ft.Text)
    }
    assert chips["Halberstadt"] and not chips["Wernigerode"]
    screen.type_into("Ansprechperson", "Bea Beispiel (Gartenverein)")
    click(screen.view(), "Korrigiert übernehmen")
    guide.engine.sync()
    with guide.store.session() as session:
        partner = session.exec(select(NetworkPartner).where(NetworkPartner.name == NAME)).one()
    assert partner.contact_name == "Bea Beispiel (Gartenverein)"
    assert partner.contact_for_guides()["email"] == ADDRESS
