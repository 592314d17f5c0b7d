"""A contact point answers the office's update request in real Chromium, on a phone,
without JavaScript: the link from the mail a real SMTP server received, Tuesday's hours
changed in the week's fields, the office accepts, a guide's device has the new hours at
its next sync. axe-core finds no serious or critical violation on the form."""

from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, expect
from sqlmodel import Session, col, select

from tests.e2e.conftest import SIZES
from tests.support.axe import serious_violations
from tests.support.mail import html_of, link_in, serving_with_mail
from wegweiser.dataset import Dataset
from wegweiser.model import ContactPoint, Publication
from wegweiser.protocol import Role
from wegweiser.self_service import FROM_CONTACT_POINT

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def test_a_contact_point_corrects_tuesday_and_the_tablets_get_it(
    browser: Browser, tmp_path: Path, demo_dataset: Dataset
) -> None:
    with serving_with_mail(tmp_path, demo_dataset) as (server, inbox):
        with Session(server.engine) as session:
            contact = session.exec(
                select(ContactPoint)
                .where(col(ContactPoint.email).is_not(None))
                .where(ContactPoint.status == Publication.PUBLISHED)
                .where(col(ContactPoint.opening_hours).is_not(None))
                .order_by(col(ContactPoint.name))
            ).first()
        assert contact is not None
        office = server.enrol(Role.KOORDINATION, "Koordinierungsstelle")
        asked = office.post("/admin/update-requests", {"ids": [contact.id]})
        assert asked.json()[0]["outcome"] == "asked", asked.text
        mail = inbox.wait()[0]
        link = server.url + urlsplit(link_in(mail)).path

        width, height = SIZES["phone"]
        # axe-core is a script: the look and the rules with one, the answer without.
        looked = browser.new_page(viewport={"width": width, "height": height}, bypass_csp=True)
        looked.goto(link)
        expect(looked.get_by_role("heading", level=1)).to_contain_text(contact.name)
        SHOTS.mkdir(parents=True, exist_ok=True)
        looked.screenshot(path=str(SHOTS / "update-form-phone.png"), full_page=True)
        assert serious_violations(looked) == []
        assert looked.evaluate("document.documentElement.scrollWidth") <= width
        # The mail as a mail program on the phone shows its HTML part.
        looked.set_content(html_of(mail))
        expect(looked.get_by_role("link", name="Eintrag ansehen und bestätigen")).to_be_visible()
        looked.screenshot(path=str(SHOTS / "update-mail-phone.png"), full_page=True)
        looked.close()

        page = browser.new_page(
            viewport={"width": width, "height": height}, java_script_enabled=False
        )
        page.goto(link)
        tuesday = page.get_by_label("Dienstag", exact=True)
        tuesday.fill("9-12 und 14-18 Uhr")
        page.get_by_role("button", name="Änderung senden").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank")
        page.screenshot(path=str(SHOTS / "update-done-phone.png"), full_page=True)

        pending = office.get("/reports?status=pending").json()["reports"]
        (report,) = [r for r in pending if r["account_id"] == FROM_CONTACT_POINT]
        hours = report["changes"]["opening_hours"]
        assert "Tu 09:00-12:00,14:00-18:00" in hours
        assert office.post(f"/reports/{report['id']}/accept", {}).status_code == 200

        guide = server.enrol(Role.LOTSE, "Lotsin")
        guide.pull_all(contact.kommune_keys or ["halberstadt"])
        assert guide.records[("contact_point", contact.id)]["opening_hours"] == hours
