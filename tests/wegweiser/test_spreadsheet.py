"""The spreadsheet columns read back what they wrote, for every example entry."""

from wegweiser import spreadsheet, spreadsheet_columns
from wegweiser.dataset import Dataset
from wegweiser.model import ContactPoint, Offer


def test_every_example_entry_survives_a_round_trip(demo_dataset: Dataset) -> None:
    known = spreadsheet_columns.Known.of(
        ((k.key, k.name) for k in demo_dataset.kommunen),
        ((t.key, t.title) for t in demo_dataset.topics),
        (c.id for c in demo_dataset.contact_points),
    )
    for entity, records in (
        (ContactPoint.entity, demo_dataset.contact_points),
        (Offer.entity, demo_dataset.offers),
    ):
        by_id = {r.id: r for r in records}
        text = spreadsheet.write_csv(entity, records)
        read = spreadsheet.read_csv(entity, text.encode(), known, by_id.get)
        assert [r.model_dump() for r in read] == [r.model_dump() for r in records]
        # Without the ids (a new office's list), the same entries become new ones.
        fresh = spreadsheet.read_csv(entity, text.encode(), known, lambda _: None)
        assert len(fresh) == len(records)


def test_kommunen_and_topics_by_name_or_key(demo_dataset: Dataset) -> None:
    known = spreadsheet_columns.Known.of(
        ((k.key, k.name) for k in demo_dataset.kommunen),
        ((t.key, t.title) for t in demo_dataset.topics),
    )
    text = "ID;Name;Kommunen;Themen\n;Treff;groß quenstedt, Thale;Wohnen, gesundheit\n"
    [record] = spreadsheet.read_csv(ContactPoint.entity, text.encode(), known, lambda _: None)
    assert isinstance(record, ContactPoint)
    assert record.kommune_keys == ["gross-quenstedt", "thale"]
    assert record.topic_keys == ["wohnen", "gesundheit"]


def _known(dataset: Dataset) -> spreadsheet_columns.Known:
    return spreadsheet_columns.Known.of(
        ((k.key, k.name) for k in dataset.kommunen),
        ((t.key, t.title) for t in dataset.topics),
        (c.id for c in dataset.contact_points),
    )


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_written_as_text_and_read_back(
    demo_dataset: Dataset,
) -> None:
    contact = demo_dataset.contact_points[0].model_copy(
        update={
            "name": '=HYPERLINK("https://evil.example","Klick")',
            "accessibility": "@SUM(1+1)",
            "costs": "-5 € Eigenanteil",
            "description": "+ Dolmetscher auf Anfrage",
        }
    )
    text = spreadsheet.write_csv(ContactPoint.entity, [contact])
    for cell in ("=HYPERLINK", "@SUM", "-5 €", "+ Dolmetscher"):
        assert f";{cell}" not in text and f'"{cell}' not in text, cell
    assert ";'=HYPERLINK" in text or "\"'=HYPERLINK" in text
    [read] = spreadsheet.read_csv(
        ContactPoint.entity, text.encode(), _known(demo_dataset), {contact.id: contact}.get
    )
    assert read.model_dump() == contact.model_dump()  # the escape taken off again


def test_an_id_in_capitals_is_the_same_entry_and_a_doubled_one_is_refused(
    demo_dataset: Dataset,
) -> None:
    contact = demo_dataset.contact_points[0]
    by_id = {contact.id: contact}
    text = f"ID;Name\n{contact.id.upper()};Neuer Name\n"
    [read] = spreadsheet.read_csv(
        ContactPoint.entity, text.encode(), _known(demo_dataset), by_id.get
    )
    assert isinstance(read, ContactPoint)
    assert read.id == contact.id and read.name == "Neuer Name"
    # Columns the file lacks keep what the entry has.
    assert (read.street, read.phones, read.opening_hours) == (
        contact.street,
        contact.phones,
        contact.opening_hours,
    )
    twice = f"ID;Name\n{contact.id};A\n{contact.id.upper()};B\n"
    try:
        spreadsheet.read_csv(ContactPoint.entity, twice.encode(), _known(demo_dataset), by_id.get)
    except spreadsheet.SpreadsheetRefused as refused:
        assert [str(p) for p in refused.problems] == [
            "Zeile 3, Spalte „ID“: doppelt (schon in Zeile 2)."
        ]
    else:
        raise AssertionError("a doubled id was taken")


def test_a_broken_quote_a_huge_cell_and_control_characters_are_named_by_line(
    demo_dataset: Dataset,
) -> None:
    cases = {
        'ID;Name\n;Treff\n;"offen\n': "Zeile 3",
        "ID;Name\n;" + "x" * 200_000 + "\n": "Zeile 2",
        "ID;Name\n;Treff\n;Tr\x00eff\n": "Zeile 3",
        "ID;Name\n;Tr\x07eff\n": "Zeile 2",
    }
    for text, where in cases.items():
        try:
            spreadsheet.read_csv(
                ContactPoint.entity, text.encode(), _known(demo_dataset), lambda _: None
            )
        except spreadsheet.SpreadsheetRefused as refused:
            assert str(refused).startswith(where), (text[:30], str(refused))
        else:
            raise AssertionError(f"taken: {text[:30]!r}")
