"""A contact point's page, its card and an offer's page on the real server with the
example data, at a fixed time in the Landkreis."""

from datetime import datetime
from typing import Any

import httpx
from sqlmodel import Session, select

from tests.support import local_http
from tests.support.server import Server
from tests.sync_server.helpers import mutation
from wegweiser import open_now
from wegweiser.model import ContactPoint, NetworkPartner, Offer
from wegweiser.opening_hours import parse
from wegweiser.protocol import Role
from wegweiser.vcard import contact_card
from wegweiser.vcard import parse as read_card

AUSLAENDERBEHOERDE = "3c419a69-d028-5437-8e8a-df4adce63b77"  # Mo,Th 08:30-12:00; Tu …
SPRACHCAFE = "3376b23a-e9b9-574b-a4b7-f772d6975d21"
TUESDAY_MORNING = datetime(2026, 12, 8, 9, 15)
TUESDAY_NIGHT = datetime(2026, 12, 8, 21, 0)
CHRISTMAS = datetime(2026, 12, 25, 9, 15)  # a Friday, and a public holiday


def _get(server: Server, path: str, **headers: str) -> httpx.Response:
    return local_http.get(f"{server.url}{path}", headers=headers)


def _at(server: Server, moment: datetime) -> None:
    assert server.in_thread is not None
    app: Any = server.in_thread.config.app
    app.state.clock = lambda: moment


def _as_office(server: Server, change: dict[str, Any]) -> None:
    """A change as the Koordinierungsstelle makes it (it moves the data's state)."""
    [result] = server.enrol(Role.KOORDINATION, "Koordination").push(change)
    assert result["status"] == "applied", result


def _contact(server: Server, contact_id: str) -> ContactPoint:
    with Session(server.engine) as session:
        found = session.get(ContactPoint, contact_id)
        assert found is not None
        return found


def test_a_contact_point_says_what_the_app_says_about_now_and_shows_its_week(
    server: Server,
) -> None:
    office = _contact(server, AUSLAENDERBEHOERDE)
    assert office.opening_hours is not None
    hours = parse(office.opening_hours)
    for moment, expected in (
        (TUESDAY_MORNING, "Jetzt geöffnet bis 12:00"),
        (TUESDAY_NIGHT, "Geschlossen – öffnet Donnerstag um 08:30"),
        (CHRISTMAS, "Geschlossen – öffnet Montag um 08:30"),
    ):
        _at(server, moment)
        page = _get(server, f"/wegweiser/de/anlaufstellen/{AUSLAENDERBEHOERDE}").text
        assert open_now.status_line(hours, moment, "de") == expected  # the app's line
        assert f"<strong>{expected}</strong>" in page
    row = '<th scope="row">{}</th><td><bdi dir="ltr">{}</bdi></td>'
    assert row.format("Dienstag", "08:30–12:00, 13:00–17:30") in page
    assert row.format("Mittwoch", "geschlossen") in page
    for phone in office.phones:
        digits = "".join(ch for ch in phone["number"] if ch.isdigit() or ch == "+")
        assert f'href="tel:{digits}"' in page
    assert '<svg role="img" aria-label="QR-Code mit den Kontaktdaten"' in page
    _at(server, TUESDAY_MORNING)
    arabic = _get(server, f"/wegweiser/ar/anlaufstellen/{AUSLAENDERBEHOERDE}").text
    assert "<strong>مفتوح الآن حتى 12:00</strong>" in arabic
    assert '<h1><bdi lang="de">' in arabic  # the entry's German name is marked as German


def test_the_open_now_line_changes_the_pages_etag(server: Server) -> None:
    path = f"/wegweiser/de/anlaufstellen/{AUSLAENDERBEHOERDE}"
    _at(server, TUESDAY_MORNING)
    tag = _get(server, path).headers["etag"]
    assert _get(server, path, **{"If-None-Match": tag}).status_code == 304
    _at(server, TUESDAY_NIGHT)
    assert _get(server, path, **{"If-None-Match": tag}).status_code == 200


def test_the_card_downloads_as_the_newcomer_card_gives_it(server: Server) -> None:
    office = _contact(server, AUSLAENDERBEHOERDE)
    answer = _get(server, f"/wegweiser/uk/anlaufstellen/{AUSLAENDERBEHOERDE}/kontakt.vcf")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/vcard")
    assert answer.headers["content-disposition"] == 'attachment; filename="kontakt.vcf"'
    assert answer.text == contact_card(office, "uk")
    card = read_card(answer.text)
    assert card["FN"] == [office.name]
    assert "Вівторок" in card["NOTE"][0]  # the hours in the page's language


def test_an_offer_names_its_place_only_while_the_place_is_published(server: Server) -> None:
    path = f"/wegweiser/de/angebote/{SPRACHCAFE}"
    page = _get(server, path).text
    with Session(server.engine) as session:
        offer = session.get(Offer, SPRACHCAFE)
        assert offer is not None and offer.contact_point_id is not None
        place = session.get(ContactPoint, offer.contact_point_id)
        assert place is not None
        assert f'href="/wegweiser/de/anlaufstellen/{place.id}"' in page
        name = place.name
    _as_office(server, mutation("contact_point", place.id, place.version, {"status": "draft"}))
    page = _get(server, path).text
    assert "Sprachcafé" in page
    assert name not in page
    assert _get(server, f"/wegweiser/de/anlaufstellen/{place.id}").status_code == 404


def test_the_network_shows_a_persons_contact_only_with_consent(server: Server) -> None:
    page = _get(server, "/wegweiser/de/kommunen/halberstadt/netzwerk").text
    with Session(server.engine) as session:
        without = session.get_one(NetworkPartner, "89b82d81-778d-56f4-a6e8-f9ab625fe609")
        agreed = session.get_one(NetworkPartner, "e17b731e-0695-5b63-9dad-ea7c18e2370b")
    assert not without.contact_consent and agreed.contact_consent
    assert without.name in page and agreed.name in page
    assert agreed.contact_phone is not None and agreed.contact_phone in page
    refused = mutation("network_partner", agreed.id, agreed.version, {"contact_consent": False})
    _as_office(server, refused)
    page = _get(server, "/wegweiser/de/kommunen/halberstadt/netzwerk").text
    assert agreed.name in page
    assert agreed.contact_phone not in page
    assert str(agreed.contact_name) not in page


def test_a_topic_lists_the_contact_points_and_offers_under_it(server: Server) -> None:
    page = _get(server, "/wegweiser/de/kommunen/ballenstedt/themen/sprache").text
    assert f'href="/wegweiser/de/angebote/{SPRACHCAFE}"' in page
    with Session(server.engine) as session:
        contacts = session.exec(select(ContactPoint)).all()
    serving = [c for c in contacts if not c.kommune_keys or "ballenstedt" in c.kommune_keys]
    on_topic = [c for c in serving if "sprache" in c.topic_keys]
    off_topic = [c for c in serving if "sprache" not in c.topic_keys]
    assert on_topic and off_topic
    assert all(f"/anlaufstellen/{c.id}" in page for c in on_topic)
    assert not any(f"/anlaufstellen/{c.id}" in page for c in off_topic)
    assert _get(server, "/wegweiser/de/kommunen/ballenstedt/themen/gibtsnicht").status_code == 404
