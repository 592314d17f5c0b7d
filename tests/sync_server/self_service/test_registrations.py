"""Initiatives register themselves: double opt-in through a real SMTP server, a draft and
its report for the office, publication on tablets and web pages, the consent withdrawn by
the link of a mail, and the spam a public form attracts."""

from datetime import timedelta
from urllib.parse import urlsplit

import httpx
from sqlalchemy import update
from sqlmodel import Session, select

from sync_server import changes
from sync_server.self_service import registrations
from sync_server.self_service.tables import PersonalLink, Registration
from sync_server.tables import AuditEvent
from tests.support import local_http
from tests.support.forms import form_with, forms_of
from tests.support.mail import html_of, link_in, text_of
from tests.support.registration import ADDRESS, FORM, NAME, aged, confirm, filled, register, send
from tests.sync_server.self_service.conftest import Mailing
from wegweiser.model import NetworkPartner, Publication, Region
from wegweiser.owned import ChangeReport, ReportStatus
from wegweiser.protocol import Role
from wegweiser.registration import FROM_NETWORK


def _register(mailing: Mailing, **typed: str) -> httpx.Response:
    return register(mailing.server.url, mailing.server.engine, **typed)


def _send(mailing: Mailing, path: str, form: list[tuple[str, str]]) -> httpx.Response:
    return send(mailing.server.url, path, form)


def _aged(mailing: Mailing) -> None:
    aged(mailing.server.engine)


def _filled(mailing: Mailing, **typed: str) -> list[tuple[str, str]]:
    return filled(mailing.server.url, mailing.server.engine, **typed)


def _confirmed(mailing: Mailing) -> NetworkPartner:
    """Register (active in two Kommunen), open the mail's link, press its button: the
    draft partner."""
    assert _register(mailing, kommune_keys="halberstadt wernigerode").status_code == 200
    answer = confirm(mailing.server.url, mailing.inbox.wait()[-1])
    assert answer.status_code == 200 and "Anmeldung ist bestätigt" in answer.text
    with Session(mailing.server.engine) as session:
        return session.exec(select(NetworkPartner).where(NetworkPartner.name == NAME)).one()


def _report_on(mailing: Mailing, partner: NetworkPartner) -> ChangeReport:
    with Session(mailing.server.engine) as session:
        return session.exec(select(ChangeReport).where(ChangeReport.target_id == partner.id)).one()


def _accept(mailing: Mailing, partner: NetworkPartner) -> None:
    report = _report_on(mailing, partner)
    answer = mailing.office.post(f"/reports/{report.id}/accept", {})
    assert answer.status_code == 200, answer.text


def _partners_page(mailing: Mailing) -> str:
    page = local_http.get(mailing.server.url + "/wegweiser/de/kommunen/halberstadt/netzwerk")
    assert page.status_code == 200
    # People's contact details: a browser asks again each time (a withdrawal is at once).
    assert page.headers["cache-control"] == "public, no-cache"
    return page.text


def test_nothing_is_kept_as_a_partner_until_the_address_is_confirmed(mailing: Mailing) -> None:
    sent = _register(mailing)
    assert sent.status_code == 200 and "Fast geschafft" in sent.text
    [mail] = mailing.inbox.wait()
    assert mail["To"] == ADDRESS
    assert "Interkultureller Garten Halberstadt" in text_of(mail)
    link = link_in(mail)
    assert link.startswith("https://wegweiser.example.de/wegweiser/mitmachen/bestaetigen/")
    with Session(mailing.server.engine) as session:
        assert session.exec(select(NetworkPartner).where(NetworkPartner.name == NAME)).all() == []
    # Opening the link (as a mail scanner does) confirms nothing: the button does.
    path = urlsplit(link).path
    page = local_http.get(mailing.server.url + path)
    assert page.status_code == 200 and "Ja, Anmeldung bestätigen" in page.text
    with Session(mailing.server.engine) as session:
        assert session.exec(select(Registration)).one().confirmed_at is None
    answer = _send(mailing, path, forms_of(page.text)[0])
    assert answer.status_code == 200 and "Anmeldung ist bestätigt" in answer.text
    with Session(mailing.server.engine) as session:
        partner = session.exec(select(NetworkPartner).where(NetworkPartner.name == NAME)).one()
        report = session.exec(
            select(ChangeReport).where(ChangeReport.target_id == partner.id)
        ).one()
        events = session.exec(select(AuditEvent).where(AuditEvent.record_id == partner.id)).all()
    assert partner.status == Publication.DRAFT and partner.contact_email is None
    assert report.account_id == FROM_NETWORK and report.status == ReportStatus.PENDING
    assert report.changes["contact_email"] == ADDRESS
    assert report.changes["contact_consent"] and report.changes["contact_public"]
    assert report.changes["languages"] == ["ar"]
    assert [e.action for e in events] == ["registered_by_network"]
    welcome = mailing.inbox.wait(2)[-1]
    assert "/wegweiser/mitmachen/widerrufen/" in link_in(welcome)
    # The link confirms once; opened again it says so.
    again = local_http.get(mailing.server.url + path)
    assert "Anmeldung ist bestätigt" in again.text


def test_published_by_the_office_it_is_on_tablets_and_web_pages(mailing: Mailing) -> None:
    partner = _confirmed(mailing)
    guide = mailing.server.enrol(Role.LOTSE, "Lotsin")
    guide.pull_all(["halberstadt"])
    assert ("network_partner", partner.id) not in guide.records  # a draft
    assert "Interkultureller Garten" not in _partners_page(mailing)
    _accept(mailing, partner)
    guide.pull_all(["halberstadt"])
    shown = guide.records[("network_partner", partner.id)]
    assert shown["contact_phone"] == "03941 555123" and shown["languages"] == ["ar"]
    page = _partners_page(mailing)
    assert "Interkultureller Garten Halberstadt" in page and "03941 555123" in page
    assert "Arabisch" in page or "العربية" in page
    # Active in two Kommunen: listed in the other one too, on its tablets and its page.
    neighbour = mailing.server.enrol(Role.LOTSE, "Lotse in Wernigerode")
    neighbour.pull_all(["wernigerode"])
    there = neighbour.records[("network_partner", partner.id)]
    assert there["kommune_keys"] == ["halberstadt", "wernigerode"]
    other_page = local_http.get(mailing.server.url + "/wegweiser/de/kommunen/wernigerode/netzwerk")
    assert NAME in other_page.text
    published = mailing.inbox.wait(3)[-1]
    assert "veröffentlicht" in published["Subject"]
    assert "Ihre Kontaktdaten sind öffentlich zu sehen" in text_of(published)


def test_withdrawn_consent_takes_the_contact_off_web_and_tablets_at_once(
    mailing: Mailing,
) -> None:
    partner = _confirmed(mailing)
    _accept(mailing, partner)
    guide = mailing.server.enrol(Role.LOTSE, "Lotsin")
    guide.pull_all(["halberstadt"])
    path = urlsplit(link_in(mailing.inbox.wait(3)[-1])).path
    page = local_http.get(mailing.server.url + path)
    assert page.status_code == 200 and "Einwilligung widerrufen" in page.text
    answer = _send(mailing, path, form_with(page.text, "action", "kontakt"))
    assert answer.status_code == 200 and "nicht mehr gezeigt" in answer.text
    shown = _partners_page(mailing)
    assert "Interkultureller Garten Halberstadt" in shown and "03941 555123" not in shown
    guide.pull_all(["halberstadt"])
    kept = guide.records[("network_partner", partner.id)]
    assert kept["contact_phone"] is None and kept["contact_email"] is None
    office_mail = mailing.inbox.wait(4)[-1]
    with Session(mailing.server.engine) as session:
        region = session.exec(select(Region)).one()
        actions = session.exec(
            select(AuditEvent.action).where(AuditEvent.record_id == partner.id)
        ).all()
    assert office_mail["To"] == region.coordination_email
    assert "Einwilligung widerrufen" in office_mail["Subject"]
    assert "consent_withdrawn" in actions
    # The same link takes the whole entry out, too.
    again = local_http.get(mailing.server.url + path)
    removed = _send(mailing, path, form_with(again.text, "action", "entfernen"))
    assert "aus dem Verzeichnis genommen" in removed.text
    assert "Interkultureller Garten" not in _partners_page(mailing)
    guide.pull_all(["halberstadt"])
    assert ("network_partner", partner.id) not in guide.records


def test_a_consent_withdrawn_before_review_stays_withdrawn_when_accepted(
    mailing: Mailing,
) -> None:
    partner = _confirmed(mailing)
    path = urlsplit(link_in(mailing.inbox.wait(2)[-1])).path
    page = local_http.get(mailing.server.url + path)
    _send(mailing, path, form_with(page.text, "action", "kontakt"))
    _accept(mailing, partner)
    with Session(mailing.server.engine) as session:
        stored = session.get(NetworkPartner, partner.id)
    assert stored is not None and stored.status == Publication.PUBLISHED
    assert not stored.contact_consent and not stored.contact_public
    assert "03941 555123" not in _partners_page(mailing)


def test_a_declined_registration_hears_why_and_its_draft_is_archived(mailing: Mailing) -> None:
    partner = _confirmed(mailing)
    report = _report_on(mailing, partner)
    answer = mailing.office.post(
        f"/reports/{report.id}/reject", {"reason": "Bitte melden Sie sich bei uns telefonisch."}
    )
    assert answer.status_code == 200, answer.text
    declined = mailing.inbox.wait(3)[-1]
    assert declined["To"] == ADDRESS
    assert "Bitte melden Sie sich bei uns telefonisch." in text_of(declined)
    with Session(mailing.server.engine) as session:
        stored = session.get(NetworkPartner, partner.id)
    assert stored is not None and stored.status == Publication.ARCHIVED


def test_scripts_are_told_nothing_and_leave_nothing(mailing: Mailing) -> None:
    # The field people never see, filled:
    trapped = _register(mailing, homepage="https://spam.example")
    assert trapped.status_code == 200 and "Fast geschafft" in trapped.text
    # A form sent the moment it was shown:
    form = _filled(mailing)
    hasty = _send(mailing, FORM, form)
    assert hasty.status_code == 200 and "Fast geschafft" in hasty.text
    with Session(mailing.server.engine) as session:
        assert session.exec(select(Registration)).all() == []
    assert mailing.inbox.received == []


def test_a_flood_from_one_address_is_stopped(mailing: Mailing) -> None:
    answers = [
        _register(mailing, contact_email=f"person{n}@example.de").status_code for n in range(6)
    ]
    assert answers == [200] * 5 + [429]
    with Session(mailing.server.engine) as session:
        assert len(session.exec(select(Registration)).all()) == 5


def test_one_address_gets_three_mails_a_day_and_the_page_tells_nobody(
    mailing: Mailing,
) -> None:
    pages = [_register(mailing).text for _ in range(4)]
    assert all("Fast geschafft" in page for page in pages)
    mailing.inbox.wait(3)
    with Session(mailing.server.engine) as session:
        assert len(session.exec(select(Registration)).all()) == 3


def test_what_strangers_type_is_text_in_mails_and_pages(mailing: Mailing) -> None:
    hostile = '<script>alert(1)</script> "Garten"\r\nBcc: alle@example.de'
    sent = _register(mailing, name=hostile, contact_name="<b>fett</b>")
    assert sent.status_code == 200, sent.text
    [mail] = mailing.inbox.wait()
    assert mail["Bcc"] is None and "\n" not in mail["Subject"]
    assert "<script>" not in html_of(mail) and "&lt;script&gt;" in html_of(mail)
    path = urlsplit(link_in(mail)).path
    page = local_http.get(mailing.server.url + path)
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text


def test_a_form_with_problems_comes_back_with_each_named_and_nothing_kept(
    mailing: Mailing,
) -> None:
    answer = _register(
        mailing,
        contact_email="keine-adresse",
        description="",
        listed="",
        shown="",
        kommune_keys="thale atlantis",
    )
    assert answer.status_code == 422
    for problem in (
        "keine einzelne E-Mail-Adresse",
        "was Sie anbieten",
        "Ohne diese Einwilligung",
        "wer Ihre Kontaktdaten sehen darf",
        "Kommunen aus der Liste",
    ):
        assert problem in answer.text, problem
    assert 'aria-invalid="true"' in answer.text
    assert "keine-adresse" in answer.text  # as typed, to correct
    with Session(mailing.server.engine) as session:
        assert session.exec(select(Registration)).all() == []
    assert mailing.inbox.received == []


def test_a_replayed_form_and_foreign_links_change_nothing(mailing: Mailing) -> None:
    form = _filled(mailing)
    _aged(mailing)
    assert _send(mailing, FORM, form).status_code == 200
    replay = _send(mailing, FORM, form)
    assert replay.status_code == 403 and "schon gesendet" in replay.text
    path = urlsplit(link_in(mailing.inbox.wait()[-1])).path
    token = path.rsplit("/", 1)[1]
    # A confirmation link is no withdrawal link, an unknown one opens nothing.
    for wrong in (
        f"{FORM}/widerrufen/{token}",
        f"{FORM}/bestaetigen/{'A' * 43}",
        f"{FORM}/bestaetigen/x",
    ):
        page = local_http.get(mailing.server.url + wrong)
        assert page.status_code == 404 and "Garten" not in page.text, wrong
    page = local_http.get(mailing.server.url + path)
    confirm = forms_of(page.text)[0]
    assert _send(mailing, path, confirm).status_code == 200
    with Session(mailing.server.engine) as session:
        assert (
            len(
                session.exec(
                    select(ChangeReport).where(ChangeReport.account_id == FROM_NETWORK)
                ).all()
            )
            == 1
        )


def test_an_unconfirmed_registration_is_forgotten_after_three_days(mailing: Mailing) -> None:
    _register(mailing)
    path = urlsplit(link_in(mailing.inbox.wait()[-1])).path
    with Session(mailing.server.engine) as session:
        earlier = changes.now() - timedelta(days=4)
        session.exec(update(Registration).values(created_at=earlier))
        session.commit()
    page = local_http.get(mailing.server.url + path)
    assert page.status_code == 404 and "abgelaufen" in page.text
    _register(mailing, contact_email="neu@example.de")  # a new registration sweeps up
    # Its mail (and the link in it) is made after the answer: wait for it, or the sweep
    # below may run before the link exists (seen once in five runs).
    mailing.inbox.wait(2)
    with Session(mailing.server.engine) as session:
        emails = session.exec(select(Registration.email)).all()
    assert emails == ["neu@example.de"]
    with Session(mailing.server.engine) as session:
        session.exec(update(Registration).values(created_at=earlier))
        session.commit()
    registrations.sweep(mailing.server.engine)  # the server's minute round, without any
    with Session(mailing.server.engine) as session:
        assert session.exec(select(Registration)).all() == []
        assert session.exec(select(PersonalLink)).all() == []
