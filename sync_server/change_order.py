"""The change order: the number each change gets, who writes side by side, and up to
which number a reader may trust what it sees.

A device's cursor says "I hold every change up to this number", so a reader must never
move a cursor past a number that commits later.

SQLite has one writer at a time: every change takes the next number of
`sync_state.last_seq`, numbers commit in the order they were given, and the horizon is
simply the last number given.

PostgreSQL lets pushes of different accounts write side by side, without a lock that
every write in the district waits for. A change's number is its transaction's id times
`PLACES`, plus its place within the transaction, plus `sync_state.position_base`.
Transactions commit in any order, so a reader trusts only the numbers below the oldest
transaction still running (its snapshot's xmin): each of those has committed or never
will, and every later change gets a higher number. A long transaction on the same
PostgreSQL server therefore delays what devices see, never loses it.

Everything else that writes (the office's actions, loads, retention, self-service)
still writes alone (`write_alone`): it waits for the pushes under way, and pushes
that come meanwhile wait for it.

A scope's mark (`ScopeMark`: the last change of a Kommune, of the shared content, of an
account) is raised as the transaction commits, not when its change is written: two
pushes in one Kommune then wait for each other only as long as a commit takes.
"""

from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Connection, Text, cast, event, func, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import SessionTransaction
from sqlmodel import Session

from sync_server.tables import ScopeMark, SyncState

PLACES = 1 << 20
"""Changes one PostgreSQL transaction can number (a load commits every 200 records)."""

_ORDER_LOCK = 815_001
"""The advisory lock of the district's change order (an arbitrary key of our own)."""

_NUMBERING = "change_order.numbering"
_MARKS = "change_order.marks"


def write_alone(session: Session) -> None:
    """Write alone until this transaction ends: no push, no other writer meanwhile."""
    if _sqlite(session):
        # Takes SQLite's one write lock now, not at the first write, when a reader's
        # snapshot could no longer become a writer's.
        session.execute(text("UPDATE sync_state SET last_seq = last_seq WHERE id = 1"))
    else:
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ORDER_LOCK})


def write_beside_others(session: Session, account_id: str) -> None:
    """A push: writes beside the pushes of other accounts, after those of the same
    account (its quota and its own records) and apart from `write_alone`'s writers.

    Two pushes that change the same shared record meet at its row (`push._apply`
    reads it `FOR UPDATE`); a deadlock between them is tried again by the push."""
    if _sqlite(session):
        write_alone(session)
        return
    session.execute(text("SELECT pg_advisory_xact_lock_shared(:key)"), {"key": _ORDER_LOCK})
    session.execute(
        text("SELECT pg_advisory_xact_lock(:key, hashtext(:account))"),
        {"key": _ORDER_LOCK, "account": account_id},
    )


def next_seq(session: Session) -> int:
    """The number of the next change written in this transaction."""
    if _sqlite(session):
        row = session.execute(
            text("UPDATE sync_state SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq")
        ).one()
        return int(row[0])
    transaction = session.get_transaction()
    numbering: list[Any] | None = session.info.get(_NUMBERING)
    if numbering is None or numbering[0] is not transaction:
        # pg_current_xact_id is the top-level transaction's id, in a savepoint too.
        first = session.execute(
            text(
                "SELECT position_base + pg_current_xact_id()::text::bigint * :places "
                "FROM sync_state WHERE id = 1"
            ),
            {"places": PLACES},
        ).scalar_one()
        numbering = [transaction, int(first), 0]
        session.info[_NUMBERING] = numbering
    numbering[2] += 1
    if numbering[2] >= PLACES:
        raise RuntimeError(f"more than {PLACES - 1} changes in one transaction")
    return int(numbering[1] + numbering[2])


def mark(session: Session, scopes: list[tuple[str, str]], seq: int) -> None:
    """The scopes (kind, key) a change numbered `seq` touches: their marks rise to it
    when this transaction commits."""
    pending: dict[tuple[str, str], int] = session.info.setdefault(_MARKS, {})
    for scope in scopes:
        pending[scope] = max(pending.get(scope, 0), seq)


def _raise_marks(session: OrmSession) -> None:
    if session.in_nested_transaction():
        return  # a savepoint's commit: the transaction's own comes later
    pending: dict[tuple[str, str], int] = session.info.pop(_MARKS, {})
    if not pending:
        return
    table = ScopeMark.__table__  # type: ignore[attr-defined]
    postgres = session.get_bind().dialect.name == "postgresql"
    # In one order for every writer, so that two never wait for each other's marks.
    for (kind, key), seq in sorted(pending.items()):
        insert = (postgresql.insert if postgres else sqlite.insert)(table)
        insert = insert.values(kind=kind, key=key, last_seq=seq)
        # Never down: two pushes may commit in the other order than their numbers.
        higher = (func.greatest if postgres else func.max)(
            table.c.last_seq, insert.excluded.last_seq
        )
        session.execute(
            insert.on_conflict_do_update(index_elements=["kind", "key"], set_={"last_seq": higher})
        )


def _forget_marks(session: OrmSession, transaction: SessionTransaction) -> None:
    # A savepoint's rollback keeps them: they may be too high then, never too low.
    if transaction.parent is None:
        session.info.pop(_MARKS, None)


# Every session's: whoever commits a change raises its marks.
event.listen(OrmSession, "before_commit", _raise_marks)
event.listen(OrmSession, "after_transaction_end", _forget_marks)


def horizon(dialect: str) -> ColumnElement[int]:
    """A column of a query on `sync_state`: the highest number up to which every change
    has committed or never will, and above which every change still to come falls."""
    state = SyncState.__table__.c  # type: ignore[attr-defined]
    if dialect == "sqlite":
        return state.last_seq  # type: ignore[no-any-return]
    xmin = cast(cast(func.pg_snapshot_xmin(func.pg_current_snapshot()), Text), BigInteger)
    return state.position_base + xmin * PLACES - 1  # type: ignore[no-any-return]


def settle(connection: Connection) -> None:
    """On PostgreSQL, make every number given from now on higher than any the database
    holds: after numbers of the counter of a version before 14 (the migration) or from
    another server's transaction ids (a restore). Only while no server process writes:
    a higher base moves the horizon past the numbers of transactions under way."""
    if connection.dialect.name != "postgresql":
        return
    connection.execute(
        text(
            "UPDATE sync_state SET position_base = GREATEST(position_base, "
            "  GREATEST(last_seq, purged_through,"
            "    (SELECT COALESCE(MAX(seq), 0) FROM sync_item),"
            "    (SELECT COALESCE(MAX(last_seq), 0) FROM scope_mark))"
            "  + 1 - pg_snapshot_xmin(pg_current_snapshot())::text::bigint * :places) "
            "WHERE id = 1"
        ),
        {"places": PLACES},
    )


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"
