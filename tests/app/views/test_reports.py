"""Änderung melden in-process on a real store: the form field by field, closed with one tap,
refusals said offline as the server would say them, the week of opening hours, and a report
the server refused shown with why and corrected. Clicks run the handlers Flet would run."""

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import flet as ft
import pytest

from app.i18n import t
from app.services.personal import PersonalService
from app.sync import outbox, problems
from app.views.reports import (
    current_values,
    my_reports_view,
    report_form,
    send_report,
    with_reported,
)
from tests.app.views.conftest import NOW, PRIVACY, content_list, first, queued
from tests.support.controls import choose, chosen, click, texts, walk
from wegweiser.edits import NOTHING_REPORTED, EditRefused
from wegweiser.kinds import REPORTABLE_KINDS
from wegweiser.model import ContactPoint, InfoSheet, NetworkPartner, SyncedRecord
from wegweiser.owned import ReportFlag
from wegweiser.protocol import MutationResult, MutationStatus
from wegweiser.week import Week
from wegweiser.weekdays import day_names


class Form:
    """The report form as a person fills it in: the screen's state, drawn anew."""

    def __init__(
        self,
        personal: PersonalService,
        record: SyncedRecord,
        values: dict[str, Any] | None = None,
        replaces: str | None = None,
    ) -> None:
        self.personal, self.record = personal, record
        self.values = values if values is not None else current_values(record)
        self.replaces = replaces
        self.error = ""
        self.comment = ""
        self.flag: ReportFlag | None = None

    def view(self) -> ft.Control:
        return report_form(
            self.values,
            self.comment,
            self.error,
            lambda name, value: self.values.update({name: value}),
            lambda text: setattr(self, "comment", text),
            self.send,
            self.flag,
            lambda flag: setattr(self, "flag", flag),
        )

    def send(self) -> None:
        sent = send_report(
            self.personal, self.record, self.values, self.comment, self.flag, self.replaces
        )
        self.error = sent or ""

    def tap_radio(self, label: str) -> None:
        choose(self.view(), label)

    def type(self, label: str, text: str) -> None:
        field = next(
            c for c in walk(self.view()) if isinstance(c, ft.TextField) and c.label == label
        )
        changed: Any = field.on_change
        changed(SimpleNamespace(control=SimpleNamespace(value=text)))


WEEK_LABELS = [
    *day_names("de"),
    t("editor.hours_comment"),
]


def test_a_sheet_change_is_reported_field_by_field_and_listed_as_waiting(services) -> None:
    content, guide, _ = services
    sheet = first(content, InfoSheet)
    assert isinstance(sheet, InfoSheet)
    form = Form(guide, sheet)
    assert PRIVACY in texts(form.view())

    click(form.view(), "Änderung melden")  # nothing changed yet
    assert NOTHING_REPORTED in texts(form.view())
    assert queued(guide) == []

    body = next(c for c in walk(form.view()) if isinstance(c, ft.TextField) and c.label == "Text")
    assert body.value == sheet.body and body.multiline
    form.type("Text", sheet.body + "\n\nNeu: Termine auch samstags.")
    click(form.view(), "Änderung melden")

    assert form.error == ""
    [report] = guide.my_reports()
    assert (report.target_entity, report.state) == ("info_sheet", "waiting")
    assert set(report.changes) == {"body"}
    assert content.sheet(sheet.id).body == sheet.body  # published text unchanged until review
    listed = texts(my_reports_view(guide.my_reports()))
    assert sheet.title in listed
    assert any("Wartet auf Sync" in line and "Text" in line for line in listed)


def test_closed_is_reported_with_one_tap_and_no_changed_field(services) -> None:
    content, guide, _ = services
    contact = first(content, ContactPoint)
    form = Form(guide, contact)
    assert chosen(form.view(), "Vor Ort festgestellt") == "Nichts davon"
    form.tap_radio("Geschlossen")
    assert form.flag == ReportFlag.CLOSED
    form.tap_radio("Umgezogen")  # one finding at a time: the other replaces it
    assert chosen(form.view(), "Vor Ort festgestellt") == "Umgezogen"
    form.tap_radio("Nichts davon")  # taken back
    assert form.flag is None
    form.tap_radio("Geschlossen")
    click(form.view(), "Änderung melden")
    assert form.error == ""
    [report] = guide.my_reports()
    assert (report.flag, report.changes) == ("closed", {})
    with guide.store.session() as session:
        [entry] = outbox.pending(session)
    assert (entry.mutation.flag, entry.mutation.fields) == (ReportFlag.CLOSED, {})
    assert "Vor Ort: Geschlossen" in "\n".join(texts(my_reports_view(guide.my_reports())))


def test_a_refused_report_says_why_and_queues_nothing(services) -> None:
    content, guide, _ = services
    contact = first(content, ContactPoint)
    form = Form(guide, contact)
    form.type("E-Mail", "x" * 400)
    click(form.view(), "Änderung melden")
    assert any(line.startswith("Feld „email“") for line in texts(form.view()))
    assert queued(guide) == []


def test_every_reportable_kind_offers_its_fields_and_partners_too(services) -> None:
    content, guide, _ = services
    for kind in REPORTABLE_KINDS:
        record = first(content, kind.model)
        labels = [c.label for c in walk(Form(guide, record).view()) if isinstance(c, ft.TextField)]
        expected: list[str] = []
        for name in kind.reportable:
            # Opening hours are a week: a field per day and one for a remark.
            expected += WEEK_LABELS if name == "opening_hours" else [t(f"field.{name}")]
        assert labels[:-1] == expected, kind.entity
    partner = first(content, NetworkPartner)
    form = Form(guide, partner)
    form.type("Beschreibung", "Treffen jetzt donnerstags.")
    click(form.view(), "Änderung melden")
    [report] = guide.my_reports()
    assert (report.target_entity, report.target_title) == ("network_partner", partner.name)
    assert report.changes == {"description": "Treffen jetzt donnerstags."}


def test_a_field_guides_do_not_keep_is_refused_offline_like_the_server_would(services) -> None:
    content, guide, _ = services
    contact = first(content, ContactPoint)
    with pytest.raises(EditRefused) as refused:
        outbox.record_edit(
            guide.store, "contact_point", contact.id, {"kommune_keys": []}, lambda: NOW
        )
    assert str(refused.value) == "Das Feld „kommune_keys“ pflegt die Koordinierungsstelle."
    assert queued(guide) == [] and guide.my_reports() == []


def test_opening_hours_are_reported_as_a_week_in_german_day_names(services) -> None:
    """The form's example hours ("Di 13:00-18:00") were refused as syntax: now each day
    has its field, and only what was typed differently is sent."""
    content, guide, _ = services
    contact = next(
        c
        for c in content_list(content, ContactPoint)
        if c.opening_hours and "PH off" in c.opening_hours
    )
    form = Form(guide, contact)
    week = form.values["opening_hours"]
    assert isinstance(week, Week)
    labels = [c.label for c in walk(form.view()) if isinstance(c, ft.TextField)]
    assert "Dienstag" in labels and "Sonntag" in labels
    form.type("Samstag", "morgens")
    click(form.view(), "Änderung melden")
    assert form.error.startswith("Samstag: „morgens“ ist keine Zeitspanne")
    assert queued(guide) == []
    form.type("Samstag", "10-12")
    click(form.view(), "Änderung melden")
    assert form.error == ""
    [sent] = queued(guide)
    assert "Sa 10:00-12:00" in str(sent["opening_hours"])


def test_a_report_the_server_refused_stays_visible_with_why_and_can_be_corrected(
    services,
) -> None:
    content, guide, _ = services
    contact = first(content, ContactPoint)
    report_id = guide.report_change("contact_point", contact.id, {"costs": "5 Euro"}, "")
    with guide.store.session() as session:
        [entry] = outbox.pending(session)
    # The server's answer, as the push stores it (its rules may be newer than the app's).
    with guide.store.session() as session:
        problems.keep(
            session,
            entry.mutation,
            MutationResult(
                mutation_id=report_id,
                status=MutationStatus.REJECTED,
                reason="Kosten bitte ohne Währungszeichen angeben.",
            ),
            datetime.now(UTC),
        )
        outbox.remove(session, entry)
    [refused] = guide.my_reports()
    assert (refused.state, refused.reason) == (
        "refused",
        "Kosten bitte ohne Währungszeichen angeben.",
    )
    listed = my_reports_view(guide.my_reports(), lambda report: corrected.append(report))
    assert any("Nicht angenommen" in line for line in texts(listed))
    corrected: list[Any] = []
    click(listed, "Korrigieren")
    assert corrected == [refused]

    form = Form(guide, contact, with_reported(contact, refused.changes), replaces=refused.id)
    assert form.values["costs"] == "5 Euro"
    form.type("Kosten", "5 € pro Termin")
    click(form.view(), "Änderung melden")
    [again] = guide.my_reports()  # the corrected one in its place
    assert again.state == "waiting" and again.changes == {"costs": "5 € pro Termin"}
    assert problems.open_problems(guide.store) == []
