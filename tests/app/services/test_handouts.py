"""The printed Wegweiser kept on the tablet: fetched from the real server, refreshed only
where the data changed, and still there to share when the connection is gone."""

import pypdfium2 as pdfium
import pytest
from sqlmodel import select

from app.services.editing import EditingService, form_values
from app.services.handouts import HandoutService
from app.sync.errors import SyncError
from tests.support.proxy import FaultProxy
from wegweiser.model import InfoSheet
from wegweiser.protocol import Role


def _pages(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def test_the_kommunen_pdfs_are_kept_and_refreshed_only_when_changed(
    make_tablet, proxy: FaultProxy
) -> None:
    guide = make_tablet("lotsin", role=Role.LOTSE, kommunen=("thale",))
    guide.engine.sync()
    handouts = HandoutService(guide.store, guide.engine)
    assert handouts.kept() == []
    assert handouts.refresh(["de", "ar", "de"]) == 2  # German and the visit's language
    kept = {(h.kommune, h.language): h for h in handouts.kept()}
    assert set(kept) == {("thale", "de"), ("thale", "ar")}
    assert kept[("thale", "de")].kommune_name == "Thale"
    assert _pages(handouts.path(kept[("thale", "ar")]).read_bytes()) > 10
    # Nothing changed on the server: nothing is downloaded again (304).
    assert handouts.refresh(["de", "ar"]) == 0
    assert proxy.count("/handouts/kommunen/thale.pdf?language=ar") == 2

    # The office changes a sheet: the next refresh fetches both files again.
    office = make_tablet("koordination", role=Role.KOORDINATION, kommunen=("thale",))
    office.engine.sync()
    editing = EditingService(office.store)
    with office.store.session() as session:
        sheet = next(s for s in session.exec(select(InfoSheet)) if s.translation_of is None)
    values = form_values(sheet, InfoSheet.entity)
    values["body"] = sheet.body + "\n\nNeu."
    editing.save(InfoSheet.entity, sheet.id, values)
    office.engine.sync()
    assert handouts.refresh(["de", "ar"]) == 2


def test_without_a_connection_what_is_kept_stays_and_the_reason_is_german(
    make_tablet, proxy: FaultProxy
) -> None:
    guide = make_tablet("lotsin", role=Role.LOTSE, kommunen=("thale",))
    guide.engine.sync()
    handouts = HandoutService(guide.store, guide.engine)
    handouts.refresh(["de"])
    proxy.rule = lambda _method, _path, _count: "refuse"
    with pytest.raises(SyncError) as offline:
        handouts.refresh(["de"])
    assert "Verbindung" in offline.value.message
    [kept] = handouts.kept()
    assert _pages(handouts.path(kept).read_bytes()) > 10
