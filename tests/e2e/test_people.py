"""Geräte und Personen in the real app against the real server: the enrolment QR code on
the office's screen decodes to a link that a new tablet's first start takes as it is, and
an account revoked there is refused from then on."""

import io
from pathlib import Path
from urllib.parse import urlencode

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, expect

from app.store.database import open_store
from app.sync import state as sync_state
from app.sync.links import read_enrolment_link
from tests.e2e.apps import start_app
from tests.e2e.conftest import go_to, new_page, office_app, screenshot
from tests.e2e.person import connect, tap, type_into
from tests.support import local_http
from tests.support.server import Server


def token_of(data_dir: Path) -> str:
    """The device token a tablet stored, read from its database as it lies on disk."""
    [path] = data_dir.rglob("wegweiser.sqlite")
    store = open_store(path)
    try:
        with store.session() as session:
            return sync_state.load(session).token
    finally:
        store.close()


@pytest.mark.parametrize("size", ["tablet"])
def test_the_qr_code_enrols_a_tablet_and_a_revoked_account_is_refused(
    browser: Browser, demo_server: Server, tmp_path: Path, size: str
) -> None:
    ben_app, ben_url = start_app(tmp_path / "ben")
    try:
        with office_app(browser, demo_server, tmp_path, size) as office:
            office.get_by_role("button", name="Geräte und Personen").click()
            type_into(
                office.get_by_role("textbox", name="Name der Person (oder des Geräts)"), "Lotse Ben"
            )
            tap(office.get_by_role("button", name="Anmeldecode erstellen"))
            expect(
                office.get_by_role("group", name="Anmeldecode für Lotse Ben", exact=False)
            ).to_be_visible()
            expect(
                office.get_by_role("img", name="QR-Code mit Serveradresse und Anmeldecode")
            ).to_be_visible()
            office.wait_for_timeout(1_000)  # the image is drawn a frame after its semantics
            shot = screenshot(office, f"{size}-enrolment-code")

            # What a camera sees on the office's screen is what the first start needs.
            [found] = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot.read_bytes())))
            linked = read_enrolment_link(found.text)
            assert linked is not None and linked[0] == demo_server.url

            # Ben's tablet opens the app with the link's server and code filled in.
            ben = new_page(browser, size)
            go_to(ben, f"{ben_url}?{urlencode({'server': linked[0], 'code': linked[1]})}")
            # Nothing typed: "Verbinden" works only with the link's server and code.
            connect(ben)
            ben.get_by_role("checkbox", name="Halberstadt").click()
            ben.get_by_role("button", name="Weiter").click()
            expect(ben.get_by_role("textbox").first).to_be_visible()
            token = token_of(tmp_path / "ben")
            pull = {"cursor": "", "kommunen": ["halberstadt"]}
            headers = {"Authorization": f"Bearer {token}"}
            assert (
                local_http.post(
                    f"{demo_server.url}/sync/pull", json=pull, headers=headers
                ).status_code
                == 200
            )

            # The office sees Ben's device and revokes his whole account (two taps).
            office.get_by_role("button", name="Zurück").click()
            office.get_by_role("button", name="Geräte und Personen").click()
            bens_card = office.get_by_role("group", name="Lotse Ben", exact=False)
            expect(bens_card).to_be_visible()
            tap(bens_card.get_by_role("button", name="Ganzes Konto sperren"))
            tap(office.get_by_role("button", name="Wirklich sperren?", exact=False))
            expect(office.get_by_text("Gesperrt.", exact=False)).to_be_visible()
            refused = local_http.post(f"{demo_server.url}/sync/pull", json=pull, headers=headers)
            assert refused.status_code == 403 and refused.json()["wipe"] is True
    finally:
        ben_app.terminate()
        ben_app.wait(timeout=10)
