"""Pulled records as columns: the page format that names each field once per kind of
record, and the check that reads it a kind at a time.

A page of `Change` objects repeats every field name for every record, and the app checked
it a record at a time by building a table model of each (130 ms for 2,000 contact points,
a third of a first sync's CPU). As columns the JSON is 40 % smaller and a kind of record
is checked in one call (4 ms): each column by its field's type, bounds and checks, taken
from the one definition in `wegweiser.model`, never written a second time.
"""

import hashlib
import json
from functools import cache
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from wegweiser.kinds import ENTITY_BY_NAME
from wegweiser.model import SyncedRecord
from wegweiser.protocol import PullPage, PullResponse, RecordColumns, Tombstone

Row = tuple[Any, ...]

ALWAYS = ("id", "version")
"""Columns a page must carry for every kind (the others may fall back to defaults)."""


@cache
def fields_tag() -> str:
    """Every kind's field names in the model's order, as a short tag. An app and a server
    with the same tag name the same columns alike: the server leaves the names out."""
    kinds = [[entity, list(cls.model_fields)] for entity, cls in sorted(ENTITY_BY_NAME.items())]
    return hashlib.sha256(json.dumps(kinds).encode()).hexdigest()[:12]


def as_columns(response: PullResponse, fields_known: bool = False) -> PullPage:
    """The same page as columns: the server answers so, and the app reads an older
    server's answer so. `fields_known`: the asking app's `fields_tag` is this one, and
    the field names are left out (each block's are the model's, in its order)."""
    blocks: dict[str, RecordColumns] = {}
    deleted: list[Tombstone] = []
    for change in response.changes:
        if change.deleted or change.data is None:
            deleted.append(Tombstone(entity=change.entity, id=change.id, version=change.version))
            continue
        block = blocks.get(change.entity)
        if block is None:
            names = list(
                ENTITY_BY_NAME[change.entity].model_fields if fields_known else change.data
            )
            block = RecordColumns(entity=change.entity, fields=names, columns=[[] for _ in names])
            blocks[change.entity] = block
        for name, column in zip(block.fields or (), block.columns, strict=True):
            column.append(change.data.get(name))
    if fields_known:
        for block in blocks.values():
            block.fields = None
    return PullPage(
        records=list(blocks.values()),
        deleted=deleted,
        next_cursor=response.next_cursor,
        has_more=response.has_more,
        example_data=response.example_data,
    )


def checked(block: RecordColumns) -> tuple[type[SyncedRecord], list[str], list[Row]] | None:
    """The kind, field names and checked rows (a record each) of a block; None for a
    kind this version does not know (a newer server's). Values come back as the model
    holds them (dates, enum members); a column this version does not know is left out,
    one the page lacks takes the field's default. Raises ValueError, naming the kind,
    record and field, for anything else: the page is refused whole."""
    cls = ENTITY_BY_NAME.get(block.entity)
    if cls is None:
        return None
    fields = cls.model_fields
    given = list(fields) if block.fields is None else block.fields
    if len(set(given)) != len(given):
        raise ValueError(f"{block.entity}: a field is named twice")
    if len(block.columns) != len(given):
        raise ValueError(f"{block.entity}: {len(given)} fields, {len(block.columns)} columns")
    kept = [place for place, name in enumerate(given) if name in fields]
    names = [given[place] for place in kept]
    missing = [name for name in fields if name not in names]
    required = [n for n in missing if n in ALWAYS or fields[n].is_required()]
    if required:
        raise ValueError(f"{block.entity}: the columns {required} are missing")
    try:
        rows = list(zip(*(block.columns[place] for place in kept), strict=True))
    except ValueError:
        raise ValueError(f"{block.entity}: the columns differ in length") from None
    try:
        values: list[Row] = row_type(cls, tuple(names)).validate_python(rows)
    except ValidationError as error:
        first = error.errors()[0]
        place = first["loc"]
        named = f"record {place[0]}, {names[int(place[1])]}" if len(place) > 1 else f"{place}"
        raise ValueError(f"{block.entity}, {named}: {first['msg']}") from None
    if missing:
        # Called per row: a default list or dict must not be one object shared by all.
        values = [
            (*row, *(fields[n].get_default(call_default_factory=True) for n in missing))
            for row in values
        ]
    return cls, [*names, *missing], values


@cache
def row_type(cls: type[SyncedRecord], names: tuple[str, ...]) -> TypeAdapter[list[Row]]:
    """Rows of these fields of `cls` as a type: it checks them (the app) and turns them
    into JSON values (the server) as the model does. Made once per kind and fields."""
    columns = []
    for name in names:
        field = cls.model_fields[name]
        columns.append(
            Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
        )
    row: Any = tuple.__class_getitem__(tuple(columns))  # tuple[str, int, …] of this kind
    return TypeAdapter(list[row])
