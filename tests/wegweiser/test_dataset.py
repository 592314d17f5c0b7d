"""The dataset format: the demo data is complete, bad files are refused as a whole."""

import copy
import json
from collections import Counter
from typing import Any

import pytest

from tests.conftest import DEMO_DATASET
from wegweiser.dataset import DatasetError, parse_dataset
from wegweiser.model import KommuneKind

MUNICIPALITIES = {
    "Ballenstedt",
    "Blankenburg (Harz)",
    "Falkenstein/Harz",
    "Halberstadt",
    "Harzgerode",
    "Ilsenburg (Harz)",
    "Oberharz am Brocken",
    "Osterwieck",
    "Quedlinburg",
    "Thale",
    "Wernigerode",
    "Huy",
    "Nordharz",
    "Ditfurt",
    "Groß Quenstedt",
    "Harsleben",
    "Hedersleben",
    "Schwanebeck",
    "Selke-Aue",
    "Wegeleben",
}
VORHARZ_MEMBERS = {
    "Ditfurt",
    "Groß Quenstedt",
    "Harsleben",
    "Hedersleben",
    "Schwanebeck",
    "Selke-Aue",
    "Wegeleben",
}


def demo_document() -> dict[str, Any]:
    return json.loads(DEMO_DATASET.read_text(encoding="utf-8"))


def refused(document: dict[str, Any] | bytes) -> str:
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    with pytest.raises(DatasetError) as info:
        parse_dataset(data, source="test.json")
    return str(info.value)


def test_demo_has_the_20_municipalities_and_the_verbandsgemeinde(demo_dataset) -> None:
    municipalities = [k for k in demo_dataset.kommunen if k.kind != KommuneKind.VERBANDSGEMEINDE]
    assert {k.name for k in municipalities} == MUNICIPALITIES
    assert len(municipalities) == 20
    (vg,) = [k for k in demo_dataset.kommunen if k.kind == KommuneKind.VERBANDSGEMEINDE]
    assert vg.name == "Verbandsgemeinde Vorharz"
    members = {k.name for k in demo_dataset.kommunen if k.parent_key == vg.key}
    assert members == VORHARZ_MEMBERS


def test_demo_counts_and_languages(demo_dataset) -> None:
    assert 12 <= len(demo_dataset.topics) <= 15
    assert len(demo_dataset.sheets) >= 60
    assert len(demo_dataset.contact_points) + len(demo_dataset.offers) >= 150
    languages = Counter(sheet.language for sheet in demo_dataset.sheets)
    assert {"de", "ar", "uk", "en"} <= set(languages)
    covered = {s.kommune_key for s in demo_dataset.sheets} | {
        k for c in demo_dataset.contact_points for k in c.kommune_keys
    }
    assert {k.key for k in demo_dataset.kommunen} <= covered


def test_demo_is_marked_as_example_with_fictional_numbers(demo_dataset) -> None:
    assert demo_dataset.meta.example_data is True
    for contact in demo_dataset.contact_points:
        for phone in contact.phones:
            # 0000 right after the area code: no real German subscriber number looks so.
            assert " 0000-" in phone["number"], phone
        if contact.email and contact.email != demo_dataset.region.coordination_email:
            assert contact.email.endswith(".example"), contact.email
    for partner in demo_dataset.partners:
        if not partner.contact_consent:
            assert partner.contact_phone is None and partner.contact_email is None


def test_missing_field_names_record_and_field() -> None:
    document = demo_document()
    sheet = document["sheets"][3]
    del sheet["title"]
    message = refused(document)
    assert f"sheets[3] id {sheet['id']}" in message
    assert "Feld „title“: Pflichtfeld fehlt" in message


def test_unknown_kommune_is_refused() -> None:
    document = demo_document()
    document["contact_points"][5]["kommune_keys"] = ["halberstadt", "atlantis"]
    message = refused(document)
    assert "contact_points[5]" in message and "Die Kommune „atlantis“ gibt es nicht." in message


def test_duplicate_id_is_refused() -> None:
    document = demo_document()
    document["offers"][1]["id"] = document["offers"][0]["id"]
    message = refused(document)
    assert "offers[1]" in message and "Feld „id“: doppelt (schon bei offers[0]" in message


def test_invalid_opening_hours_are_refused() -> None:
    document = demo_document()
    document["contact_points"][0]["opening_hours"] = "Mo-Fr 8 bis 12 Uhr"
    message = refused(document)
    assert "contact_points[0]" in message and "Feld „opening_hours“: Ungültige Uhrzeit" in message


def test_a_sheet_with_a_remote_image_is_refused() -> None:
    document = demo_document()
    document["sheets"][2]["body"] += "\n\n![Logo](https://tracker.example/logo.png)"
    message = refused(document)
    assert "sheets[2]" in message and "Feld „body“: Bilder sind" in message


def test_invalid_utf8_is_refused_with_position() -> None:
    data = DEMO_DATASET.read_bytes().replace("Behörden".encode(), b"Beh\xf6rden", 1)
    assert data != DEMO_DATASET.read_bytes()
    assert "kein gültiges UTF-8" in refused(data)


def test_wrong_types_unknown_fields_and_broken_references_are_all_listed() -> None:
    document = demo_document()
    document["topics"][0]["sort_order"] = "erste"
    document["kommunen"][0]["einwohner"] = 7000
    document["offers"][2]["contact_point_id"] = "00000000-0000-0000-0000-000000000000"
    document["sheets"][0]["topic_key"] = "raumfahrt"
    message = refused(document)
    assert "topics[0]" in message and "Feld „sort_order“: muss eine ganze Zahl sein" in message
    assert "kommunen[0]" in message and "Feld „einwohner“: unbekanntes Feld" in message
    assert "offers[2]" in message and "Eine Anlaufstelle mit der ID „00000000-" in message
    assert "sheets[0]" in message and "Das Thema „raumfahrt“ gibt es nicht." in message


def test_every_broken_link_and_address_of_one_record_is_listed() -> None:
    """Content from another system: one loader run names all of it, not one a run."""
    document = demo_document()
    document["sheets"][1]["body"] += (
        "\n\n[Amt](http://amt.example) und [Wiki](ftp://wiki.example) ![Logo](https://x.example/l.png)"
    )
    document["contact_points"][3]["email"] = "kein-at-zeichen"
    document["contact_points"][3]["website"] = "http://jobcenter.example"
    problems = _problems(document)
    sheet = [p for p in problems if p.startswith("sheets[1]")]
    contact = [p for p in problems if p.startswith("contact_points[3]")]
    assert len(sheet) == 3, sheet
    assert "Bilder sind" in sheet[0]
    assert "„http://amt.example“ ist nicht erlaubt" in sheet[1]
    assert "„ftp://wiki.example“ ist nicht erlaubt" in sheet[2]
    assert [p.split("Feld ")[1][:9] for p in contact] == ["„email“: ", "„website“"]


def _problems(document: dict[str, Any]) -> list[str]:
    with pytest.raises(DatasetError) as info:
        parse_dataset(json.dumps(document).encode(), source="test.json")
    return info.value.problems


def test_wrong_format_version_and_broken_json() -> None:
    document = demo_document()
    document["format_version"] = 99
    assert "Version 99 wird nicht unterstützt" in refused(document)
    assert "kein gültiges JSON" in refused(b'{"format": "wegweiser-dataset",')


def test_a_valid_copy_still_parses() -> None:
    document = copy.deepcopy(demo_document())
    dataset = parse_dataset(json.dumps(document).encode())
    assert len(list(dataset.records())) == 1 + sum(
        len(document[name])
        for name in (
            "kommunen",
            "topics",
            "synonyms",
            "sheets",
            "contact_points",
            "offers",
            "partners",
        )
    )
    del document["synonyms"]  # a file from before synonyms existed
    assert parse_dataset(json.dumps(document).encode()).synonyms == []


def test_a_file_from_before_partners_had_several_kommunen_still_loads() -> None:
    document = demo_document()
    first, second = document["partners"][:2]
    first["kommune_key"] = first.pop("kommune_keys")[0]
    del second["kommune_keys"]
    second["kommune_key"] = None
    dataset = parse_dataset(json.dumps(document).encode(), source="alt.json")
    loaded = {p.id: p.kommune_keys for p in dataset.partners}
    assert loaded[first["id"]] == [first["kommune_key"]]
    assert loaded[second["id"]] == []  # district-wide
    # Renamed, the old name is checked as the new one: a Kommune that is not there.
    first["kommune_key"] = "atlantis"
    assert "Die Kommune „atlantis“ gibt es nicht" in refused(document)
