"""Aktualität: entries due for a check, oldest first, and "geprüft, unverändert" as an
edit that reaches the server (published directly, on the audit trail)."""

from datetime import date

from sqlmodel import Session, select

from app.services.due import DueService
from app.store import content
from app.views.due import due_view
from sync_server.tables import AuditEvent
from tests.support.controls import button, texts
from tests.support.server import Server
from wegweiser.freshness import is_due
from wegweiser.model import ContactPoint, Offer
from wegweiser.protocol import Role

TODAY = date(2026, 11, 28)


def test_due_means_never_or_longer_ago_than_the_age() -> None:
    assert is_due(None, TODAY)
    assert is_due(date(2025, 11, 27), TODAY)
    assert not is_due(date(2025, 11, 28), TODAY)
    assert not is_due(date(2026, 6, 1), TODAY)
    assert is_due(date(2026, 5, 27), TODAY, months=6)
    assert not is_due(date(2024, 12, 1), TODAY, months=24)


def test_checked_unchanged_leaves_the_list_and_reaches_the_server(
    make_tablet, sync_server: Server
) -> None:
    office = make_tablet("koordination", role=Role.KOORDINATION)
    office.engine.sync()
    with office.store.session() as session:
        contacts = session.exec(select(ContactPoint)).all()
        old, recent = contacts[0], contacts[1]
        checked = {old.id: date(2024, 3, 1), recent.id: date(2026, 10, 1)}
        content.write_records(
            session,
            [
                ContactPoint.model_validate({**c.model_dump(), "last_verified": checked[c.id]})
                for c in (old, recent)
            ],
        )
    service = DueService(office.store)
    due = service.due(TODAY)
    ids = [entry.record_id for entry in due]
    assert old.id in ids and recent.id not in ids
    assert [e.last_verified for e in due if e.last_verified] == sorted(
        e.last_verified for e in due if e.last_verified
    )  # the longest unchecked first
    assert any(entry.kind == Offer.entity for entry in due)

    entry = next(entry for entry in due if entry.record_id == old.id)
    view = due_view(due, 12, lambda _: None, lambda _: None, lambda _: None)
    assert "zuletzt geprüft am 01.03.2024" in "\n".join(texts(view))
    assert button(view, "Geprüft, unverändert")
    offers = [e for e in due if e.kind == Offer.entity]
    only_offers = texts(due_view(due, 12, print, print, print, kind=Offer.entity))
    counted = (
        "1 Eintrag ist fällig."
        if len(offers) == 1
        else f"{len(offers)} Einträge sind fällig, der älteste zuerst."
    )
    assert counted in only_offers
    assert not any(line.startswith("Anlaufstelle ·") for line in only_offers)
    service.mark_checked(entry.kind, entry.record_id, TODAY)
    assert old.id not in [e.record_id for e in service.due(TODAY)]
    office.engine.sync()
    with Session(sync_server.engine) as session:
        stored = session.get(ContactPoint, old.id)
        assert stored is not None and stored.last_verified == TODAY
        [event] = session.exec(select(AuditEvent)).all()
    assert event.details["fields"]["last_verified"][1] == TODAY.isoformat()
