"""The public search page on the real server with the example data: the app's rules
(typos, compounds, synonyms), "Meinten Sie", never a bare "keine Treffer", and only what
is published, also right after the office changed something."""

import re

from sqlmodel import Session, select

from tests.support import local_http
from tests.support.server import Server
from tests.sync_server.helpers import mutation
from wegweiser.model import ContactPoint
from wegweiser.protocol import Role

JOBCENTER = "Jobcenter Landkreis Harz – Standort Halberstadt"


def _search(server: Server, language: str = "de", **params: str) -> str:
    answer = local_http.get(f"{server.url}/wegweiser/{language}/suche", params=params)
    assert answer.status_code == 200
    return answer.text


def test_a_typo_is_corrected_and_said(server: Server) -> None:
    page = _search(server, q="Jobcentr", kommune="halberstadt")
    assert "Meinten Sie: Jobcenter?" in page
    with Session(server.engine) as session:
        place = session.exec(select(ContactPoint).where(ContactPoint.name == JOBCENTER)).one()
    assert f'<a href="/wegweiser/de/anlaufstellen/{place.id}">{JOBCENTER}</a>' in page
    assert '<option value="halberstadt" selected>' in page


def test_synonyms_and_compounds_find_what_the_entries_call_otherwise(server: Server) -> None:
    assert "Kleiderkammer" in _search(server, q="Kleidung")
    assert "Deutschkurs" in _search(server, q="Kurs")


def test_nothing_found_offers_what_to_try_and_a_hostile_query_is_only_text(
    server: Server,
) -> None:
    page = _search(server, q="<script>qqxxzz</script>")
    assert "<script>" not in page
    assert "Keine Treffer für „&lt;script&gt;qqxxzz&lt;/script&gt;“." in page
    assert "Versuchen Sie ein anderes Wort" in page
    arabic = _search(server, language="ar", q="الصحة")  # a topic's Arabic title
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "الصحة" in arabic


def test_a_contact_point_made_a_draft_leaves_the_search_at_once(server: Server) -> None:
    assert JOBCENTER in _search(server, q="Jobcenter")
    office = server.enrol(Role.KOORDINATION, "Koordination")
    with Session(server.engine) as session:
        place = session.exec(select(ContactPoint).where(ContactPoint.name == JOBCENTER)).one()
    [result] = office.push(mutation("contact_point", place.id, place.version, {"status": "draft"}))
    assert result["status"] == "applied", result
    page = _search(server, q="Jobcenter")
    assert JOBCENTER not in page
    assert not re.search(rf"anlaufstellen/{place.id}", page)


def test_the_search_page_without_a_query_is_a_form_that_works_without_script(
    server: Server,
) -> None:
    page = _search(server)
    assert '<form class="search" action="/wegweiser/de/suche" method="get" role="search">' in page
    assert "<script" not in page
    assert "Treffer" not in page
