"""Printable handouts from the running server: rendered to images and read back, an
Arabic and a Ukrainian sheet among them, and the whole Wegweiser of a Kommune."""

import io
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import partial
from pathlib import Path

import httpx
import pypdfium2 as pdfium
import pytest
from sqlmodel import Session, select

from sync_server.handouts.content import kommune_pdf, state_tag
from sync_server.shelf import Shelf
from tests.support.server import Server, cli_in_process
from tests.sync_server.conftest import Device
from tests.sync_server.helpers import mutation, new_id
from tests.sync_server.test_errors import assert_problem
from wegweiser.model import InfoSheet
from wegweiser.protocol import Role
from wegweiser.text import MAX_COMBINING, combining_run

PNG_DIR = Path(__file__).resolve().parents[2] / "build" / "handouts"


def pages(pdf: bytes, name: str) -> list[str]:
    """The text of every page; every page is also drawn to PNG (build/handouts/)."""
    document = pdfium.PdfDocument(pdf)
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    texts = []
    try:
        for number, page in enumerate(document):
            texts.append(page.get_textpage().get_text_range())
            if number < 3:
                page.render(scale=1.5).to_pil().save(PNG_DIR / f"{name}-{number + 1}.png")
    finally:
        document.close()
    return texts


@pytest.fixture
def guide(server: Server) -> Device:
    return server.enrol(Role.LOTSE, "Anna")


def _translated(server: Server, language: str) -> tuple[InfoSheet, InfoSheet]:
    with Session(server.engine) as session:
        sheets = list(session.exec(select(InfoSheet)))
    by_id = {s.id: s for s in sheets}
    translation = next(s for s in sheets if s.language == language and s.translation_of in by_id)
    return by_id[translation.translation_of or ""], translation


@pytest.mark.parametrize(("language", "word"), [("ar", "الشرطة"), ("uk", "поліція")])
def test_a_sheet_in_the_newcomers_language(
    server: Server, guide: Device, language: str, word: str
) -> None:
    original, translation = _translated(server, language)
    response = guide.get(f"/handouts/sheets/{original.id}.pdf?language={language}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    text = pages(response.content, f"sheet-{language}")
    assert len(text) >= 1
    assert translation.title.split()[0] in text[0]
    assert word in " ".join(text)
    assert "Beispieldaten" not in text[0]  # the note is in the sheet's language


def test_a_language_without_translation_gives_the_german_sheet(
    server: Server, guide: Device
) -> None:
    with Session(server.engine) as session:
        sheets = list(session.exec(select(InfoSheet)))
    translated = {s.translation_of for s in sheets if s.translation_of}
    german = next(s for s in sheets if s.translation_of is None and s.id not in translated)
    response = guide.get(f"/handouts/sheets/{german.id}.pdf?language=fa")
    assert german.title.split()[0] in pages(response.content, "sheet-fallback")[0]


def test_the_wegweiser_of_a_kommune(server: Server, guide: Device) -> None:
    response = guide.get("/handouts/kommunen/halberstadt.pdf")
    assert response.status_code == 200, response.text
    text = pages(response.content, "kommune-halberstadt")
    assert len(text) > 10
    assert "Halberstadt" in text[0] and "Wegweiser Harz" in text[0]  # title page
    footer = "Wegweiser Harz – Halberstadt · Seite"
    blank = [
        n + 1
        for n, page in enumerate(text)
        if not [line for line in page.splitlines() if line.strip() and footer not in line]
    ]
    assert blank == []  # page 3 was empty
    assert "Inhalt\r\n" in text[1] and "Notfall – " in text[1]  # contents by topic
    everything = "\n".join(text)
    assert "Jobcenter Landkreis Harz – Standort Halberstadt" in everything
    assert "Öffnungszeiten" in everything and "Donnerstag: 08:00–12:00, 13:00–17:00" in everything


def test_bad_requests_are_refused(server: Server, guide: Device) -> None:
    assert_problem(guide.get(f"/handouts/sheets/{new_id()}.pdf"), 404)
    assert_problem(guide.get("/handouts/kommunen/gibt-es-nicht.pdf"), 404)
    assert_problem(guide.get("/handouts/kommunen/halberstadt.pdf?language=xx"), 422)
    assert_problem(guide.get("/handouts/kommunen.zip"), 403)  # the office's one step


@pytest.mark.slow
def test_the_office_prints_every_kommune_in_one_step(server: Server, tmp_path: Path) -> None:
    office = server.enrol(Role.KOORDINATION, "K")
    response = office.get("/handouts/kommunen.zip?language=uk")
    assert response.status_code == 200, response.text
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        thale = archive.read("wegweiser-thale-uk.pdf")
    assert len(names) == 21 and all(n.endswith("-uk.pdf") for n in names)
    assert "поліція" in " ".join(pages(thale, "kommune-thale-uk"))
    # The same in the command line, from the documents just made (nothing changed since).
    result = cli_in_process(
        tmp_path,
        "print-all",
        "--to",
        str(tmp_path / "druck"),
        "--language",
        "uk",
        database_url=server.database_url,
    )
    assert result.returncode == 0, result.stderr
    printed = sorted((tmp_path / "druck").glob("wegweiser-*-uk.pdf"))
    assert len(printed) == 21
    assert (tmp_path / "druck" / "wegweiser-thale-uk.pdf").read_bytes() == thale


def _contact_in(device: Device, kommune: str) -> dict:
    return next(
        r
        for k, r in device.records.items()
        if k[0] == "contact_point" and r["kommune_keys"] == [kommune]
    )


def test_a_handout_is_made_once_per_state_of_what_it_shows(server: Server, guide: Device) -> None:
    """Any write anywhere (another guide's private note) made every PDF again."""
    day = date(2026, 11, 28)
    office = server.enrol(Role.KOORDINATION, "Koordination")
    shelf = Shelf(None, 0)  # as the server keeps them, in memory

    def thale() -> bytes:
        with Session(server.engine) as session:
            tag = state_tag(session, "kommune", "thale", "ru", day)
            return shelf.get_or_make(tag, partial(kommune_pdf, session, "thale", "ru", day))

    first = thale()
    assert thale() is first  # nothing changed
    office.pull_all(["wernigerode", "thale"])
    elsewhere, here = _contact_in(office, "wernigerode"), _contact_in(office, "thale")
    note = {"target_entity": "contact_point", "target_id": elsewhere["id"], "text": "Hinten"}
    [noted] = guide.push(mutation("private_note", new_id(), 0, note))
    [edited] = office.push(
        mutation("contact_point", elsewhere["id"], elsewhere["version"], {"costs": "frei"})
    )
    assert (noted["status"], edited["status"]) == ("applied", "applied")
    assert thale() is first  # a note, and an entry of another Kommune
    office.push(mutation("contact_point", here["id"], here["version"], {"costs": "frei"}))
    assert thale() is not first


def test_etags_are_compared_as_rfc_9110_says(server: Server, guide: Device) -> None:
    tag = guide.get("/handouts/kommunen/thale.pdf?language=uk").headers["etag"]
    with guide.client() as client:
        for asked in (f"W/{tag}", f'"anderes", {tag}', "*"):
            again = client.get(
                "/handouts/kommunen/thale.pdf?language=uk", headers={"If-None-Match": asked}
            )
            assert again.status_code == 304, asked
        # A Kommune that does not exist has no representation a tag could name.
        for asked in (tag, "*"):
            missing = client.get(
                "/handouts/kommunen/atlantis.pdf?language=uk", headers={"If-None-Match": asked}
            )
            assert missing.status_code == 404, asked


def test_a_device_holding_the_current_pdf_gets_304(server: Server, guide: Device) -> None:
    first = guide.get("/handouts/kommunen/thale.pdf?language=uk")
    tag = first.headers["etag"]
    with guide.client() as client:
        again = client.get(
            "/handouts/kommunen/thale.pdf?language=uk", headers={"If-None-Match": tag}
        )
        other = client.get(
            "/handouts/kommunen/thale.pdf?language=ru", headers={"If-None-Match": tag}
        )
    assert (again.status_code, again.content) == (304, b"")
    assert other.status_code == 200  # another language is another file


def seen_lines(pdf: bytes) -> list[str]:
    """Every line as the eye reads it on the page: its characters left to right by where
    they are drawn (text extraction gives a line in its own, logical order)."""
    document = pdfium.PdfDocument(pdf)
    lines = []
    try:
        for page in document:
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            start = 0
            for end in [*(i for i, c in enumerate(text) if c == "\n"), len(text)]:
                boxes = [(textpage.get_charbox(k)[0], text[k]) for k in range(start, end)]
                lines.append("".join(c for _, c in sorted(boxes) if c not in "\r\n"))
                start = end + 1
    finally:
        document.close()
    return lines


def test_numbers_and_times_stay_left_to_right_in_an_arabic_wegweiser(
    server: Server, guide: Device
) -> None:
    """ "+49 3941 0000-150" printed as "150-0000 3941 49 +", times as "17:00–10:00"."""
    response = guide.get("/handouts/kommunen/halberstadt.pdf?language=ar")
    assert response.status_code == 200, response.text
    seen = seen_lines(response.content)
    phones = [line for line in seen if line.endswith(":فتاهلا")]  # "الهاتف:" at the right
    assert phones and all(line.startswith("+49 ") for line in phones), phones[:3]
    assert any(line.startswith("+49 3941 0000-400 ") for line in phones)  # the Jobcenter
    hours = [line for line in seen if ":" in line and "–" in line and line[:2].isdigit()]
    assert any(line.startswith("08:00–12:00") for line in hours), hours[:3]
    # The topics' headings in Arabic ("الصحة", read right to left), not in German.
    assert "ةحصلا" in [line.strip() for line in seen]
    assert "Gesundheit" not in seen


def test_a_sheet_stored_before_the_accent_rule_prints_tamed(server: Server, guide: Device) -> None:
    """One letter under 20,000 combining marks made a sheet's PDF take 66 s: what was
    stored before the rule prints with 8 marks a letter at most."""
    with Session(server.engine) as session:
        sheet = session.exec(select(InfoSheet).where(InfoSheet.language == "ar")).first()
        assert sheet is not None
        # Arabic is shaped by HarfBuzz, which lays every mark out on its letter.
        sheet.body = "استشارة" + "\u0651" * 20_000 + " im Rathaus."
        session.add(sheet)
        session.commit()
        sheet_id = sheet.id
    answer = guide.get(f"/handouts/sheets/{sheet_id}.pdf?language=ar")
    assert answer.status_code == 200
    text = "".join(pages(answer.content, "tamed-sheet"))
    assert "im Rathaus" in text
    assert combining_run(text) <= MAX_COMBINING


def test_one_device_makes_at_most_two_handouts_at_once(server: Server, guide: Device) -> None:
    """One guide's token with 10 parallel requests made other devices wait 5 s while a
    fifth of them got 503: beyond its two turns a device hears when to come back (six
    at once here, each made afresh: seconds of work for Farsi)."""
    kommunen = ["ballenstedt", "blankenburg", "falkenstein", "harzgerode", "ilsenburg", "huy"]

    def fetch(key: str) -> httpx.Response:
        with guide.client() as client:
            return client.get(f"/handouts/kommunen/{key}.pdf?language=fa")

    with ThreadPoolExecutor(len(kommunen)) as pool:
        answers = dict(zip(kommunen, pool.map(fetch, kommunen), strict=True))
    refused = {key: a for key, a in answers.items() if a.status_code == 429}
    made = [key for key, a in answers.items() if a.status_code == 200]
    assert refused and made and len(refused) + len(made) == len(kommunen)
    for answer in refused.values():
        assert answer.headers["retry-after"] == "5"
        assert "gleichzeitig pro Gerät" in answer.json()["detail"]
    # Asked for one after another, as the app does, each comes.
    assert all(fetch(key).status_code == 200 for key in refused)
    # Another device meanwhile was never in the way of the limit.
    other = server.enrol(Role.LOTSE, "Ben")
    assert other.get("/handouts/kommunen/thale.pdf?language=fa").status_code == 200
