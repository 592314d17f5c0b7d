"""What one account may keep: private notes counted and measured, favourites counted, per
account, on SQLite and PostgreSQL, each one over the quota refused alone and in German."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, col, func, select

from tests.support.server import Server, prepare_database, start_server
from tests.sync_server.conftest import ON_BOTH_DATABASES
from tests.sync_server.helpers import mutation, new_id
from wegweiser.dataset import Dataset
from wegweiser.owned import PrivateNote
from wegweiser.protocol import Role


@pytest.fixture
def strict(database_url: str, tmp_path: Path, demo_dataset: Dataset) -> Iterator[Server]:
    """A server that lets an account keep 5 notes of 3,000 characters together, and 3
    favourites."""
    prepare_database(database_url, demo_dataset).dispose()
    running = start_server(
        database_url,
        tmp_path,
        max_notes_per_account=5,
        max_note_chars_per_account=3_000,
        max_favourites_per_account=3,
    )
    yield running
    running.stop()
    running.engine.dispose()


def notes_of(server: Server, account_id: str) -> int:
    with Session(server.engine) as session:
        return int(
            session.exec(
                select(func.count())
                .select_from(PrivateNote)
                .where(
                    col(PrivateNote.account_id) == account_id, col(PrivateNote.deleted).is_(False)
                )
            ).one()
        )


def note(record_id: str, text: str, version: int = 0) -> dict:
    target = {"target_entity": "contact_point", "target_id": new_id(), "text": text}
    return mutation("private_note", record_id, version, target)


@ON_BOTH_DATABASES
def test_notes_past_the_quota_are_refused_alone_and_deleting_makes_room(strict: Server) -> None:
    # One device stored 21,420 notes of 4,900 characters in a minute.
    anna = strict.enrol(Role.LOTSE, "Lotsin Anna")
    ids = [new_id() for _ in range(7)]
    answers = anna.push(*(note(i, f"Notiz {n}") for n, i in enumerate(ids)))
    assert [a["status"] for a in answers] == ["applied"] * 5 + ["rejected"] * 2
    assert answers[5]["reason"].startswith("Höchstens 5 Notizen pro Konto")
    assert notes_of(strict, anna.account_id) == 5
    # Another account has a quota of its own.
    ben = strict.enrol(Role.LOTSE, "Lotse Ben")
    assert ben.push(note(new_id(), "Ben"))[0]["status"] == "applied"
    # A note deleted makes room; changing a kept note is never refused by the count.
    assert anna.push(mutation("private_note", ids[0], 1, op="delete"))[0]["status"] == "applied"
    assert anna.push(note(ids[5], "jetzt"))[0]["status"] == "applied"
    assert (
        anna.push(mutation("private_note", ids[1], 1, {"text": "kürzer"}))[0]["status"] == "applied"
    )

    # Characters: 5 notes hold 3,000 together at most.
    long = anna.push(mutation("private_note", ids[2], 1, {"text": "x" * 2_990}))[0]
    assert long["status"] == "rejected"
    assert "zusammen zu lang (höchstens 3000 Zeichen)" in long["reason"]
    assert notes_of(strict, anna.account_id) == 5


@ON_BOTH_DATABASES
def test_favourites_past_the_quota_are_refused_alone_and_removing_makes_room(
    strict: Server,
) -> None:
    """A favourite may name any id: without a count one device could store millions."""
    anna = strict.enrol(Role.LOTSE, "Lotsin Anna")
    ids = [new_id() for _ in range(5)]

    def favourite(record_id: str, version: int = 0) -> dict:
        target = {"target_entity": "contact_point", "target_id": new_id()}
        return mutation("favourite", record_id, version, target)

    answers = anna.push(*(favourite(i) for i in ids))
    assert [a["status"] for a in answers] == ["applied"] * 3 + ["rejected"] * 2
    assert answers[3]["reason"].startswith("Höchstens 3 Favoriten pro Konto")
    assert anna.push(favourite(ids[0], 1))[0]["status"] == "applied"  # kept as it was
    ben = strict.enrol(Role.LOTSE, "Lotse Ben")
    assert ben.push(favourite(new_id()))[0]["status"] == "applied"
    assert anna.push(mutation("favourite", ids[0], 1, op="delete"))[0]["status"] == "applied"
    assert anna.push(favourite(ids[3]))[0]["status"] == "applied"
