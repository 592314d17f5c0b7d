"""Every caller of a rule says the same: the loader, the server, the spreadsheets, the
app and the handouts apply one rule each, with one wording (`wegweiser/`)."""

import json
import unicodedata
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlmodel import Session

from app.i18n import translate
from app.services.hours import week_rows as app_week
from sync_server.handouts.content import _week as handout_week
from sync_server.validation import check_references
from tests.conftest import DEMO_DATASET
from tests.support.server import prepare_database
from wegweiser.dataset import Dataset, DatasetError, parse_dataset
from wegweiser.edits import EditRefused, build
from wegweiser.kinds import ENTITY_BY_NAME, ENTRY_KINDS, KINDS
from wegweiser.languages import left_to_right
from wegweiser.markdown_rules import ENTRY_LINK
from wegweiser.model import ContactPoint
from wegweiser.opening_hours import parse
from wegweiser.protocol import Mutation
from wegweiser.references import unknown
from wegweiser.spreadsheet import SpreadsheetRefused, read_csv
from wegweiser.spreadsheet_columns import Known
from wegweiser.text import MAX_COMBINING, combining_run, tamed
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


def test_a_letter_under_thousands_of_accents_is_refused_everywhere_and_tamed_in_print() -> None:
    """One letter with 20,000 combining marks made a sheet's PDF take 66 s and its
    Kommune's 8 minutes."""
    zalgo = "Beratung" + "\u0301" * 5_000
    with pytest.raises(EditRefused, match="mehr als 8 Akzente"):
        build(ContactPoint, {"name": "Tafel", "description": zalgo})
    with pytest.raises(ValidationError, match="mehr als 8 Akzente"):
        Mutation.model_validate(
            {
                "id": "6f1f0d5e-4a8b-4c59-9a53-2b7c3f0e9d41",
                "entity": "contact_point",
                "record_id": "6f1f0d5e-4a8b-4c59-9a53-2b7c3f0e9d42",
                "base_version": 1,
                "fields": {"description": zalgo},
            }
        )
    # Arabic vowel signs and Vietnamese tones are a few marks a letter: they pass.
    for text in ("مَّرْحَبًا بِكُمْ", unicodedata.normalize("NFD", "Tiếng Việt có dấu")):
        build(ContactPoint, {"name": text})
    # What was stored before the rule reaches a document with 8 marks a letter at most.
    assert tamed(zalgo) == "Beratung" + "\u0301" * MAX_COMBINING
    assert combining_run(tamed("x" + "\u20dd" * 50)) == MAX_COMBINING  # enclosing marks too
