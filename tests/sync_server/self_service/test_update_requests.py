"""The office asks a contact point to confirm or correct its entry: the mail through a
real SMTP server, the personal link, "Alles ist aktuell", a change that becomes a report,
the reason of a rejection mailed back, and every way a link must open nothing."""

import io
import re
import uuid
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import httpx
import pypdfium2 as pdfium
from sqlmodel import Session, col, select

from sync_server.self_service.links import digest
from sync_server.self_service.tables import PersonalLink, UpdateRequest
from sync_server.tables import AuditEvent
from tests.support import local_http
from tests.support.forms import form_with, replaced
from tests.support.mail import html_of, link_in, text_of
from tests.support.qr import decode_qr
from tests.sync_server.self_service.conftest import Mailing
from wegweiser.model import ContactPoint, Region
from wegweiser.protocol import Role
from wegweiser.self_service import FROM_CONTACT_POINT, FROM_CONTACT_POINT_NAME


def _ask(mailing: Mailing) -> str:
    """Ask the contact point; the path of the link its mail brought."""
    answer = mailing.office.post("/admin/update-requests", {"ids": [mailing.contact.id]})
    assert answer.status_code == 200, answer.text
    assert answer.json()[0]["outcome"] == "asked"
    received = mailing.inbox.wait()
    return urlsplit(link_in(received[-1])).path


def _open(mailing: Mailing, path: str) -> httpx.Response:
    return local_http.get(mailing.server.url + path)


def _send(mailing: Mailing, path: str, form: list[tuple[str, str]]) -> httpx.Response:
    return local_http.post(mailing.server.url + path, data=dict(_multi(form)))


def _multi(form: list[tuple[str, str]]) -> dict[str, list[str]]:
    sent: dict[str, list[str]] = {}
    for name, value in form:
        sent.setdefault(name, []).append(value)
    return sent


def test_the_request_arrives_by_mail_with_a_link_to_this_entry_only(mailing: Mailing) -> None:
    path = _ask(mailing)
    mail = mailing.inbox.received[0]
    with Session(mailing.server.engine) as session:
        region = session.exec(select(Region)).one()
        stored = session.exec(select(PersonalLink)).all()
    assert mail["To"] == mailing.contact.email
    assert region.coordination_email in mail["From"]
    assert mail["Reply-To"] == region.coordination_email
    assert mailing.contact.name in mail["Subject"]
    assert link_in(mail).startswith("https://wegweiser.example.de/wegweiser/aktualisieren/")
    assert "Was mit Ihren Angaben geschieht" in text_of(mail)
    assert 'href="https://wegweiser.example.de/wegweiser/aktualisieren/' in html_of(mail)
    token = path.rsplit("/", 1)[1]
    # Only the hash is kept: the database opens no link.
    assert [link.token_hash for link in stored] == [digest(token)]
    page = _open(mailing, path)
    assert page.status_code == 200
    assert mailing.contact.name in page.text
    assert page.headers["cache-control"] == "no-store"
    assert form_with(page.text, "action", "aktuell")


def test_all_is_current_takes_the_entry_off_aktualitaet(mailing: Mailing) -> None:
    path = _ask(mailing)
    confirm = form_with(_open(mailing, path).text, "action", "aktuell")
    answer = _send(mailing, path, confirm)
    assert answer.status_code == 200, answer.text
    assert "gilt ab heute als geprüft" in answer.text
    with Session(mailing.server.engine) as session:
        contact = session.get(ContactPoint, mailing.contact.id)
        event = session.exec(
            select(AuditEvent).where(AuditEvent.action == "confirmed_by_contact")
        ).one()
        request = session.exec(select(UpdateRequest)).one()
    assert contact is not None and contact.last_verified == datetime.now(UTC).date()
    assert event.record_id == mailing.contact.id
    assert event.account_name == FROM_CONTACT_POINT_NAME
    assert request.answer == "confirmed"
    due = mailing.office.get("/exports/due-contacts.csv?months=1").text
    assert mailing.contact.name not in due
    # A guide's tablet learns it at its next sync.
    guide = mailing.server.enrol(Role.LOTSE, "Lotsin")
    guide.pull_all(contact.kommune_keys or ["halberstadt"])
    synced = guide.records[("contact_point", contact.id)]
    assert synced["last_verified"] == date.today().isoformat()
    # The office sees where the request stands.
    views = mailing.office.get("/admin/update-requests").json()["requests"]
    assert views[0]["answer"] == "confirmed" and views[0]["mail_state"] == "sent"


def test_a_change_of_tuesday_becomes_a_report_the_office_accepts(mailing: Mailing) -> None:
    path = _ask(mailing)
    change = form_with(_open(mailing, path).text, "action", "aenderung")
    answer = _send(mailing, path, replaced(change, day1="09:00-12:00, 14:00-18:00"))
    assert answer.status_code == 200, answer.text
    assert "angekommen" in answer.text
    queue = mailing.office.get("/reports?status=pending").json()["reports"]
    mine = [r for r in queue if r["account_id"] == FROM_CONTACT_POINT]
    assert len(mine) == 1
    report = mine[0]
    assert report["reporter_name"] == FROM_CONTACT_POINT_NAME
    assert list(report["changes"]) == ["opening_hours"]
    assert "Tu 09:00-12:00,14:00-18:00" in report["changes"]["opening_hours"]
    accepted = mailing.office.post(f"/reports/{report['id']}/accept", {})
    assert accepted.status_code == 200, accepted.text
    guide = mailing.server.enrol(Role.LOTSE, "Lotsin")
    guide.pull_all(mailing.contact.kommune_keys or ["halberstadt"])
    synced = guide.records[("contact_point", mailing.contact.id)]
    assert synced["opening_hours"] == report["changes"]["opening_hours"]


def test_a_rejection_is_mailed_back_with_its_reason(mailing: Mailing) -> None:
    path = _ask(mailing)
    change = form_with(_open(mailing, path).text, "action", "aenderung")
    sent = _send(mailing, path, replaced(change, comment="<b>Wir</b> sind jetzt im Rathaus"))
    assert sent.status_code == 200, sent.text
    report = next(
        r
        for r in mailing.office.get("/reports?status=pending").json()["reports"]
        if r["account_id"] == FROM_CONTACT_POINT
    )
    assert report["comment"] == "<b>Wir</b> sind jetzt im Rathaus"
    reason = "Das Rathaus <script>ist</script> zu; bitte rufen Sie uns an."
    rejected = mailing.office.post(f"/reports/{report['id']}/reject", {"reason": reason})
    assert rejected.status_code == 200
    mail = mailing.inbox.wait(2)[1]
    assert mail["To"] == mailing.contact.email
    assert reason in text_of(mail)
    assert "<script>" not in html_of(mail) and "&lt;script&gt;" in html_of(mail)


def test_a_wrong_day_comes_back_named_and_nothing_is_stored(mailing: Mailing) -> None:
    path = _ask(mailing)
    change = form_with(_open(mailing, path).text, "action", "aenderung")
    answer = _send(mailing, path, replaced(change, day1="9-25", name="Neuer Name"))
    assert answer.status_code == 422
    assert "Dienstag" in answer.text
    assert 'value="9-25"' in answer.text and 'value="Neuer Name"' in answer.text
    assert mailing.office.get("/reports?status=pending").json()["reports"] == []
    # The form came back with a ticket of its own: corrected, it goes through.
    again = form_with(answer.text, "action", "aenderung")
    assert _send(mailing, path, replaced(again, day1="09:00-12:00")).status_code == 200


def test_a_form_goes_once_and_only_as_the_server_showed_it(mailing: Mailing) -> None:
    path = _ask(mailing)
    change = replaced(form_with(_open(mailing, path).text, "action", "aenderung"), comment="Hi")
    assert _send(mailing, path, change).status_code == 200
    replay = _send(mailing, path, change)
    assert replay.status_code == 403
    assert "schon gesendet oder ist zu alt" in replay.text
    without = [(name, value) for name, value in change if name != "ticket"]
    assert _send(mailing, path, without).status_code == 403
    made_up = replaced(change, ticket="A" * 43)
    assert _send(mailing, path, made_up).status_code == 403
    pending = mailing.office.get("/reports?status=pending").json()["reports"]
    assert len(pending) == 1


def test_links_that_open_nothing_name_nothing(mailing: Mailing) -> None:
    path = _ask(mailing)
    assert _open(mailing, path).status_code == 200
    unknown = re.sub(r"[^/]+$", "B" * 43, path)
    for address in (unknown, path[:-1], path + "x", "/wegweiser/aktualisieren/%00"):
        page = _open(mailing, address)
        assert page.status_code == 404, address
        assert mailing.contact.name not in page.text
    with Session(mailing.server.engine) as session:
        request = session.exec(select(UpdateRequest)).one()
    withdrawn = mailing.office.post(f"/admin/update-requests/{request.id}/withdraw", {})
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_at"]
    page = _open(mailing, path)
    assert page.status_code == 404
    assert "abgelaufen, wurde zurückgezogen oder ist unbekannt" in page.text
    assert mailing.contact.name not in page.text


def test_an_expired_link_opens_nothing(mailing: Mailing) -> None:
    path = _ask(mailing)
    with Session(mailing.server.engine) as session:
        request = session.exec(select(UpdateRequest)).one()
        request.expires_at = datetime.now(UTC) - timedelta(minutes=1)
        session.add(request)
        session.commit()
    page = _open(mailing, path)
    assert page.status_code == 404 and mailing.contact.name not in page.text


def test_a_link_changes_its_own_entry_whatever_the_form_says(mailing: Mailing) -> None:
    path = _ask(mailing)
    with Session(mailing.server.engine) as session:
        other = session.exec(
            select(ContactPoint).where(col(ContactPoint.id) != mailing.contact.id)
        ).first()
    assert other is not None
    change = form_with(_open(mailing, path).text, "action", "aenderung")
    forged = replaced(change, comment="Andere Stelle", id=other.id, record_id=other.id)
    assert _send(mailing, path, forged).status_code == 200
    reports = mailing.office.get("/reports?status=pending").json()["reports"]
    assert [r["target_id"] for r in reports] == [mailing.contact.id]


def test_one_open_request_an_entry_and_none_without_mail(mailing: Mailing) -> None:
    _ask(mailing)
    again = mailing.office.post("/admin/update-requests", {"ids": [mailing.contact.id]})
    assert again.json()[0]["outcome"] == "open"
    with Session(mailing.server.engine) as session:
        no_mail = session.exec(
            select(ContactPoint).where(col(ContactPoint.email).is_(None))
        ).first()
    assert no_mail is not None
    answer = mailing.office.post("/admin/update-requests", {"ids": [no_mail.id]})
    assert answer.json()[0]["outcome"] == "no_email"
    guide = mailing.server.enrol(Role.LOTSE, "Lotsin")
    assert guide.post("/admin/update-requests", {"ids": [no_mail.id]}).status_code == 403
    assert len(mailing.inbox.received) == 1


def test_after_an_answer_the_link_still_takes_a_correction(mailing: Mailing) -> None:
    path = _ask(mailing)
    confirm = form_with(_open(mailing, path).text, "action", "aktuell")
    assert _send(mailing, path, confirm).status_code == 200
    again = _open(mailing, path)
    assert again.status_code == 200
    assert "Sie haben bereits geantwortet am" in again.text
    change = replaced(form_with(again.text, "action", "aenderung"), comment="Neue Sprechzeit")
    assert _send(mailing, path, change).status_code == 200
    with Session(mailing.server.engine) as session:
        request = session.exec(select(UpdateRequest)).one()
    assert request.answer == "changed" and request.report_id is not None


def test_a_letter_carries_a_link_that_opens_the_form(mailing: Mailing) -> None:
    with Session(mailing.server.engine) as session:
        no_mail = session.exec(
            select(ContactPoint).where(col(ContactPoint.email).is_(None))
        ).first()
    assert no_mail is not None
    answer = mailing.office.post(f"/admin/update-requests/letters/{no_mail.id}", {})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    pages = pdfium.PdfDocument(answer.content)
    text = "\n".join(page.get_textpage().get_text_range() for page in pages)
    found = re.search(r"/wegweiser/aktualisieren/[A-Za-z0-9_-]{43}", text.replace("\r", ""))
    assert found, text
    png = io.BytesIO()
    pages[0].render(scale=3).to_pil().save(png, format="PNG")
    assert decode_qr(png.getvalue()).endswith(found.group(0))
    page = _open(mailing, found.group(0))
    assert page.status_code == 200 and no_mail.name in page.text
    views = mailing.office.get("/admin/update-requests").json()["requests"]
    assert views[0]["record_id"] == no_mail.id and views[0]["recipient"] == ""
    assert mailing.inbox.received == []  # a letter, not a mail
    unknown = mailing.office.post(f"/admin/update-requests/letters/{uuid.uuid4()}", {})
    assert unknown.status_code == 404


def test_a_link_opened_without_end_is_slowed_down(mailing: Mailing) -> None:
    path = _ask(mailing)
    with local_http.client(base_url=mailing.server.url) as client:
        answers = [client.get(path) for _ in range(125)]
    assert [a.status_code for a in answers[:120]] == [200] * 120
    assert [a.status_code for a in answers[120:]] == [429] * 5
    assert "in der letzten Stunde sehr viel" in answers[-1].text
    assert mailing.contact.name not in answers[-1].text
