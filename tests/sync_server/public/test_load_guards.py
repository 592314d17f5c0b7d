"""What keeps the public pages cheap and fair under load: each page rendered once per
state of the data (and never served after what it shows changed), and a limit per
network address answered with a readable page, which leaves the API alone."""

import time
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from sync_server import changes
from tests.support import local_http
from tests.support.server import Server, serving
from tests.sync_server.helpers import mutation
from wegweiser.dataset import Dataset
from wegweiser.model import ContactPoint
from wegweiser.protocol import Role

TAFEL = "Tafel Halberstadt"


def _cache(server: Server) -> Any:
    assert server.in_thread is not None
    return server.in_thread.config.app.state.page_cache


def test_a_page_is_rendered_once_and_never_outlives_what_it_shows(server: Server) -> None:
    path = f"{server.url}/wegweiser/de/kommunen/halberstadt/anlaufstellen"
    first = local_http.get(path)
    assert len(_cache(server)) == 1
    again = local_http.get(path)
    assert again.text == first.text
    assert len(_cache(server)) == 1  # served from the cache, not rendered anew
    with Session(server.engine) as session:
        tafel = session.exec(select(ContactPoint).where(ContactPoint.name == TAFEL)).one()
    office = server.enrol(Role.KOORDINATION, "Koordination")
    [result] = office.push(
        mutation("contact_point", tafel.id, tafel.version, {"name": "Tafel am Domplatz"})
    )
    assert result["status"] == "applied", result
    after = local_http.get(path).text
    assert "Tafel am Domplatz" in after and TAFEL not in after


def test_one_address_asking_too_often_is_told_when_to_come_back(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    with serving(tmp_path, demo_dataset, pages_per_address_minute=5) as server:
        answers = [local_http.get(f"{server.url}/wegweiser/ar/") for _ in range(6)]
        assert [a.status_code for a in answers] == [200] * 5 + [429]
        busy = answers[-1]
        assert int(busy.headers["retry-after"]) >= 1
        assert busy.headers["content-type"].startswith("text/html")
        assert '<html lang="ar" dir="rtl">' in busy.text
        assert "طلبات كثيرة جدًا" in busy.text
        assert local_http.get(f"{server.url}/health").status_code == 200
        device = server.enrol(Role.LOTSE, "Lotsin")
        assert (
            device.post("/sync/pull", {"cursor": "", "kommunen": ["halberstadt"]}).status_code
            == 200
        )


def test_what_another_server_process_published_shows_within_a_second(server: Server) -> None:
    path = f"{server.url}/wegweiser/de/kommunen/halberstadt/anlaufstellen"
    assert TAFEL in local_http.get(path).text
    assert TAFEL in local_http.get(path).text  # now kept
    with Session(server.engine) as session:  # this engine is not the server's: as another
        tafel = session.exec(select(ContactPoint).where(ContactPoint.name == TAFEL)).one()
        renamed = ContactPoint.model_validate({**tafel.model_dump(), "name": "Tafel am Hohen Weg"})
        session.expunge(tafel)
        changes.save(session, renamed, tafel)
        session.commit()
    written = time.monotonic()
    while "Tafel am Hohen Weg" not in local_http.get(path).text:
        assert time.monotonic() - written < 2.0, "the kept page outlived the publication"
        time.sleep(0.05)
