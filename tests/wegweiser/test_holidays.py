"""Public holidays by the region's state: every Bundesland, so that a second district
(here a Bavarian one) closes its "PH off" places on its own holidays."""

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from app.services.content import ContentService
from app.services.hours import status_line
from app.store.database import open_store
from tests.conftest import DEMO_DATASET
from wegweiser.dataset import DatasetError, parse_dataset
from wegweiser.holidays import STATES, is_public_holiday, public_holidays
from wegweiser.opening_hours import parse

CORPUS_CHRISTI_2026 = date(2026, 6, 4)


def test_each_state_keeps_its_own_holidays() -> None:
    assert is_public_holiday(CORPUS_CHRISTI_2026, "BY")
    assert not is_public_holiday(CORPUS_CHRISTI_2026, "ST")
    assert is_public_holiday(date(2026, 1, 6), "BY") and is_public_holiday(date(2026, 1, 6), "ST")
    assert not is_public_holiday(date(2026, 1, 6), "NI")
    assert is_public_holiday(date(2026, 10, 31), "ST") and not is_public_holiday(
        date(2026, 10, 31), "BY"
    )
    assert is_public_holiday(date(2026, 11, 18), "SN")  # Buß- und Bettag
    assert is_public_holiday(date(2025, 11, 19), "SN")
    assert is_public_holiday(date(2024, 3, 8), "BE") and not is_public_holiday(
        date(2022, 3, 8), "MV"
    )
    assert is_public_holiday(date(2017, 10, 31), "BY")  # 500 years of the Reformation
    assert all(len(public_holidays(2026, state)) >= 9 for state in STATES)
    with pytest.raises(ValueError, match="kein Bundesland-Kürzel"):
        public_holidays(2026, "XX")


def test_a_region_names_a_real_state() -> None:
    document = json.loads(DEMO_DATASET.read_text(encoding="utf-8"))
    document["region"]["state"] = "XX"
    with pytest.raises(DatasetError, match="„XX“ ist kein Bundesland-Kürzel"):
        parse_dataset(json.dumps(document).encode())


def test_a_bavarian_region_closes_on_corpus_christi(tmp_path: Path) -> None:
    document = json.loads(DEMO_DATASET.read_text(encoding="utf-8"))
    document["region"]["state"] = "BY"
    bavarian = tmp_path / "bayern.json"
    bavarian.write_text(json.dumps(document), encoding="utf-8")
    store = open_store(tmp_path / "wegweiser.sqlite")
    try:
        content = ContentService(store)
        content.ensure_content(bavarian)
        hours = parse("Mo-Fr 08:00-12:00; PH off")
        moment = datetime.combine(CORPUS_CHRISTI_2026, datetime.min.time()).replace(hour=10)
        bavaria = status_line(hours, moment, "de", content.holidays())
        assert bavaria == "Geschlossen – öffnet morgen um 08:00"
        assert status_line(hours, moment, "de") == "Jetzt geöffnet bis 12:00"  # Saxony-Anhalt
    finally:
        store.close()
