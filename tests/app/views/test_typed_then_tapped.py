"""A tap that comes before the screen is drawn again acts on everything typed before it.

From a slow tablet the last keys and the tap can reach the app in one message; the tap's
handler then ran with what the screen held when it was last drawn ("Mittwochs ab 10 U"
saved as the note, seen in the browser tests with two at once)."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import flet as ft
import pytest

from app.main import main
from app.services.personal import PersonalService
from app.store.database import Store, open_store
from app.store.paths import DATA_DIR_ENV
from app.sync import state as sync_state
from tests.app.views.test_shell import connected, go_on_with, wait_for
from tests.support.devices import enrolment_code
from tests.support.flet_session import AppSession
from tests.support.server import Server
from wegweiser.protocol import Role


def _on_the_jobcenter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: Server
) -> AppSession:
    """A guide's tablet, connected and synced, on the Jobcenter's page."""
    tab = connected(tmp_path, monkeypatch, server)
    go_on_with(tab, "Halberstadt")
    tab.type("Suchen", "Jobcenter Halberstadt")
    tab.click(next(t for t in tab.texts() if t.startswith("Jobcenter Landkreis Harz")), ft.ListTile)
    return tab


@contextmanager
def _store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "tablet" / "wegweiser.sqlite")
    try:
        yield store
    finally:
        store.close()


def _typed_then_tapped(tab: AppSession, field: str, text: str, button: str) -> None:
    tab.at_once((tab.find(ft.TextField, field), text), tab.find(ft.Control, button, "click"))


def test_a_note_saved_at_once_keeps_its_last_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sync_server: Server
) -> None:
    tab = _on_the_jobcenter(tmp_path, monkeypatch, sync_server)
    tab.type("Notiz", "Mittwochs ab 10 U")
    _typed_then_tapped(tab, "Notiz", "Mittwochs ab 10 Uhr", "Notiz speichern")
    assert "Notiz gespeichert." in tab.texts()
    kind, record_id = tab.route.split("/")[2:4]
    with _store(tmp_path) as store:
        assert PersonalService(store).note(kind, record_id) == "Mittwochs ab 10 Uhr"
    tab.close()


def test_a_report_sent_at_once_keeps_its_last_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sync_server: Server
) -> None:
    tab = _on_the_jobcenter(tmp_path, monkeypatch, sync_server)
    tab.click("Änderung melden")
    tab.type("Kosten", "kostenlos, Termin nö")
    _typed_then_tapped(tab, "Kosten", "kostenlos, Termin nötig", "Änderung melden")
    with _store(tmp_path) as store:
        [report] = PersonalService(store).my_reports()
    assert report.changes["costs"] == "kostenlos, Termin nötig"
    tab.close()


def test_the_code_typed_last_is_the_one_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sync_server: Server
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "tablet"))
    tab = AppSession(main)
    tab.type("Serveradresse", sync_server.url)
    code = enrolment_code(sync_server, Role.LOTSE, "Lotsin Anna")
    tab.type("Anmeldecode", code[:-1])
    _typed_then_tapped(tab, "Anmeldecode", code, "Verbinden")
    wait_for(tab, lambda: "Für welche Kommunen sind Sie unterwegs?" in tab.texts())
    with _store(tmp_path) as store, store.session() as session:
        assert sync_state.load(session).device_id
    tab.close()
