"""What never reaches a visitor: a draft, an archived entry, a partner's contact without
consent, a guide's note, a report. Each is made the way the office and a guide make them
(pushes to the real server), marked with a word of its own; then every public page is
walked by following its links from the start page (German and Arabic; Halberstadt's
pages, its Wegweiser and the sheets as PDF), the search is asked for every mark, and the
entries' own addresses are asked directly. No answer may hold a mark, and the walk must
have passed every route in docs/permissions.md's table of public pages."""

import re
from collections import deque
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pypdfium2 as pdfium
from sqlmodel import Session, select

from tests.support import local_http
from tests.support.mail import filed, link_in
from tests.support.server import Device, Server
from tests.sync_server.conftest import ON_BOTH_DATABASES
from tests.sync_server.helpers import mutation, new_id
from tests.sync_server.test_permissions import public_table
from wegweiser.model import ContactPoint, NetworkPartner
from wegweiser.protocol import Role

JOBCENTER = "Jobcenter Landkreis Harz – Standort Halberstadt"
MARKS = {
    "draft contact point": "Geheimhausberatung",
    "draft offer": "Heimlichkeitskurs",
    "archived sheet": "Verschollenheitsblatt",
    "partner's contact without consent": "Vertraulichkeitsperson",
    "partner's phone without consent": "+49 3941 987654",
    "guide's note": "Zimtsternnotiz",
    "report's comment": "Lakritzmeldung",
    "report's value": "Marzipankosten",
}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.found.append(href.split("#")[0])


def _make_what_must_stay_hidden(server: Server) -> dict[str, str]:
    """The marked entries, notes and reports; the ids of the hidden entries by kind."""
    office = server.enrol(Role.KOORDINATION, "Koordination")
    guide = server.enrol(Role.LOTSE, "Lotsin")
    with Session(server.engine) as session:
        jobcenter = session.exec(select(ContactPoint).where(ContactPoint.name == JOBCENTER)).one()
        partner = session.exec(
            select(NetworkPartner).where(NetworkPartner.name == "Willkommensinitiative Halberstadt")
        ).one()
    hidden = {"contact": new_id(), "offer": new_id(), "sheet": new_id()}
    _applied(
        office,
        mutation(
            "contact_point",
            hidden["contact"],
            0,
            {
                "name": MARKS["draft contact point"],
                "kommune_keys": ["halberstadt"],
                "topic_keys": ["gesundheit"],
                "status": "draft",
            },
        ),
        mutation(
            "offer",
            hidden["offer"],
            0,
            {
                "title": MARKS["draft offer"],
                "kommune_key": "halberstadt",
                "contact_point_id": jobcenter.id,
                "topic_keys": ["gesundheit"],
                "status": "draft",
            },
        ),
        mutation(
            "info_sheet",
            hidden["sheet"],
            0,
            {
                "title": MARKS["archived sheet"],
                "topic_key": "gesundheit",
                "kommune_key": "halberstadt",
                "body": "Text",
                "status": "archived",
            },
        ),
        mutation(
            "network_partner",
            partner.id,
            partner.version,
            {
                "contact_name": MARKS["partner's contact without consent"],
                "contact_phone": MARKS["partner's phone without consent"],
                "contact_consent": False,
            },
        ),
    )
    note = {
        "target_entity": "contact_point",
        "target_id": jobcenter.id,
        "text": MARKS["guide's note"],
    }
    report = mutation(
        "contact_point", jobcenter.id, jobcenter.version, {"costs": MARKS["report's value"]}
    ) | {"comment": MARKS["report's comment"]}
    _applied(guide, mutation("private_note", new_id(), 0, note), report)
    return hidden


def _applied(device: Device, *mutations: dict[str, Any]) -> None:
    for result in device.push(*mutations):
        assert result["status"] in ("applied", "reported"), result


def _text(answer: httpx.Response) -> str:
    if answer.headers.get("content-type") != "application/pdf":
        return answer.text
    document = pdfium.PdfDocument(answer.content)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _worth_following(address: str) -> bool:
    """Under the pages in German or Arabic; of the Kommunen only Halberstadt (the others
    are the same templates); of the PDFs only Halberstadt's Wegweiser, which gathers its
    sheets and contact points (a sheet's own PDF holds that one sheet, asked directly)."""
    if address == "/wegweiser/mitmachen":
        return True  # the registration form, linked from the network's pages
    if not re.match(r"/wegweiser/(de|ar)/", address):
        return False
    kommune = re.search(r"/kommunen/([^/.]+)", address)
    if kommune and kommune.group(1) != "halberstadt":
        return False
    return "/publikationen/blaetter/" not in address


def _shown(address: str, text: str) -> str:
    """What a page shows besides the query a search page repeats (in its field, its
    title and "Keine Treffer für …")."""
    query = parse_qs(urlsplit(address).query).get("q", [""])[0]
    return text.replace(query, "") if query else text


def _update_form_of_the_jobcenter(server: Server) -> str:
    """The form the office's update request opens (on the entry a report marked):
    it shows the entry as published, never the report."""
    office = server.enrol(Role.KOORDINATION, "Koordination (Anfrage)")
    with Session(server.engine) as session:
        jobcenter = session.exec(select(ContactPoint).where(ContactPoint.name == JOBCENTER)).one()
    answer = office.post("/admin/update-requests", {"ids": [jobcenter.id]})
    assert answer.json()[0]["outcome"] == "asked", answer.text
    assert server.data_dir is not None
    return urlsplit(link_in(filed(server.data_dir)[0])).path


@ON_BOTH_DATABASES
def test_nothing_hidden_reaches_any_public_page_search_or_pdf(server: Server) -> None:
    hidden = _make_what_must_stay_hidden(server)
    queue = deque(["/wegweiser", "/wegweiser/", "/wegweiser/static/wegweiser.css"])
    queue += [
        f"/wegweiser/{lang}/suche?q={mark}" for mark in MARKS.values() for lang in ("de", "ar")
    ]
    queue += [f"/wegweiser/de/suche?q={mark}&kommune=halberstadt" for mark in MARKS.values()]
    queue += [
        _update_form_of_the_jobcenter(server),
        "/wegweiser/aktualisieren/" + "x" * 43,
        "/wegweiser/mitmachen/bestaetigen/" + "x" * 43,
        "/wegweiser/mitmachen/widerrufen/" + "x" * 43,
        f"/wegweiser/de/anlaufstellen/{hidden['contact']}",
        f"/wegweiser/de/anlaufstellen/{hidden['contact']}/kontakt.vcf",
        f"/wegweiser/de/angebote/{hidden['offer']}",
        f"/wegweiser/de/blaetter/{hidden['sheet']}",
        f"/wegweiser/ar/publikationen/blaetter/{hidden['sheet']}.pdf",
    ]
    seen: set[str] = set()
    leaks: dict[str, list[str]] = {}
    with local_http.client(base_url=server.url, timeout=60) as client:
        while queue:
            address = queue.popleft()
            if address in seen:
                continue
            seen.add(address)
            answer = client.get(address)
            assert answer.status_code in (200, 307, 404), (address, answer.status_code)
            text = _text(answer)
            shown = _shown(address, text)
            found = [what for what, mark in MARKS.items() if mark in shown]
            if found:
                leaks[address] = found
            if answer.headers.get("content-type", "").startswith("text/html"):
                links = _Links()
                links.feed(text)
                queue += [link for link in links.found if _worth_following(link)]
            elif answer.status_code == 307:
                queue.append(answer.headers["location"])
    assert leaks == {}
    for hidden_page in (
        f"/wegweiser/de/anlaufstellen/{hidden['contact']}",
        f"/wegweiser/de/blaetter/{hidden['sheet']}",
    ):
        assert hidden_page in seen
    walked = {re.sub(r"\?.*", "", address) for address in seen}
    for method, route in public_table():
        if method != "GET":
            continue  # the forms' POSTs: tests/sync_server/self_service
        pattern = re.sub(r"\\\{[a-z_]+:path\\\}", ".+", re.escape(route))
        pattern = re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", pattern)
        assert any(re.fullmatch(pattern, address) for address in walked), (method, route)
