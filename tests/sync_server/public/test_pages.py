"""The open Wegweiser's pages on the real server with the example data: what a visitor
without an account reads, and what never reaches them."""

import re

import httpx
import pytest
from sqlmodel import Session, select

from sync_server.public import pages
from tests.support import local_http
from tests.support.server import Server
from wegweiser.model import ContactPoint, InfoSheet, Publication

EMERGENCY = "Notrufnummern und was im Notfall zu tun ist"


def _get(server: Server, path: str, **headers: str) -> httpx.Response:
    return local_http.get(f"{server.url}{path}", headers=headers, follow_redirects=False)


def _sheet(server: Server, title: str) -> InfoSheet:
    with Session(server.engine) as session:
        return session.exec(select(InfoSheet).where(InfoSheet.title == title)).one()


def test_the_start_page_lists_the_kommunen_and_names_who_keeps_the_wegweiser(
    server: Server,
) -> None:
    assert _get(server, "/wegweiser/").headers["location"] == "/wegweiser/de/"
    page = _get(server, "/wegweiser/de/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    assert '<html lang="de" dir="ltr">' in html
    assert 'href="/wegweiser/de/kommunen/halberstadt">Halberstadt</a>' in html
    assert "Koordinierungsstelle" in html
    assert 'hreflang="ar"' in html and 'href="/wegweiser/ar/"' in html
    assert "<script" not in html


def test_a_kommune_page_leads_through_a_topic_to_its_sheets_in_arabic_right_to_left(
    server: Server,
) -> None:
    kommune = _get(server, "/wegweiser/ar/kommunen/halberstadt")
    assert kommune.status_code == 200
    assert '<html lang="ar" dir="rtl">' in kommune.text
    assert "الصحة" in kommune.text  # the topic "Gesundheit" in Arabic
    original = _sheet(server, EMERGENCY)
    topic = f"/wegweiser/ar/kommunen/halberstadt/themen/{original.topic_key}"
    assert f'href="{topic}"' in kommune.text
    link = f'href="/wegweiser/ar/blaetter/{original.id}"'
    assert link in _get(server, topic).text
    sheet = _get(server, f"/wegweiser/ar/blaetter/{original.id}")
    assert sheet.status_code == 200
    assert '<article lang="ar" dir="rtl">' in sheet.text
    assert "الشرطة" in sheet.text  # the Arabic translation, not the German text
    german = _get(server, f"/wegweiser/de/blaetter/{original.id}")
    assert "Polizei" in german.text


def test_a_draft_an_unknown_id_and_an_unknown_language_are_the_same_plain_404(
    server: Server,
) -> None:
    original = _sheet(server, EMERGENCY)
    with Session(server.engine) as session:
        draft = session.get(InfoSheet, original.id)
        assert draft is not None
        draft.status = Publication.DRAFT
        session.add(draft)
        session.commit()
    answers = [
        _get(server, f"/wegweiser/de/blaetter/{original.id}"),
        _get(server, "/wegweiser/de/blaetter/00000000-0000-0000-0000-000000000000"),
        _get(server, "/wegweiser/de/kommunen/atlantis"),
        _get(server, "/wegweiser/xx/"),
        _get(server, "/wegweiser/de/irgendwas"),
    ]
    for answer in answers:
        assert answer.status_code == 404
        assert answer.headers["content-type"].startswith("text/html")
        assert "Diese Seite gibt es nicht." in answer.text
        assert EMERGENCY not in answer.text and original.id not in answer.text
    assert EMERGENCY not in _get(server, "/wegweiser/de/kommunen/halberstadt").text


def test_pages_may_be_kept_by_caches_and_revalidate_to_304(server: Server) -> None:
    page = _get(server, "/wegweiser/de/kommunen/halberstadt")
    assert page.headers["cache-control"] == "public, max-age=300"
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "style-src 'self'" in policy
    assert "script-src" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    again = _get(
        server, "/wegweiser/de/kommunen/halberstadt", **{"If-None-Match": page.headers["etag"]}
    )
    assert again.status_code == 304
    # As RFC 9110 reads If-None-Match: a weak tag, a list; "*" is 304 where the page is
    # kept (it exists), else the page itself: its existence is known once it is made
    # (an unknown Kommune: 404, never 304).
    tag = page.headers["etag"]
    for asked in (f"W/{tag}", f'"alt", {tag}', "*"):
        answer = _get(server, "/wegweiser/de/kommunen/halberstadt", **{"If-None-Match": asked})
        assert answer.status_code == 304, asked
    missing = _get(server, "/wegweiser/de/kommunen/atlantis", **{"If-None-Match": "*"})
    assert missing.status_code == 404
    other = _get(server, "/wegweiser/de/kommunen/wernigerode")
    assert other.headers["etag"] != page.headers["etag"]
    # The API keeps its own rule: nothing of it is kept anywhere.
    assert _get(server, "/health").headers["cache-control"] == "no-store"
    css = _get(server, "/wegweiser/static/wegweiser.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


def test_a_sheets_markdown_keeps_only_allowed_links_and_no_html(server: Server) -> None:
    original = _sheet(server, EMERGENCY)
    target = _sheet(server, "Eine eigene Wohnung finden")
    body = (
        "<script>alert(1)</script> [Kreis](https://www.kreis-hz.de) "
        "[böse](javascript:alert(1)) [Wohnung](eintrag:info_sheet/" + target.id + ") "
        "![Bild](https://tracker.example/x.png) [Anruf](tel:112)"
    )
    with Session(server.engine) as session:
        changed = session.get(InfoSheet, original.id)
        assert changed is not None
        changed.body = body
        session.add(changed)
        session.commit()
    html = _get(server, f"/wegweiser/de/blaetter/{original.id}").text
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="https://www.kreis-hz.de"' in html
    assert 'href="javascript' not in html and "böse" in html
    assert f'href="/wegweiser/de/blaetter/{target.id}"' in html
    assert "tracker.example" not in html and "<img" not in html
    assert 'href="tel:112"' in html


@pytest.mark.parametrize("language", ["de", "en", "ar", "uk", "ru", "fa"])
def test_every_language_names_itself_and_its_direction(server: Server, language: str) -> None:
    html = _get(server, f"/wegweiser/{language}/").text
    direction = "rtl" if language in ("ar", "fa") else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert re.search(
        rf'<a href="/wegweiser/{language}/" hreflang="{language}"[^>]*aria-current', html
    )


def test_a_member_of_a_verbandsgemeinde_shows_its_entries_as_the_app_does(
    server: Server,
) -> None:
    contacts = _get(server, "/wegweiser/de/kommunen/ditfurt/anlaufstellen").text
    assert "Tafel Vorharz" in contacts  # a contact point of the Verbandsgemeinde
    offers = _get(server, "/wegweiser/de/kommunen/ditfurt/angebote").text
    assert "Hausaufgabenhilfe Verbandsgemeinde Vorharz" in offers  # an offer of it
    network = _get(server, "/wegweiser/de/kommunen/ditfurt/netzwerk").text
    assert "Deutsch-Paten Verbandsgemeinde Vorharz" in network
    halberstadt = _get(server, "/wegweiser/de/kommunen/halberstadt/anlaufstellen").text
    assert "Tafel Vorharz" not in halberstadt


def test_a_kommune_shows_its_first_entries_and_the_rest_a_page_at_a_time(
    server: Server,
) -> None:
    kommune = _get(server, "/wegweiser/de/kommunen/halberstadt").text
    listed = re.search(r"<h2>Anlaufstellen</h2>(.*?)</ul>", kommune, re.DOTALL)
    assert listed is not None and listed.group(1).count("<li>") == 20
    total = re.search(r'/kommunen/halberstadt/anlaufstellen">Alle anzeigen \((\d+)\)', kommune)
    assert total is not None and int(total.group(1)) > 20
    every = _get(server, "/wegweiser/de/kommunen/halberstadt/anlaufstellen").text
    assert every.count('href="/wegweiser/de/anlaufstellen/') == int(total.group(1))
    assert "Seite 1 von" not in every  # fewer than fifty: one page, no page links
    for wrong in ("?seite=0", "?seite=zwei", "?seite=99", "?seite=" + "9" * 30, "?seite=²"):
        answer = _get(server, f"/wegweiser/de/kommunen/halberstadt/anlaufstellen{wrong}")
        assert answer.status_code == 404, wrong
    assert _get(server, "/wegweiser/de/kommunen/halberstadt/fremdes").status_code == 404


def test_the_pages_of_a_long_list_hold_every_entry_once(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "PAGE", 10)  # the example's Kommunen hold fewer than 50
    seen: list[str] = []
    visited = 0
    address: str | None = "/wegweiser/de/kommunen/halberstadt/anlaufstellen"
    while address is not None:
        html = _get(server, address).text
        visited += 1
        assert f"Seite {visited} von" in html
        seen += re.findall(r'href="/wegweiser/de/anlaufstellen/([0-9a-f-]+)"', html)
        following = re.search(r'href="([^"]+)" rel="next"', html)
        address = following.group(1).replace("&amp;", "&") if following else None
    assert visited >= 3
    with Session(server.engine) as session:
        expected = [
            c.id
            for c in session.exec(select(ContactPoint)).all()
            if not c.kommune_keys or "halberstadt" in c.kommune_keys
        ]
    assert sorted(seen) == sorted(expected)
    assert len(seen) == len(set(seen))
