"""Pull pages made of records, as a server sends them, for tests of what reads them."""

from collections.abc import Iterable

from wegweiser.model import SyncedRecord
from wegweiser.protocol import Change, PullResponse


def page_of(records: Iterable[SyncedRecord], cursor: str = "e.1") -> PullResponse:
    """A page of changes holding `records` as they are."""
    changes = [
        Change(
            entity=r.entity,
            id=r.id,
            version=r.version,
            deleted=False,
            data=r.model_dump(mode="json"),
        )
        for r in records
    ]
    return PullResponse(changes=changes, next_cursor=cursor, has_more=False)
