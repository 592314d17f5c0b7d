"""Pulled records as columns (`wegweiser.columns`): the same records as a page of
changes, checked a kind at a time by the model's own rules."""

from typing import Any

import pytest

from tests.support.pages import page_of
from wegweiser.columns import as_columns, checked
from wegweiser.dataset import Dataset
from wegweiser.kinds import ENTITY_BY_NAME
from wegweiser.model import ContactPoint, new_id
from wegweiser.protocol import Change, PullResponse, RecordColumns


def _page(dataset: Dataset) -> PullResponse:
    page = page_of(dataset.records(), "e.9")
    page.changes.append(Change(entity="offer", id=new_id(), version=3, deleted=True))
    return page.model_copy(update={"has_more": True, "example_data": True})


def test_every_record_of_the_example_reads_back_as_the_model_reads_it(
    demo_dataset: Dataset,
) -> None:
    page = as_columns(_page(demo_dataset))
    assert (page.next_cursor, page.has_more, page.example_data) == ("e.9", True, True)
    assert [t.version for t in page.deleted] == [3]
    assert page.count == len(list(demo_dataset.records())) + 1
    by_id = {r.id: r for r in demo_dataset.records()}
    kinds = set()
    for block in page.records:
        found = checked(block)
        assert found is not None
        cls, fields, rows = found
        kinds.add(cls)
        for row in rows:
            values = dict(zip(fields, row, strict=True))
            expected = by_id[values["id"]]
            # Dates, enum members, lists: what the table model itself would hold.
            assert values == expected.model_dump()
            assert type(values.get("status")) is type(getattr(expected, "status", None))
    assert {ContactPoint, *(type(r) for r in demo_dataset.records())} == kinds


def _block(fields: list[str], *rows: list[Any]) -> RecordColumns:
    """Contact points given as rows, a record each, as columns."""
    columns = [list(column) for column in zip(*rows, strict=True)]
    return RecordColumns(entity="contact_point", fields=fields, columns=columns)


@pytest.mark.parametrize(
    ("fields", "row", "why"),
    [
        (["id", "version", "name"], [new_id(), "zwei", "A"], "version"),
        (["id", "version", "name"], ["keine-uuid", 1, "A"], "UUID"),
        (["id", "version", "name"], [new_id(), 1, "A" * 301], "300"),
        (["id", "version", "name"], [new_id(), 1, None], "string"),
        (["id", "version", "name", "kommune_keys"], [new_id(), 1, "A", "thale"], "list"),
        (["id", "name"], [new_id(), "A"], "missing"),
        (["id", "version"], [new_id(), 1], "missing"),
        (["id", "version", "name", "name"], [new_id(), 1, "A", "B"], "twice"),
    ],
)
def test_a_wrong_value_or_shape_refuses_the_block(
    fields: list[str], row: list[Any], why: str
) -> None:
    good = [new_id(), 1, "Gut", *([None] * (len(fields) - 3))][: len(fields)]
    with pytest.raises(ValueError, match=why):
        checked(_block(fields, good, row))


def test_columns_of_another_length_or_number_are_refused() -> None:
    fields = ["id", "version", "name"]
    ragged = RecordColumns(
        entity="contact_point", fields=fields, columns=[[new_id(), new_id()], [1, 1], ["A"]]
    )
    with pytest.raises(ValueError, match="differ in length"):
        checked(ragged)
    short = RecordColumns(entity="contact_point", fields=fields, columns=[[new_id()], [1]])
    with pytest.raises(ValueError, match="3 fields, 2 columns"):
        checked(short)


def test_a_topic_in_an_unknown_language_is_refused() -> None:
    block = RecordColumns(
        entity="topic",
        fields=["id", "version", "key", "title", "icon", "translations"],
        columns=[[new_id()], [1], ["arbeit"], ["Arbeit"], ["work"], [{"xx": "?"}]],
    )
    with pytest.raises(ValueError, match="keine Sprache"):
        checked(block)


def test_unknown_columns_are_left_out_and_missing_ones_take_their_defaults() -> None:
    ids = [new_id(), new_id().upper()]
    found = checked(
        _block(
            ["id", "version", "name", "from_a_newer_server"],
            [ids[0], 1, "A", 1],
            [ids[1], 2, "B", 2],
        )
    )
    assert found is not None
    _, fields, rows = found
    assert "from_a_newer_server" not in fields
    assert set(fields) == set(ContactPoint.model_fields)
    first, second = (dict(zip(fields, row, strict=True)) for row in rows)
    assert (first["name"], second["id"]) == ("A", ids[1].lower())
    assert first["kommune_keys"] == [] and first["status"] == "published"
    assert first["kommune_keys"] is not second["kommune_keys"]  # not one list for all


def test_a_kind_this_version_does_not_know_is_passed_over() -> None:
    assert "gadget" not in ENTITY_BY_NAME
    assert checked(RecordColumns(entity="gadget", fields=["id"], columns=[["?"]])) is None


def test_blocks_for_an_app_that_knows_the_fields_leave_the_names_out(
    demo_dataset: Dataset,
) -> None:
    named = as_columns(_page(demo_dataset))
    bare = as_columns(_page(demo_dataset), fields_known=True)
    assert all(block.fields is None for block in bare.records)
    assert [checked(b) for b in bare.records] == [checked(b) for b in named.records]
    one_short = bare.records[0].model_copy(update={"columns": bare.records[0].columns[1:]})
    with pytest.raises(ValueError, match=r"fields, \d+ columns"):
        checked(one_short)
