"""Small builders for sync requests in tests, a counter of the server's statements, and
how cursors compare."""

import uuid
from typing import Any

from sqlalchemy import event, func
from sqlmodel import Session, select

from tests.support.server import Device, Server
from wegweiser.model import ContactPoint


def mutation(
    entity: str,
    record_id: str,
    base_version: int,
    fields: dict[str, Any] | None = None,
    op: str = "upsert",
) -> dict[str, Any]:
    """A mutation with a fresh idempotency key."""
    return {
        "id": str(uuid.uuid4()),
        "entity": entity,
        "record_id": record_id,
        "op": op,
        "base_version": base_version,
        "fields": fields or {},
    }


def new_id() -> str:
    return str(uuid.uuid4())


class Statements:
    """Counts the SQL statements the server's own engine runs (the server is in a
    thread of this process, so its engine is at hand)."""

    def __init__(self, server: Server) -> None:
        assert server.in_thread is not None
        self.engine = server.in_thread.config.app.state.engine
        self.count = 0
        self.texts: list[str] = []

    def __enter__(self) -> "Statements":
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *_: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)

    def _seen(self, _connection: object, _cursor: object, statement: str, *_: object) -> None:
        self.count += 1
        self.texts.append(statement)


def not_behind(later: str, earlier: str) -> bool:
    """Whether cursor `later` is of the same epoch as `earlier` and not before it. A
    "nothing new" answer on PostgreSQL may move a cursor on to the horizon: other
    transactions in the cluster (other tests' databases) advance it."""
    later_epoch, later_seq = later.rsplit(".", 1)
    epoch, seq = earlier.rsplit(".", 1)
    return later_epoch == epoch and int(later_seq) >= int(seq)


def a_contact(device: Device, kommune: str = "thale") -> dict[str, Any]:
    """A contact point of `kommune` as `device` pulled it (of that Kommune alone)."""
    device.pull_all([kommune])
    return next(
        r
        for k, r in device.records.items()
        if k[0] == "contact_point" and r["kommune_keys"] == [kommune]
    )


def current(server: Server, record_id: str) -> ContactPoint:
    """The contact point as the server's database holds it now."""
    with Session(server.engine) as session:
        record = session.get(ContactPoint, record_id)
        assert record is not None
        return record


def count(server: Server, cls: type) -> int:
    """How many rows of `cls` the server's database holds."""
    with Session(server.engine) as session:
        return int(session.exec(select(func.count()).select_from(cls)).one())
