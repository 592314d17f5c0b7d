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
