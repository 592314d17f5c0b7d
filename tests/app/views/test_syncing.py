"""The sync screen always shows what happened: the last attempt, its time and outcome."""

from datetime import UTC, datetime

from app.i18n import t
from app.services.sync import status_text
from app.sync.status import SyncStatus
from app.views.syncing import SignInAgain, sync_view
from tests.support.controls import click, texts

NOW = datetime(2026, 11, 28, 9, 15, 3, tzinfo=UTC)


def status(**values: object) -> SyncStatus:
    base: dict[str, object] = {
        "enrolled": True,
        "online": False,
        "syncing": False,
        "last_success": None,
        "pending": 2,
        "open_problems": 0,
        "last_error": "Keine Verbindung zum Server.",
    }
    return SyncStatus(**{**base, **values})  # type: ignore[arg-type]


def test_a_failed_attempt_is_shown_with_its_time_each_time() -> None:
    pressed: list[str] = []
    view = sync_view(status(last_attempt=NOW), NOW, lambda: pressed.append("now"), print)
    shown = texts(view)
    when = NOW.astimezone().strftime("%H:%M:%S")
    assert f"Letzter Versuch um {when}: Keine Verbindung zum Server." in shown
    click(view, "Jetzt synchronisieren")
    assert pressed == ["now"]
    later = NOW.replace(second=40)
    again = texts(sync_view(status(last_attempt=later), later, print, print))
    assert (
        f"Letzter Versuch um {later.astimezone():%H:%M:%S}: Keine Verbindung zum Server." in again
    )


def test_a_good_attempt_says_so() -> None:
    view = sync_view(status(online=True, last_error=None, last_attempt=NOW), NOW, print, print)
    assert any(line.endswith(": erfolgreich") for line in texts(view))


def test_a_device_the_server_no_longer_knows_is_offered_a_new_code() -> None:
    typed: list[str] = []
    sent: list[str] = []
    again = SignInAgain("", typed.append, lambda: sent.append("sent"))
    refused = status(last_error="Anmeldung ungültig.", token_refused=True)
    view = sync_view(refused, NOW, print, print, again=again)
    assert any(line.startswith("Der Server kennt dieses Gerät nicht mehr") for line in texts(view))
    click(view, "Wieder anmelden")
    assert sent == ["sent"]
    # Any other failure offers no new code: the device is still known.
    assert "Wieder anmelden" not in texts(sync_view(status(), NOW, print, print, again=again))
    # The chip on every screen says so too, not "synchronised just now".
    assert status_text(refused, NOW, t) == "Neu anmelden nötig"
