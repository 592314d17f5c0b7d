"""Faults a guide meets on the tablet's side: a damaged local database keeps its outbox, and
a Wi-Fi's login page and a server error are said as what they are."""

import sqlite3
import uuid
from datetime import UTC, datetime
from functools import partial

import pytest
from sqlmodel import Session, select

from app.i18n import translate
from app.services.sync import status_text
from app.store import content
from app.store.database import StoreCorruptError, open_store
from app.sync import outbox
from app.sync.errors import SyncError
from app.sync.recovery import recover
from tests.support.devices import contact_in, local_contact
from tests.support.proxy import FaultProxy
from tests.support.server import Server
from wegweiser.owned import PrivateNote
from wegweiser.protocol import Role


def test_damaged_local_database_keeps_its_outbox(make_tablet, sync_server: Server) -> None:
    tablet = make_tablet("a")
    tablet.engine.sync()
    contact = contact_in(tablet, "thale")
    notes = [str(uuid.uuid4()) for _ in range(3)]
    queued = [
        outbox.record_edit(
            tablet.store,
            "private_note",
            note_id,
            {"target_entity": "contact_point", "target_id": contact.id, "text": f"Notiz {n}"},
            tablet.engine.clock,
        )
        for n, note_id in enumerate(notes)
    ]
    tablet.store.close()
    connection = sqlite3.connect(tablet.path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = [
        row[0]
        for row in connection.execute(
            "SELECT pageno FROM dbstat WHERE name IN ('contact_point', 'search_fts_data')"
        )
    ]
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    with tablet.path.open("r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * page_size)
            handle.write(b"\xde\xad" * (page_size // 2))
    with pytest.raises(StoreCorruptError):
        open_store(tablet.path)

    store, saved = recover(tablet.path)
    assert [row[0] for row in saved.outbox] == queued and saved.lost_entries == 0
    tablet.store = store
    tablet.engine.store = store
    tablet.engine.sync()
    assert tablet.engine.status().pending == 0
    with Session(sync_server.engine) as session:
        assert {n.id for n in session.exec(select(PrivateNote)).all()} == set(notes)
    assert local_contact(tablet, contact.id) is not None  # content came back with a full pull
    with store.session() as session:
        assert len(session.exec(select(PrivateNote)).all()) == 3
        assert content.kommunen(session)


@pytest.mark.parametrize(
    ("fault", "said", "online", "chip"),
    [
        (
            "wifi_login",
            "vielleicht muss das Gerät erst im WLAN angemeldet werden",
            False,
            "Offline",
        ),
        ("server_error", "Der Server hat gerade ein Problem (Fehler 500)", True, "Problem beim"),
    ],
)
def test_a_wifi_login_page_and_a_server_error_are_said_as_what_they_are(
    make_tablet, proxy: FaultProxy, fault: str, said: str, online: bool, chip: str
) -> None:
    """A Wi-Fi's login page read as "Antwort unvollständig", a 500 as "Offline"."""
    tablet = make_tablet("lotsin", role=Role.LOTSE)
    proxy.rule = lambda _m, path, n: fault if path == "/sync/pull" else "pass"
    with pytest.raises(SyncError) as failed:
        tablet.engine.sync()
    assert said in failed.value.message
    status = tablet.engine.status()
    assert status.online is online and status.last_error == failed.value.message
    assert status_text(status, datetime.now(UTC), partial(translate, "de")).startswith(chip)
