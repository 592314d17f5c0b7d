"""Tabellen on an office device against the real server: a spreadsheet's changes come
back as a preview (entry by entry, cell by cell) and are written only when confirmed."""

import csv
import io

import pytest
from sqlmodel import Session

from app.services.tables import HANDOUTS_TIMEOUT, TablesService
from app.sync.errors import SyncError, TookTooLong
from tests.support.proxy import FaultProxy
from tests.support.server import Server
from wegweiser.model import ContactPoint
from wegweiser.protocol import Role


def test_a_preview_says_what_changes_and_only_the_confirmation_writes_it(
    make_tablet, sync_server: Server
) -> None:
    office = make_tablet("koordination", role=Role.KOORDINATION)
    office.engine.sync()
    tables = TablesService(office.engine)
    text = tables.export(ContactPoint.entity).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    costs = header.index("Kosten")
    row = next(r for r in rows if r[costs])
    record_id = row[0]
    row[costs] = ""  # the office empties a cell on purpose
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([header, row])
    data = out.getvalue().encode()
    with Session(sync_server.engine) as session:
        before = session.get(ContactPoint, record_id)
    assert before is not None and before.costs

    shown = tables.preview_csv(ContactPoint.entity, data)
    assert shown.problems == () and shown.preview is not None
    [entry] = shown.preview.entries
    assert [(c.column, c.old, c.new) for c in entry.cells] == [("Kosten", before.costs, "")]
    with Session(sync_server.engine) as session:
        assert session.get(ContactPoint, record_id).costs == before.costs

    done = tables.import_csv(ContactPoint.entity, data, shown.preview)
    assert (done.created, done.changed) == (0, 1)
    with Session(sync_server.engine) as session:
        assert session.get(ContactPoint, record_id).costs is None
    with pytest.raises(SyncError, match="seit der Vorschau geändert"):
        tables.import_csv(ContactPoint.entity, data, shown.preview)  # the entry changed since


def test_a_row_cut_short_is_refused_before_any_preview(make_tablet) -> None:
    office = make_tablet("koordination", role=Role.KOORDINATION)
    office.engine.sync()
    tables = TablesService(office.engine)
    exported = tables.export(ContactPoint.entity).decode("utf-8-sig").splitlines()
    cut = ";".join(exported[1].split(";")[:6])
    refused = tables.preview_csv(ContactPoint.entity, f"{exported[0]}\n{cut}\n".encode())
    assert refused.preview is None
    [problem] = refused.problems
    assert problem.startswith("Zeile 2: nur 6 von")


def test_a_slow_answer_is_named_a_timeout_and_long_work_is_waited_for(
    make_tablet, proxy: FaultProxy
) -> None:
    """Printing in Arabic took longer than the app waited, and the app then said "Keine
    Verbindung zum Server. Die Änderungen bleiben gespeichert" - wrong on both counts."""
    office = make_tablet("koordination", role=Role.KOORDINATION, timeout=2)
    proxy.rule = lambda method, path, n: "delay:3" if "/exports/" in path else "pass"
    with pytest.raises(TookTooLong) as slow:
        office.engine.client().download("/exports/region.json", timeout=1)
    assert "Zeitüberschreitung nach 1 s" in slow.value.message
    assert "Keine Verbindung" not in slow.value.message
    assert "Änderungen" not in slow.value.message
    # The office's one step waits for as long as a small server may need.
    assert HANDOUTS_TIMEOUT >= 300
    # Longer than the device's client waits for anything else (2 s here), still a ZIP.
    proxy.rule = lambda method, path, n: "delay:3" if "/handouts/" in path else "pass"
    archive = TablesService(office.engine).export_handouts("de")
    assert archive.startswith(b"PK")
