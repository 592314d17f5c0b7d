"""Tabellen in the real app against the real server: contact points downloaded as a
spreadsheet, a file with a bad row refused whole with the problem named, a clean one
previewed cell by cell, then imported and on its way to the guides."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlmodel import Session, select

from tests.e2e.conftest import office_app, screenshot
from tests.e2e.person import tap
from tests.support.server import Server
from wegweiser.model import ContactPoint

HEADER = "ID;Name;Kommunen;Mo;Di;Mi;Do;Fr;Sa;So;Kosten\n"


@pytest.mark.parametrize("size", ["tablet"])
def test_a_spreadsheet_goes_out_and_comes_back_all_or_nothing(
    browser: Browser, demo_server: Server, tmp_path: Path, size: str
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER
        + ";Sprachcafé am Dom;Halberstadt;;;15-18;;;;;kostenlos\n"
        + ";Tafel;Atlantis;;;;;;;;\n",
        encoding="utf-8",
    )
    good = tmp_path / "good.csv"
    good.write_text(HEADER + ";Sprachcafé am Dom;Halberstadt;;;15-18;;;;;kostenlos\n")
    with office_app(browser, demo_server, tmp_path, size) as page:
        tap(page.get_by_role("button", name="Tabellen (CSV)"))

        with page.expect_download() as downloading:
            tap(page.get_by_role("button", name="Anlaufstellen herunterladen"))
        saved = Path(downloading.value.path())
        text = saved.read_bytes().decode("utf-8")
        assert text.startswith("\ufeffID;Name;Träger;Kommunen")
        with Session(demo_server.engine) as session:
            before = len(session.exec(select(ContactPoint)).all())
        assert len(text.strip().splitlines()) == before + 1

        with page.expect_file_chooser() as choosing:
            tap(page.get_by_role("button", name="Anlaufstellen hochladen"))
        choosing.value.set_files(str(bad))
        expect(
            page.get_by_text("Nichts übernommen: 1 Problem in der Tabelle.", exact=False)
        ).to_be_visible()
        problem = "Zeile 3, Spalte „Kommunen“: Die Kommune „Atlantis“ gibt es nicht."
        expect(page.get_by_text(problem, exact=False)).to_be_visible()
        page.wait_for_timeout(500)
        screenshot(page, f"{size}-tables-refused")
        with Session(demo_server.engine) as session:
            assert len(session.exec(select(ContactPoint)).all()) == before

        with page.expect_file_chooser() as choosing:
            tap(page.get_by_role("button", name="Anlaufstellen hochladen"))
        choosing.value.set_files(str(good))
        # First what would change, cell by cell; nothing is written before the yes. The
        # card is read as one group: "Kosten (leer) wird zu kostenlos".
        preview = page.get_by_role("group", name="Vorschau – noch nichts übernommen: 1 neu")
        expect(preview).to_be_visible()
        expect(preview).to_have_accessible_name(
            re.compile(r"Sprachcafé am Dom \(neu\) .* Kosten \(leer\) wird zu kostenlos")
        )
        screenshot(page, f"{size}-tables-preview")
        with Session(demo_server.engine) as session:
            assert len(session.exec(select(ContactPoint)).all()) == before
        tap(page.get_by_role("button", name="Änderungen übernehmen"))
        expect(page.get_by_text("Übernommen: 1 neu, 0 geändert", exact=False)).to_be_visible()
        with Session(demo_server.engine) as session:
            new = session.exec(
                select(ContactPoint).where(ContactPoint.name == "Sprachcafé am Dom")
            ).one()
        assert new.opening_hours == "We 15:00-18:00; PH off" and new.costs == "kostenlos"
