"""An initiative registers itself in real Chromium, on a phone, without JavaScript: the
form from the network's page, the confirmation link from the mail a real SMTP server
received, the office publishes, the public page shows the contact; the withdrawal link
of the next mail takes it off again. axe-core finds no serious or critical violation."""

from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import SIZES
from tests.support.axe import serious_violations
from tests.support.mail import html_of, link_in, serving_with_mail
from wegweiser.dataset import Dataset
from wegweiser.protocol import Role
from wegweiser.registration import FROM_NETWORK

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
NETWORK = "/wegweiser/de/kommunen/quedlinburg/netzwerk"


def _looked_at(page: Page, name: str) -> None:
    """A picture of the page, no serious accessibility problem, nothing off the side."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    assert serious_violations(page) == [], name
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES["phone"][0], name


def test_an_initiative_registers_is_published_and_withdraws_its_contact(
    browser: Browser, tmp_path: Path, demo_dataset: Dataset
) -> None:
    with serving_with_mail(tmp_path, demo_dataset) as (server, inbox):
        width, height = SIZES["phone"]
        # axe-core is a script: it runs on a page of its own, the person's has none.
        looked = browser.new_page(viewport={"width": width, "height": height}, bypass_csp=True)
        page = browser.new_page(
            viewport={"width": width, "height": height}, java_script_enabled=False
        )
        looked.goto(server.url + "/wegweiser/mitmachen")
        _looked_at(looked, "register-form-phone")

        page.goto(server.url + NETWORK)
        page.get_by_role("link", name="Im Netzwerk mitmachen").click()
        page.get_by_label("Name der Initiative oder Ihr Name").fill("Nähcafé Quedlinburg")
        page.get_by_label("Ansprechperson").fill("Bea Beispiel")
        page.get_by_label("E-Mail-Adresse").fill("naehcafe@example.de")
        page.get_by_label("Telefon").fill("03946 555777")
        page.get_by_label("Ihr Angebot").fill("Wir nähen und reparieren gemeinsam, dienstags.")
        page.get_by_label("Quedlinburg", exact=True).check()
        page.get_by_label("Thale", exact=True).check()
        page.get_by_label("Українська").check()
        page.get_by_label("Ich bin einverstanden").check()
        page.get_by_label("Alle: auch auf den öffentlichen Seiten").check()
        page.wait_for_timeout(4_500)  # a person takes longer than a script to fill it
        page.get_by_role("button", name="Anmeldung senden").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Fast geschafft")

        mail = inbox.wait()[0]
        looked.set_content(html_of(mail))
        expect(looked.get_by_role("link", name="Anmeldung bestätigen")).to_be_visible()
        looked.screenshot(path=str(SHOTS / "register-mail-phone.png"), full_page=True)
        page.goto(server.url + urlsplit(link_in(mail)).path)
        page.get_by_role("button", name="Ja, Anmeldung bestätigen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank")

        office = server.enrol(Role.KOORDINATION, "Koordinierungsstelle")
        pending = office.get("/reports?status=pending").json()["reports"]
        (report,) = [r for r in pending if r["account_id"] == FROM_NETWORK]
        assert office.post(f"/reports/{report['id']}/accept", {}).status_code == 200
        page.goto(server.url + NETWORK)
        listed = page.get_by_role("region", name="Nähcafé Quedlinburg").or_(
            page.locator("section", has_text="Nähcafé Quedlinburg")
        )
        expect(listed.first).to_contain_text("03946 555777")
        expect(listed.first).to_contain_text("Українська")
        page.goto(server.url + NETWORK.replace("quedlinburg", "thale"))  # active in both
        expect(page.get_by_text("Nähcafé Quedlinburg").first).to_be_visible()

        published = inbox.wait(3)[-1]
        withdrawal = server.url + urlsplit(link_in(published)).path
        looked.goto(withdrawal)
        _looked_at(looked, "register-withdraw-phone")
        page.goto(withdrawal)
        page.get_by_role("button", name="Kontaktdaten nicht mehr zeigen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Einwilligung widerrufen")
        page.goto(server.url + NETWORK)
        entry = page.locator("section", has_text="Nähcafé Quedlinburg")
        expect(entry).to_be_visible()
        expect(entry).not_to_contain_text("03946 555777")
