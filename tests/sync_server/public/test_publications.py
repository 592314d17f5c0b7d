"""Publikationen: the printed Wegweiser and the sheets as PDF for everyone, with ETags,
and nothing of what is not published."""

import httpx
from sqlmodel import Session, select

from tests.support import local_http
from tests.support.server import Server
from tests.sync_server.helpers import mutation
from wegweiser.model import InfoSheet
from wegweiser.protocol import Role

EMERGENCY = "Notrufnummern und was im Notfall zu tun ist"


def _get(server: Server, path: str, **headers: str) -> httpx.Response:
    return local_http.get(f"{server.url}{path}", headers=headers, timeout=60)


def test_the_page_lists_every_kommunes_wegweiser_and_the_districts_sheets(
    server: Server,
) -> None:
    """A Kommune's own sheets are in its Wegweiser, and each sheet's page links its PDF."""
    page = _get(server, "/wegweiser/de/publikationen").text
    assert 'href="/wegweiser/de/publikationen/kommunen/halberstadt.pdf" download' in page
    with Session(server.engine) as session:
        sheets = session.exec(select(InfoSheet).where(InfoSheet.translation_of == None)).all()  # noqa: E711
    district = [s for s in sheets if s.kommune_key is None]
    own = next(s for s in sheets if s.kommune_key == "halberstadt")
    assert district and all(f"/publikationen/blaetter/{s.id}.pdf" in page for s in district)
    assert f"/publikationen/blaetter/{own.id}.pdf" not in page
    sheet_page = _get(server, f"/wegweiser/de/blaetter/{own.id}").text
    assert f'href="/wegweiser/de/publikationen/blaetter/{own.id}.pdf" download' in sheet_page


def test_a_sheet_downloads_as_pdf_in_the_visitors_language_and_asks_again_cheaply(
    server: Server,
) -> None:
    with Session(server.engine) as session:
        sheet = session.exec(select(InfoSheet).where(InfoSheet.title == EMERGENCY)).one()
    path = f"/wegweiser/ar/publikationen/blaetter/{sheet.id}.pdf"
    answer = _get(server, path)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    assert answer.headers["cache-control"].startswith("public")
    assert "attachment" in answer.headers["content-disposition"]
    assert "-ar.pdf" in answer.headers["content-disposition"]
    again = _get(server, path, **{"If-None-Match": answer.headers["etag"]})
    assert again.status_code == 304


def test_a_draft_sheet_is_no_publication(server: Server) -> None:
    with Session(server.engine) as session:
        sheet = session.exec(select(InfoSheet).where(InfoSheet.title == EMERGENCY)).one()
    office = server.enrol(Role.KOORDINATION, "Koordination")
    [result] = office.push(mutation("info_sheet", sheet.id, sheet.version, {"status": "draft"}))
    assert result["status"] == "applied", result
    answer = _get(server, f"/wegweiser/de/publikationen/blaetter/{sheet.id}.pdf")
    assert answer.status_code == 404
    assert "Diese Seite gibt es nicht." in answer.text
    assert EMERGENCY not in _get(server, "/wegweiser/de/publikationen").text
    assert _get(server, "/wegweiser/de/publikationen/kommunen/atlantis.pdf").status_code == 404
