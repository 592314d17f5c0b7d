"""Editing on a device of the Koordinierungsstelle: a new entry as a draft, published,
archived; a week of opening hours; a refused value changes nothing."""

from datetime import date

import pytest
from sqlmodel import Session, select

from app.services.editing import EditingService, FormRefused, form_fields, form_values
from app.store.database import Store
from sync_server.tables import AuditEvent
from tests.support.server import Server
from wegweiser.edits import EditRefused
from wegweiser.model import ContactPoint, InfoSheet, Publication
from wegweiser.protocol import Role
from wegweiser.translations import is_outdated
from wegweiser.week import Week

TODAY = date(2026, 11, 28)


def on(tablet, record_id: str) -> ContactPoint | None:
    with tablet.store.session() as session:
        return session.get(ContactPoint, record_id)


def queued(tablet) -> int:
    with tablet.store.session() as session:
        return int(Store.raw(session).execute("SELECT count(*) FROM outbox").fetchone()[0])


def test_a_new_contact_point_goes_from_draft_to_published_to_archived(
    make_tablet, sync_server: Server
) -> None:
    office = make_tablet("koordination", role=Role.KOORDINATION)
    guide = make_tablet("lotsin", role=Role.LOTSE)
    office.engine.sync()
    service = EditingService(office.store)
    values = form_values(None, ContactPoint.entity)
    assert values["status"] == "draft" and values["opening_hours"] == Week()
    values.update(
        name="Sprachcafé Thale",
        kommune_keys=["thale"],
        topic_keys=["sprache"],
        street="Karl-Marx-Straße 1",
        phones="Büro: 03947 1234\n0170 555",
        languages="de, ar, uk",
        opening_hours=Week(("", "", "15-18 Uhr", "", "", "", ""), comment="ohne Anmeldung"),
    )
    # Offline: saved on the device at once, sent at the next sync.
    new_id = service.save(ContactPoint.entity, None, values, today=TODAY)
    stored = service.record(ContactPoint.entity, new_id)
    assert isinstance(stored, ContactPoint)
    assert stored.opening_hours == 'We 15:00-18:00 "ohne Anmeldung"; PH off'
    assert stored.phones == [
        {"label": "Büro", "number": "03947 1234"},
        {"label": "Telefon", "number": "0170 555"},
    ]
    assert stored.languages == ["de", "ar", "uk"] and stored.last_verified == TODAY
    assert stored.status == Publication.DRAFT
    assert [e.title for e in service.entries(ContactPoint.entity, Publication.DRAFT)] == [
        "Sprachcafé Thale"
    ]
    office.engine.sync()
    guide.engine.sync()
    assert on(guide, new_id) is None  # a draft stays in the office

    service.set_status(ContactPoint.entity, new_id, Publication.PUBLISHED)
    office.engine.sync()
    guide.engine.sync()
    assert on(guide, new_id).name == "Sprachcafé Thale"

    edited = form_values(service.record(ContactPoint.entity, new_id), ContactPoint.entity)
    assert edited["opening_hours"] == Week(
        ("", "", "15:00-18:00", "", "", "", ""), True, "ohne Anmeldung"
    )
    edited["costs"] = "kostenlos"
    service.save(ContactPoint.entity, new_id, edited, today=TODAY)
    service.set_status(ContactPoint.entity, new_id, Publication.ARCHIVED)
    office.engine.sync()
    guide.engine.sync()
    assert on(guide, new_id) is None
    with Session(sync_server.engine) as session:
        server_copy = session.get(ContactPoint, new_id)
        assert server_copy.status == Publication.ARCHIVED and server_copy.costs == "kostenlos"
        events = session.exec(select(AuditEvent).where(AuditEvent.record_id == new_id)).all()
    # Only the changed field was sent with the edit, so a colleague's edit of another
    # field of the entry is never overwritten.
    assert [set(event.details["fields"]) for event in events[1:]] == [
        {"status"},
        {"costs"},  # "zuletzt geprüft" was today already
        {"status"},
    ]


def test_refused_values_name_their_field_and_save_nothing(make_tablet) -> None:
    office = make_tablet("koordination", role=Role.KOORDINATION)
    office.engine.sync()
    service = EditingService(office.store)
    sheet = service.entries(InfoSheet.entity)[0]
    values = form_values(service.record(InfoSheet.entity, sheet.record_id), InfoSheet.entity)
    before = queued(office)
    with pytest.raises(FormRefused) as empty:
        service.save(InfoSheet.entity, sheet.record_id, {**values, "title": "  "})
    assert empty.value.field == "title" and "ausfüllen" in str(empty.value)
    with pytest.raises(EditRefused) as image:
        service.save(
            InfoSheet.entity, sheet.record_id, {**values, "body": "![x](https://t.example/a.png)"}
        )
    assert "Bilder" in str(image.value)
    contact = service.entries(ContactPoint.entity)[0]
    hours = form_values(service.record(ContactPoint.entity, contact.record_id), ContactPoint.entity)
    with pytest.raises(FormRefused) as bad_day:
        service.save(
            ContactPoint.entity,
            contact.record_id,
            {**hours, "opening_hours": Week(("8-12", "morgens", "", "", "", "", ""))},
        )
    assert bad_day.value.field == "opening_hours" and "Dienstag" in str(bad_day.value)
    assert queued(office) == before


def test_the_form_follows_the_model() -> None:
    names = [f.name for f in form_fields(ContactPoint.entity)]
    assert names[0] == "name" and "opening_hours" in names and "last_verified" not in names
    widgets = {f.name: f.widget for f in form_fields(InfoSheet.entity)}
    assert widgets == {
        "topic_key": "topic",
        "kommune_key": "kommune",
        "title": "text",
        "body": "markdown",
        "status": "status",
    }


def _translated(tablet) -> tuple[InfoSheet, InfoSheet]:
    """A district-wide sheet of the example data with a translation on the device."""
    with tablet.store.session() as session:
        sheets = list(session.exec(select(InfoSheet)))
    by_id = {s.id: s for s in sheets}
    translation = next(s for s in sheets if s.translation_of in by_id)
    return by_id[translation.translation_of or ""], translation


def test_a_changed_original_marks_its_translation_outdated_until_it_is_translated(
    make_tablet, sync_server: Server
) -> None:
    office = make_tablet("koordination", role=Role.KOORDINATION, kommunen=("thale",))
    guide = make_tablet("lotsin", role=Role.LOTSE, kommunen=("thale",))
    office.engine.sync()
    guide.engine.sync()
    service = EditingService(office.store)
    original, translation = _translated(office)
    assert not any(e.outdated for e in service.entries(InfoSheet.entity))
    # The German text changes: the translation no longer says the same.
    changed = form_values(original, InfoSheet.entity)
    changed["body"] = original.body + "\n\nNeu: Termine nur noch online."
    service.save(InfoSheet.entity, original.id, changed, today=TODAY)
    office.engine.sync()
    guide.engine.sync()
    outdated = [e.record_id for e in service.entries(InfoSheet.entity) if e.outdated]
    assert translation.id in outdated
    with guide.store.session() as session:
        on_guide = session.get(InfoSheet, translation.id)
        newer = session.get(InfoSheet, original.id)
    assert on_guide is not None and is_outdated(on_guide, newer)
    # The office translates the change beside the original: up to date again, everywhere.
    text = form_values(translation, InfoSheet.entity)
    text["body"] = translation.body + "\n\nجديد: المواعيد عبر الإنترنت فقط."
    service.save(InfoSheet.entity, translation.id, text, today=TODAY)
    office.engine.sync()
    guide.engine.sync()
    assert translation.id not in [
        e.record_id for e in service.entries(InfoSheet.entity) if e.outdated
    ]
    with guide.store.session() as session:
        on_guide = session.get(InfoSheet, translation.id)
        newer = session.get(InfoSheet, original.id)
    assert on_guide is not None and newer is not None
    assert on_guide.source_version == newer.version and not is_outdated(on_guide, newer)
    with Session(sync_server.engine) as session:
        stored = session.get(InfoSheet, translation.id)
    assert stored is not None and stored.source_version == newer.version
