"""The first start names the device by what it is and the server by where it goes."""

import flet as ft
import pytest

from app.views.first_start import default_device_name
from tests.support.devices import enrolment_code
from tests.support.flet_session import AppSession
from tests.support.proxy import FaultProxy
from tests.support.server import Server
from wegweiser.protocol import Role


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
    tab.settle_until(
        lambda: any(t.startswith("Diese Serveradresse wird nicht verwendet") for t in tab.texts())
    )

    tab.type("Serveradresse", "http://wegweiser.invalid")
    assert "Verbindet mit: wegweiser.invalid" in tab.texts()
    assert "Trotzdem unverschlüsselt verbinden" not in tab.texts()
    tab.click("Verbinden")
    tab.settle_until(
        lambda: any("wegweiser.invalid wäre unverschlüsselt" in t for t in tab.texts())
    )
    tab.click("Trotzdem unverschlüsselt verbinden")
    # Said yes to: the connection is tried (nobody answers under that name).
    tab.settle_until(lambda: any(t.startswith("Keine Verbindung zum Server") for t in tab.texts()))


def test_connecting_says_it_waits_and_a_second_tap_spends_no_second_code(
    tab: AppSession, sync_server: Server, proxy: FaultProxy
) -> None:
    """The enrolment used to run on the session's loop: the screen froze until the server
    answered, and a person tapped "Verbinden" again."""
    proxy.rule = lambda method, path, n: "delay:1.5" if path == "/enrol" else "pass"
    tab.type("Serveradresse", proxy.url)
    tab.type("Anmeldecode", enrolment_code(sync_server, Role.LOTSE, "Lotsin"))
    tab.tap_and_go_on("Verbinden")
    assert "Verbinde mit dem Server …" in tab.texts()  # drawn while the server is asked
    assert tab.find(ft.Control, "Verbinden", handling="click").disabled
    tab.tap_and_go_on("Verbinden")  # a tap sent before the button was drawn disabled
    tab.settle_until(lambda: "Für welche Kommunen sind Sie unterwegs?" in tab.texts())
    assert proxy.count("/enrol") == 1
    assert not any("Anmeldecode" in t and "ungültig" in t for t in tab.texts())
