"""Every caller of a rule says the same: the loader, the server, the spreadsheets, the
app and the handouts apply one rule each, with one wording (`wegweiser/`)."""

import json
from pathlib import Path

import pytest
from sqlmodel import Session

from app.i18n import translate
from app.services.hours import week_rows as app_week
from sync_server.handouts.content import _week as handout_week
from sync_server.validation import check_references
from tests.conftest import DEMO_DATASET
from tests.support.server import prepare_database
from wegweiser.dataset import Dataset, DatasetError, parse_dataset
from wegweiser.edits import EditRefused
from wegweiser.kinds import ENTITY_BY_NAME, ENTRY_KINDS, KINDS
from wegweiser.languages import left_to_right
from wegweiser.markdown_rules import ENTRY_LINK
from wegweiser.model import ContactPoint
from wegweiser.opening_hours import parse
from wegweiser.references import unknown
from wegweiser.spreadsheet import SpreadsheetRefused, read_csv
from wegweiser.spreadsheet_columns import Known
from wegweiser.weekdays import LANGUAGES, day_names


def test_an_unknown_kommune_reads_alike_in_loader_server_and_spreadsheet(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    expected = unknown("kommune", "atlantis")
    document = json.loads(DEMO_DATASET.read_text(encoding="utf-8"))
    document["contact_points"][0]["kommune_keys"] = ["atlantis"]
    with pytest.raises(DatasetError) as loaded:
        parse_dataset(json.dumps(document).encode())
    assert expected in str(loaded.value)

    engine = prepare_database(f"sqlite:///{tmp_path / 'server.sqlite'}", demo_dataset)
    contact = demo_dataset.contact_points[0].model_copy(update={"kommune_keys": ["atlantis"]})
    with Session(engine) as session, pytest.raises(EditRefused) as pushed:
        check_references(session, contact)
    engine.dispose()
    assert str(pushed.value) == f"Feld „kommune_keys“: {expected}"

    known = Known.of([(k.key, k.name) for k in demo_dataset.kommunen], [])
    row = b"ID;Name;Kommunen\n;Tafel;atlantis\n"
    with pytest.raises(SpreadsheetRefused) as imported:
        read_csv(ContactPoint.entity, row, known, lambda _: None)
    assert [problem.message for problem in imported.value.problems] == [expected]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_week_reads_alike_on_the_tablet_and_in_print(language: str) -> None:
    hours = parse("Mo-Fr 08:00-12:00; Th 13:00-17:00; PH off")
    on_tablet = app_week(hours, language)
    printed = handout_week("Mo-Fr 08:00-12:00; Th 13:00-17:00; PH off", language)
    assert [day for day, _ in on_tablet] == list(day_names(language))
    # Print keeps the times left to right in Arabic and Farsi, as the screen does.
    kept = [f"{day}: {left_to_right(spans, language)}" for day, spans in on_tablet[:5]]
    assert kept == printed[:5]
    assert on_tablet[3][1] == "13:00–17:00"
    assert on_tablet[6][1] == translate(language, "hours.closed_day")


def test_the_kinds_are_listed_once() -> None:
    assert list(ENTITY_BY_NAME) == list(KINDS)
    entries = {kind.entity for kind in ENTRY_KINDS}
    assert entries == {"info_sheet", "contact_point", "offer", "network_partner"}
    for entity in entries:  # a sheet may link to every entry, and to nothing else
        assert ENTRY_LINK.fullmatch(f"eintrag:{entity}/{'0' * 8}-0000-0000-0000-{'0' * 12}")
    assert not ENTRY_LINK.fullmatch(f"eintrag:topic/{'0' * 8}-0000-0000-0000-{'0' * 12}")
