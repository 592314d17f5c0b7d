"""The first start names the device by what it is and the server by where it goes."""

import pytest

from app.views.first_start import default_device_name
from tests.support.flet_session import AppSession


@pytest.mark.parametrize(
    ("width", "platform", "name"),
    [
        (1280, "android", "Tablet"),
        (800, "ios", "Tablet"),
        (360, "android", "Smartphone"),
        (390, "ios", "Smartphone"),
        (1280, "linux", "Computer"),
        (360, "linux", "Smartphone"),  # the web app in a phone's browser
    ],
)
def test_a_phone_is_not_called_tablet(width: float, platform: str, name: str) -> None:
    assert default_device_name(width, platform) == name


def test_the_first_start_names_where_the_sign_in_goes_and_asks_before_plain_http(
    tab: AppSession,
) -> None:
    # A look-alike address: the host it really leads to is shown as it is typed.
    tab.type("Serveradresse", "https://wegweiser.kreis-hz.de@127.0.0.1")
    assert "Verbindet mit: 127.0.0.1" in tab.texts()
    tab.type("Anmeldecode", "ABCD-EFGH-JKLM")
    tab.click("Verbinden")
    assert any(t.startswith("Diese Serveradresse wird nicht verwendet") for t in tab.texts())

    tab.type("Serveradresse", "http://wegweiser.invalid")
    assert "Verbindet mit: wegweiser.invalid" in tab.texts()
    assert "Trotzdem unverschlüsselt verbinden" not in tab.texts()
    tab.click("Verbinden")
    assert any("wegweiser.invalid wäre unverschlüsselt" in t for t in tab.texts())
    tab.click("Trotzdem unverschlüsselt verbinden")
    # Said yes to: the connection is tried (nobody answers under that name).
    assert any(t.startswith("Keine Verbindung zum Server") for t in tab.texts())
