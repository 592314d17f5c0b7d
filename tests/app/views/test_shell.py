"""The shell and its screens in an in-process Flet session (`tests.support.flet_session`):
the real components, hooks and router on a real store, with no browser."""

import time
from collections.abc import Callable
from pathlib import Path

import flet as ft
import pytest
from sqlmodel import Session, select

from app.main import main
from app.store.database import open_store
from app.store.paths import DATA_DIR_ENV
from app.sync import state as sync_state
from tests.support.devices import enrolment_code
from tests.support.flet_session import AppSession
from tests.support.server import Server
from wegweiser.model import ContactPoint
from wegweiser.protocol import Role


def test_example_data_search_a_record_and_back(tab: AppSession) -> None:
    assert "Beispieldaten ohne Server ansehen" in [
        c.content for c in tab.controls() if isinstance(c, ft.OutlinedButton)
    ]
    tab.click("Beispieldaten ohne Server ansehen")
    assert "Beispieldaten – nicht für echte Beratung verwenden" in tab.texts()
    tab.type("Suchen", "Jobcenter Halberstadt")
    hit = next(t for t in tab.texts() if t.startswith("Jobcenter Landkreis Harz"))
    tab.click(hit, ft.ListTile)
    assert tab.route.startswith("/record/contact_point/")
    assert "Für Neuankommende zeigen" in [
        c.content for c in tab.controls() if isinstance(c, ft.FilledButton)
    ]
    tab.click("Zurück")
    assert tab.route == "/"
    # The emergency sheet's numbers are buttons of a finger's size, and they call.
    tab.type("Suchen", "Notrufnummern")
    tab.click("Notrufnummern und was im Notfall zu tun ist", ft.ListTile)
    calls = [
        c for c in tab.controls() if isinstance(c, ft.OutlinedButton) and c.icon == ft.Icons.CALL
    ]
    assert [c.content.value for c in calls][:3] == ["112", "110", "116117"]
    tab.event(calls[0], "click")
    assert tab.launched == ["tel:112"]
    tab.click("Zurück")
    # No paediatrician in the example data: said so, and doctors offered instead.
    tab.type("Suchen", "Kinderärzte")
    texts = tab.texts()
    assert "Kein Eintrag nennt „Kinderärzte“. Verwandte Einträge zu „Ärzte“:" in texts
    assert "Gesundheitsamt Landkreis Harz" in texts


def connected(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    server: Server,
    role: Role = Role.LOTSE,
    width: int = 1280,
) -> AppSession:
    """A new tablet (or, `width` 360, a phone) at the first start's Kommunen, connected
    to `server`."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "tablet"))
    tab = AppSession(main, width=width)
    tab.type("Serveradresse", server.url)
    tab.type("Anmeldecode", enrolment_code(server, role, f"Konto {role.value}"))
    tab.click("Verbinden")
    wait_for(tab, lambda: "Für welche Kommunen sind Sie unterwegs?" in tab.texts())
    return tab


def wait_for(tab: AppSession, shown: Callable[[], bool], seconds: float = 20) -> None:
    """Until `shown` holds: a sync runs in a thread beside the session's loop."""
    deadline = time.monotonic() + seconds
    while not shown():
        assert time.monotonic() < deadline, tab.texts()
        tab.settle()


def tick(tab: AppSession, name: str) -> None:
    """Tick a Kommune's box as the client reports it: the box's new value, then its
    change event."""
    tab.change(tab.find(ft.Checkbox, name), True)


def go_on_with(tab: AppSession, kommune: str) -> None:
    """Finish the first start with one Kommune, and wait for the search screen."""
    tick(tab, kommune)
    tab.click("Weiter")
    wait_for(tab, lambda: tab.route == "/" and "Themen" in tab.texts())


def test_every_kommune_ticked_at_the_first_start_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sync_server: Server
) -> None:
    tab = connected(tmp_path, monkeypatch, sync_server)
    tick(tab, "Halberstadt")
    tick(tab, "Wernigerode")
    assert tab.find(ft.Checkbox, "Halberstadt").value is True
    tab.click("Weiter")
    wait_for(tab, lambda: tab.route == "/" and "Themen" in tab.texts())
    store = open_store(tmp_path / "tablet" / "wegweiser.sqlite")
    try:
        with store.session() as session:
            assert sync_state.load(session).kommunen == ["halberstadt", "wernigerode"]
    finally:
        store.close()
    tab.close()


def test_kommunen_added_in_the_settings_are_all_kept_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sync_server: Server
) -> None:
    tab = connected(tmp_path, monkeypatch, sync_server)
    go_on_with(tab, "Thale")
    tab.go("/settings")
    tick(tab, "Halberstadt")
    tick(tab, "Wernigerode")
    tab.click("Kommunen übernehmen")
    assert any(line.startswith("Gespeichert") for line in tab.texts())
    assert "Halberstadt, Thale, Wernigerode" in tab.texts()  # named before they arrive
    tab.go("/sync")
    tab.click("Jetzt synchronisieren")
    store = open_store(tmp_path / "tablet" / "wegweiser.sqlite")
    try:

        def arrived() -> bool:
            with store.session() as session:
                return sync_state.load(session).kommunen == ["halberstadt", "thale", "wernigerode"]

        wait_for(tab, arrived)
    finally:
        store.close()
    tab.close()


def test_a_spreadsheet_is_previewed_cell_by_cell_and_written_only_when_confirmed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sync_server: Server
) -> None:
    tab = connected(tmp_path, monkeypatch, sync_server, Role.KOORDINATION)
    go_on_with(tab, "Halberstadt")
    tab.go("/review/tables")
    tab.pick(
        "neu.csv", "ID;Name;Kommunen;Kosten\n;Sprachcafé am Dom;Halberstadt;kostenlos\n".encode()
    )
    tab.click("Anlaufstellen hochladen")
    wait_for(tab, lambda: any(t.startswith("Vorschau") for t in tab.texts()))
    shown = tab.texts()
    entry = shown.index("Sprachcafé am Dom (neu)")
    costs = shown.index("Kosten", entry)
    assert shown[costs : costs + 3] == ["Kosten", "(leer)", "kostenlos"]  # old, then new
    with Session(sync_server.engine) as session:
        assert not session.exec(
            select(ContactPoint).where(ContactPoint.name == "Sprachcafé am Dom")
        ).all()
    tab.click("Änderungen übernehmen")
    wait_for(tab, lambda: any(t.startswith("Übernommen: 1 neu") for t in tab.texts()))
    with Session(sync_server.engine) as session:
        [new] = session.exec(
            select(ContactPoint).where(ContactPoint.name == "Sprachcafé am Dom")
        ).all()
    assert new.costs == "kostenlos"
    tab.close()


def test_a_revoked_tablet_says_so_on_the_screen_the_guide_is_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sync_server: Server
) -> None:
    """It turned into "Nicht verbunden (nur Beispieldaten)" without a word."""
    tab = connected(tmp_path, monkeypatch, sync_server)
    go_on_with(tab, "Thale")
    store = open_store(tmp_path / "tablet" / "wegweiser.sqlite")
    with store.session() as session:
        device_id = sync_state.load(session).device_id
    store.close()
    office = sync_server.enrol(Role.KOORDINATION, "Koordination")
    assert office.post(f"/admin/devices/{device_id}/revoke", {}).status_code == 204
    tab.go("/sync")
    tab.click("Jetzt synchronisieren")
    said = "Dieses Gerät wurde von der Koordinierungsstelle gesperrt."
    wait_for(tab, lambda: said in tab.texts())
    shown = tab.texts()
    assert any(line.startswith("Ihre privaten Notizen, Favoriten") for line in shown)
    assert any("Koordinierungsstelle für Migration und Ehrenamt" in line for line in shown)
    tab.go("/")
    assert said in tab.texts()
    tab.click("Mit neuem Anmeldecode verbinden")
    assert tab.route == "/settings/sign-out"
    tab.close()


def test_a_sheet_without_the_visits_language_says_so(tab: AppSession) -> None:
    """Untranslated sheets opened in German under an Arabic visit without a word."""
    tab.click("Beispieldaten ohne Server ansehen")
    tab.click("العربية")  # "Für Besuch anzeigen in:"
    tab.type("Suchen", "Eine eigene Wohnung finden")
    tab.click("Eine eigene Wohnung finden", ft.ListTile)
    shown = "\n".join(tab.texts())
    assert "هذه الورقة غير متوفرة بعد باللغة العربية" in shown  # for the newcomer
    assert "Dieses Blatt gibt es noch nicht auf العربية; es steht hier auf Deutsch." in shown


def test_topics_are_named_in_the_apps_language(tab: AppSession) -> None:
    tab.click("Beispieldaten ohne Server ansehen")
    wait_for(tab, lambda: "Gesundheit" in tab.texts())
    tab.go("/settings")
    languages = next(c for c in tab.controls() if isinstance(c, ft.RadioGroup) and c.value == "de")
    tab.change(languages, "en")
    tab.go("/")
    assert "Health" in tab.texts() and "Gesundheit" not in tab.texts()


def test_a_sheets_link_leaves_the_app_only_to_https_mail_and_phone(tab: AppSession) -> None:
    """Data the rules refuse today may still reach a device (older data, another
    server): tapping such a link says so and opens nothing."""
    tab.click("Beispieldaten ohne Server ansehen")
    tab.type("Suchen", "Notrufnummern")
    tab.click("Notrufnummern und was im Notfall zu tun ist", ft.ListTile)
    [sheet] = [c for c in tab.controls() if isinstance(c, ft.Markdown)]
    for refused in (
        "javascript:alert(1)",
        "http://www.kreis-hz.de",
        "data:text/html,<b>x</b>",
        "file:///etc/passwd",
        "sms:+491701234567",
        "intent://scan/#Intent;end",
    ):
        tab.event(sheet, "tap_link", refused)
        assert tab.launched == [], refused
        assert any(text.startswith("Dieser Link wird nicht geöffnet") for text in tab.texts())
    [sheet] = [c for c in tab.controls() if isinstance(c, ft.Markdown)]
    for allowed in ("https://www.kreis-hz.de", "mailto:integration@kreis-hz.de", "tel:112"):
        tab.event(sheet, "tap_link", allowed)
    assert tab.launched == ["https://www.kreis-hz.de", "mailto:integration@kreis-hz.de", "tel:112"]
