"""The guide's own screens built in-process on a real store: reports, conflicts, settings,
favourites and notes. Clicks run the handlers Flet would run."""

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar

import flet as ft
import pytest
from sqlmodel import col, select

from app.i18n import t
from app.services.content import ContentService
from app.services.handouts import KeptHandout
from app.services.personal import PersonalService
from app.services.preferences import Preferences
from app.services.sync import Conflict, ConflictRow, SyncService
from app.store.database import open_store
from app.sync import outbox, problems
from app.sync import state as sync_state
from app.sync.engine import SyncEngine
from app.views.conflicts import conflicts_view, shown_value
from app.views.handouts import handouts_view
from app.views.personal import favourite_button, note_box
from app.views.reports import (
    current_values,
    my_reports_view,
    report_form,
    send_report,
    with_reported,
)
from app.views.settings import kommunen_choice, settings_view, sign_out_view
from app.views.start import start_view
from app.views.style import ROW_PADDING
from app.views.tables import TablesActions, tables_view
from tests.support.controls import button, choose, chosen, click, texts, walk
from wegweiser.edits import NOTHING_REPORTED, EditRefused
from wegweiser.kinds import REPORTABLE_KINDS
from wegweiser.model import ContactPoint, InfoSheet, NetworkPartner, SyncedRecord
from wegweiser.owned import ReportFlag
from wegweiser.protocol import MutationResult, MutationStatus
from wegweiser.week import Week
from wegweiser.weekdays import day_names

R = TypeVar("R", bound=SyncedRecord)
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)

PRIVACY = "Bitte keine Namen, Adressen oder Gesundheitsdaten der begleiteten Personen eintragen."


Services = tuple[ContentService, PersonalService, SyncService]


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    """A lotse's device with the example data, not connected (nothing leaves the file)."""
    store = open_store(tmp_path / "wegweiser.sqlite")
    content = ContentService(store)
    content.ensure_content()
    with store.session() as session:
        sync_state.save(session, sync_state.SyncState(role="lotse", account_name="Lotsin"))
    yield content, PersonalService(store), SyncService(store, SyncEngine(store))
    store.close()


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


def first(content: ContentService, cls: type[R]) -> R:
    with content.store.session() as session:
        found = session.exec(select(cls).order_by(col(cls.id))).first()
    assert found is not None
    return found


WEEK_LABELS = [
    *day_names("de"),
    t("editor.hours_comment"),
]


def content_list(content: ContentService, cls: type[R]) -> list[R]:
    with content.store.session() as session:
        return list(session.exec(select(cls).order_by(col(cls.id))))


def queued(personal: PersonalService) -> list[dict[str, object]]:
    with personal.store.session() as session:
        return [entry.mutation.fields for entry in outbox.pending(session)]


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


def test_favourite_and_note_on_a_contact_point(services) -> None:
    content, guide, _ = services
    contact = first(content, ContactPoint)
    toggled: list[bool] = []
    star: Any = favourite_button(False, lambda: toggled.append(True))
    assert star.content == "Als Favorit merken"
    star.on_click(None)
    assert toggled == [True]
    assert favourite_button(True, lambda: None).content == "Favorit entfernen"  # type: ignore[attr-defined]
    guide.set_favourite("contact_point", contact.id, True)
    assert guide.is_favourite("contact_point", contact.id)

    start = ft.Column(start_view(content.topics(), guide.favourites(), print, print))
    shown = texts(start)
    assert shown.index("Meine Favoriten") < shown.index(contact.name) < shown.index("Themen")

    typed: list[str] = []
    saved: list[bool] = []
    box = note_box("", "", False, typed.append, lambda: saved.append(True))
    assert PRIVACY in texts(box)
    field = next(c for c in walk(box) if isinstance(c, ft.TextField))
    changed: Any = field.on_change
    changed(SimpleNamespace(control=SimpleNamespace(value="Hintereingang nutzen")))
    click(box, "Notiz speichern")
    assert typed == ["Hintereingang nutzen"] and saved == [True]
    assert "Notiz gespeichert." in texts(note_box("x", "Notiz gespeichert.", False, print, print))


CONFLICT = Conflict(
    mutation_id="m-1",
    kind="conflict",
    entity="private_note",
    record_id="n-1",
    title="Jobcenter Halberstadt",
    rows=[ConflictRow("text", "Mittwochs ab 10 Uhr", "Mittwochs nur mit Termin")],
    reason=None,
)


def test_conflict_shows_mine_and_theirs_side_by_side_and_the_person_chooses() -> None:
    decided: list[tuple[str, bool]] = []
    view = conflicts_view([CONFLICT], lambda m, keep: decided.append((m, keep)))
    shown = texts(view)
    assert shown.index("Meine Fassung") < shown.index("Mittwochs ab 10 Uhr")
    assert shown.index("Fassung auf dem Server") < shown.index("Mittwochs nur mit Termin")
    assert "Notiz" in shown  # the field's German name, not "text"
    pair = next(c for c in walk(view) if isinstance(c, ft.ResponsiveRow))
    assert len(pair.controls) == 2  # side by side on a tablet, stacked on a phone

    click(view, "Meine Fassung behalten")
    click(view, "Fassung vom Server übernehmen")
    assert decided == [("m-1", True), ("m-1", False)]


def test_a_refusal_shows_the_reason_and_only_an_acknowledgement() -> None:
    refused = Conflict("m-2", "rejected", "favourite", "f", "Tafel", [], "Unbekannter Datensatz.")
    decided: list[tuple[str, bool]] = []
    view = conflicts_view([refused], lambda m, keep: decided.append((m, keep)))
    assert "Begründung: Unbekannter Datensatz." in texts(view)
    with pytest.raises(AssertionError):
        button(view, "Meine Fassung behalten")
    click(view, "Verstanden")
    assert decided == [("m-2", False)]
    assert texts(conflicts_view([], lambda *_: None)) == ["Keine offenen Konflikte."]


def test_values_read_like_text_not_json() -> None:
    phones = [{"label": "Zentrale", "number": "+49 3941 0000-1"}]
    assert shown_value(phones) == "Zentrale: +49 3941 0000-1"
    assert shown_value(None) == "(leer)"
    assert shown_value(True) == "ja"


def test_settings_apply_each_choice_and_sign_out_asks_first(services) -> None:
    content, _, sync = services
    applied: list[tuple[str, object]] = []
    asked: list[bool] = []
    view = settings_view(
        Preferences(),
        sync,
        content,
        lambda name, value: applied.append((name, value)),
        lambda: asked.append(True),
    )
    groups = [c for c in walk(view) if isinstance(c, ft.RadioGroup)]
    assert [g.value for g in groups] == ["de", "1.0", "system"]
    for group, value in zip(groups, ["en", "1.6", "dark"], strict=True):
        group.value = value
        changed: Any = group.on_change
        changed(SimpleNamespace(control=group))
    assert applied == [("language", "en"), ("text_scale", 1.6), ("theme", "dark")]
    # Each option is a row of 48 px at least that takes the tap, not only the radio in it.
    rows = [c for c in walk(view) if isinstance(c, ft.GestureDetector)]
    assert len(rows) == 12 and all(row.content.padding == ROW_PADDING for row in rows)
    applied.clear()
    tapped: Any = rows[-1].on_tap
    tapped(None)  # "Dunkel", tapped beside the radio
    assert applied == [("theme", "dark")]
    shown = texts(view)
    assert "Nicht verbunden (nur Beispieldaten)" in shown
    assert str(sync.store.path) in shown
    click(view, "Mit einem Server verbinden")
    assert asked == [True]

    confirmed: list[bool] = []
    confirm = sign_out_view(2, True, lambda: confirmed.append(True))
    assert any("2 Änderung" in line and "verloren" in line for line in texts(confirm))
    assert confirmed == []
    click(confirm, "Ja, alles löschen")
    assert confirmed == [True]


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


def test_kommune_boxes_are_48_px_rows_that_take_the_tap(services) -> None:
    content, _, _ = services
    toggled: list[tuple[str, bool]] = []
    view = kommunen_choice(
        content.kommunen(), {"thale"}, "", lambda key, on: toggled.append((key, on)), print
    )
    rows = [c for c in walk(view) if isinstance(c, ft.GestureDetector)]
    assert len(rows) == len(content.kommunen())
    assert all(r.content.padding == ROW_PADDING for r in rows)
    by_name = {r.content.content.label: r for r in rows}
    for name in ("Thale", "Halberstadt"):
        tapped: Any = by_name[name].on_tap
        tapped(None)  # beside the box
    assert toggled == [("thale", False), ("halberstadt", True)]


def test_kept_handouts_are_listed_with_share_and_save() -> None:
    async def nothing(*_: object) -> None:
        return None

    kept = [
        KeptHandout("thale", "Thale", "ar", "wegweiser-thale-ar.pdf", '"t"', "2026-11-28T10:00"),
        KeptHandout("thale", "Thale", "de", "wegweiser-thale-de.pdf", '"t"', "2026-11-28T10:00"),
    ]
    view = handouts_view(kept, "", False, nothing, nothing, nothing)
    shown = texts(view)
    assert "Thale · Deutsch" in shown and "Thale · العربية" in shown
    assert shown.index("Thale · Deutsch") < shown.index("Thale · العربية")  # German first
    labels = [c.content for c in walk(view) if isinstance(c, ft.OutlinedButton)]
    assert labels == ["Teilen", "Speichern", "Teilen", "Speichern"]
    empty = texts(handouts_view([], "", False, nothing, nothing, nothing))
    assert any("Noch keine PDFs" in line for line in empty)


def test_the_office_downloads_every_kommunes_wegweiser_in_a_language() -> None:
    asked: list[str] = []

    async def nothing(*_: object) -> None:
        return None

    async def print_all(language: str) -> None:
        asked.append(language)

    actions = TablesActions(nothing, nothing, nothing, nothing, lambda: None, print_all)
    view = tables_view(actions, None)
    buttons = {c.content: c for c in walk(view) if isinstance(c, ft.OutlinedButton) and c.tooltip}
    assert list(buttons) == ["Deutsch", "English", "العربية", "Українська", "فارسی", "Русский"]
    handler: Any = buttons["العربية"].on_click
    asyncio.run(handler(None))
    assert asked == ["ar"]
    assert "Gedruckter Wegweiser" in texts(view)
