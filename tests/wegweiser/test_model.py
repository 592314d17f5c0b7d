"""Every entity survives a round trip through a real SQLite file, field by field."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlmodel import Session, SQLModel, create_engine

from wegweiser.model import (
    ContactPoint,
    InfoSheet,
    Kommune,
    KommuneKind,
    NetworkPartner,
    Offer,
    Publication,
    Region,
    SyncedRecord,
    Topic,
)

SAMPLES: list[SyncedRecord] = [
    Region(
        key="lk",
        name="Landkreis",
        coordination_name="Koordinierungsstelle",
        coordination_email="k@example.org",
        coordination_address="Markt 1, 38820 Halberstadt",
        version=3,
        updated_at=datetime(2026, 11, 24, 10, 0, 0, tzinfo=UTC),
    ),
    Kommune(
        key="wegeleben",
        name="Wegeleben",
        kind=KommuneKind.STADT,
        parent_key="vorharz",
        ags="15085370",
        latitude=51.88,
        longitude=11.17,
    ),
    Topic(key="gesundheit", title="Gesundheit", icon="local_hospital", sort_order=4),
    InfoSheet(
        topic_key="gesundheit",
        kommune_key=None,
        title="Ärztlicher Notdienst",
        body="# Notdienst\n\n- 116117\n",
        language="de",
        status=Publication.DRAFT,
        last_verified=date(2026, 1, 31),
        deleted=True,
    ),
    ContactPoint(
        name="Tafel",
        kommune_keys=["thale", "ditfurt"],
        phones=[{"label": "Zentrale", "number": "+49 3947 0000-1"}],
        languages=["de", "ar"],
        topic_keys=["alltag"],
        target_groups=["Familien"],
        opening_hours="Tu 10:00-12:00",
        appointment_required=True,
        latitude=51.7,
        longitude=11.0,
        accessibility="ebenerdig",
        costs="2 €",
        last_verified=date(2025, 5, 1),
    ),
    Offer(
        title="Sprachcafé",
        description="Deutsch üben",
        contact_point_id=None,
        kommune_key="thale",
        topic_keys=["sprache"],
        schedule="Mi 16–18 Uhr",
        languages=["de"],
        registration_required=True,
    ),
    NetworkPartner(
        name="Deutsch-Paten",
        kommune_keys=["huy", "thale"],
        description="Einzelunterricht",
        contact_name="A. Beispiel",
        contact_phone="+49 39425 0000-5",
        contact_consent=True,
        topic_keys=["sprache"],
    ),
]


@pytest.mark.parametrize("record", SAMPLES, ids=lambda r: type(r).__name__)
def test_round_trip_through_sqlite_file(tmp_path: Path, record: SyncedRecord) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'model.sqlite'}")
    SQLModel.metadata.create_all(engine, tables=[type(record).__table__])  # type: ignore[attr-defined]
    expected = record.model_dump()
    with Session(engine) as session:
        session.add(record)
        session.commit()
    engine.dispose()

    engine = create_engine(f"sqlite:///{tmp_path / 'model.sqlite'}")
    with Session(engine) as session:
        loaded = session.get(type(record), expected["id"])
        assert loaded is not None
        assert loaded.model_dump() == expected


def test_record_ids_must_be_uuids() -> None:
    with pytest.raises(ValueError, match="keine UUID"):
        Topic.model_validate({"id": "1; DROP TABLE topic", "key": "x", "title": "x", "icon": "x"})


def test_partner_contact_needs_consent_for_guides_and_another_for_everyone() -> None:
    partner = NetworkPartner(name="Garten", contact_name="B. Beispiel", contact_public=True)
    assert partner.contact_for_guides() == {} and partner.contact_for_everyone() == {}
    partner.contact_consent = True
    assert partner.contact_for_everyone() == {"name": "B. Beispiel"}
    partner.contact_public = False
    assert partner.contact_for_guides() == {"name": "B. Beispiel"}
    assert partner.contact_for_everyone() == {}


def test_a_topic_is_titled_in_the_visits_language_where_it_has_one() -> None:
    topic = Topic.model_validate(
        {
            "key": "gesundheit",
            "title": "Gesundheit",
            "icon": "local_hospital",
            "translations": {"ar": "الصحة", "en": "Health"},
        }
    )
    assert (topic.title_in("ar"), topic.title_in("en")) == ("الصحة", "Health")
    assert topic.title_in("fa") == topic.title_in("de") == "Gesundheit"
    for wrong in ({"xx": "Titel"}, {"de": "Gesundheit"}, {"ar": "  "}, {"en": "x" * 201}):
        with pytest.raises(ValidationError):
            Topic.model_validate({"key": "k", "title": "T", "icon": "i", "translations": wrong})
