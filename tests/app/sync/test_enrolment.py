"""Which server a device trusts with its sign-in: the address says plainly where it goes."""

from pathlib import Path

import pytest

from app.services.sync import SyncService
from app.store.database import open_store
from app.sync.engine import SyncEngine
from app.sync.errors import Offline, PlainHttp, SyncError
from tests.support.devices import enrolment_code
from tests.support.server import Server
from wegweiser.protocol import Role


@pytest.mark.parametrize(
    "address",
    [
        "https://wegweiser.kreis-hz.de@127.0.0.1",  # goes to 127.0.0.1
        "https://user:secret@wegweiser.kreis-hz.de",
        "https://",
        "ftp://wegweiser.kreis-hz.de",
        "https://wegweiser kreis-hz.de",
    ],
)
def test_a_disguised_or_broken_address_is_refused(tmp_path: Path, address: str) -> None:
    store = open_store(tmp_path / "neu" / "wegweiser.sqlite")
    service = SyncService(store, SyncEngine(store))
    try:
        with pytest.raises(SyncError) as refused:
            service.connect(address, "ABCD-EFGH-JKLM", "Tablet")
        assert "Serveradresse" in refused.value.message
        assert not service.enrolled
    finally:
        store.close()


def test_plain_http_to_another_machine_is_asked_first(tmp_path: Path, sync_server: Server) -> None:
    store = open_store(tmp_path / "neu" / "wegweiser.sqlite")
    service = SyncService(store, SyncEngine(store))
    # The server listens on 127.0.0.1; under another name it is "another machine".
    elsewhere = sync_server.url.replace("127.0.0.1", "127.0.0.1.nip.invalid")
    try:
        with pytest.raises(PlainHttp) as asked:
            service.connect(elsewhere, "ABCD-EFGH-JKLM", "Tablet")
        assert "127.0.0.1.nip.invalid" in asked.value.message
        assert "unverschlüsselt" in asked.value.message
        assert not service.enrolled
        # Confirmed by the person, it is tried (here: a name nobody resolves).
        with pytest.raises(Offline):
            service.connect(elsewhere, "ABCD-EFGH-JKLM", "Tablet", plain_http_ok=True)
        # On the device itself plain http needs no question.
        code = enrolment_code(sync_server, Role.LOTSE, "Lotsin")
        service.connect(sync_server.url, code, "Tablet")
        assert service.enrolled
    finally:
        store.close()
