"""Made handouts kept by what they show: in memory, on disk up to a size, across server
restarts; and a device's rate of handouts made."""

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from sync_server.shelf import Shelf
from tests.sync_server.conftest import Server, prepare_database, start_server
from tests.sync_server.test_errors import assert_problem
from wegweiser.dataset import Dataset
from wegweiser.protocol import Role

MAKING_SECONDS = 6.0
"""Longer than the largest handout (Halberstadt in Farsi) takes on a busy CI machine."""


def test_the_longest_unused_copies_go_first_when_room_is_needed(tmp_path: Path) -> None:
    shelf = Shelf(tmp_path, max_bytes=250, in_memory=0)
    made: list[str] = []

    def maker(tag: str) -> Callable[[], bytes]:
        def make() -> bytes:
            made.append(tag)
            return b"%" * 100  # 100 bytes each

        return make

    for tag in ('"aa"', '"bb"'):
        shelf.get_or_make(tag, maker(tag))
    old = time.time() - 60
    os.utime(tmp_path / "aa.pdf", (old, old))
    os.utime(tmp_path / "bb.pdf", (old - 60, old - 60))
    shelf.get_or_make('"aa"', maker('"aa"'))  # read from disk: used just now
    shelf.get_or_make('"cc"', maker('"cc"'))  # 300 bytes: one must go, bb
    assert made == ['"aa"', '"bb"', '"cc"']
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["aa.pdf", "cc.pdf"]
    assert shelf.holds('"aa"') and not shelf.holds('"bb"')
    assert not list(tmp_path.glob("*.part"))


def test_a_tag_names_no_file_outside_the_shelf(tmp_path: Path) -> None:
    shelf = Shelf(tmp_path / "shelf", max_bytes=10_000, in_memory=0)
    shelf.get_or_make('"../../tmp/ab12"', lambda: b"pdf")
    assert [p.name for p in (tmp_path / "shelf").iterdir()] == ["ab12.pdf"]


def test_a_handout_made_before_a_restart_is_not_made_again(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    """One handout an hour for this device: the first is made; after a restart (memory
    gone) it comes from disk without counting; a new one is refused for the hour, in
    German, while the kept one still comes."""
    url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    prepare_database(url, demo_dataset).dispose()
    limits: dict[str, Any] = {"handouts_per_device_hour": 1}
    server: Server = start_server(url, tmp_path, **limits)
    guide = server.enrol(Role.LOTSE, "Anna")
    try:
        first = guide.get("/handouts/kommunen/thale.pdf")
        assert first.status_code == 200
    finally:
        server.stop()
    server = start_server(url, tmp_path, port=server.port, **limits)
    try:
        again = guide.get("/handouts/kommunen/thale.pdf")
        assert again.status_code == 200 and again.content == first.content
        refused = guide.get("/handouts/kommunen/huy.pdf")
        assert_problem(refused, 429)
        assert "Handouts pro Stunde" in refused.json()["detail"]
        assert guide.get("/handouts/kommunen/thale.pdf").status_code == 200
    finally:
        server.stop()
        server.engine.dispose()


def test_a_handout_past_its_cpu_budget_is_refused_and_not_kept(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    """A sheet of hundreds of pages (stored before any limit, or imported) must not hold
    a worker for minutes: past its CPU time the making ends, said in German."""
    url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    prepare_database(url, demo_dataset).dispose()
    server = start_server(url, tmp_path, handout_cpu_seconds=0.05)
    try:
        guide = server.enrol(Role.LOTSE, "Anna")
        refused = guide.get("/handouts/kommunen/halberstadt.pdf?language=fa")
        body = assert_problem(refused, 422)
        assert "zu umfangreich" in body["detail"]
        assert not list((tmp_path / "handouts").glob("*.pdf"))
    finally:
        server.stop()
        server.engine.dispose()


def test_a_handout_nobody_waits_for_any_more_is_not_finished(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    """A tablet that gave up (its guide left, its request timed out) no longer costs the
    server the rest of the document: nothing is finished or kept."""
    url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    prepare_database(url, demo_dataset).dispose()
    server = start_server(url, tmp_path)
    try:
        guide = server.enrol(Role.LOTSE, "Anna")
        with pytest.raises(httpx.ReadTimeout), guide.client() as client:
            client.get("/handouts/kommunen/halberstadt.pdf?language=fa", timeout=0.3)
        time.sleep(MAKING_SECONDS)  # long enough to have finished it
        assert not list((tmp_path / "handouts").glob("*.pdf"))
        # Asked again and waited for, it comes.
        assert guide.get("/handouts/kommunen/halberstadt.pdf?language=fa").status_code == 200
        assert len(list((tmp_path / "handouts").glob("*.pdf"))) == 1
    finally:
        server.stop()
        server.engine.dispose()
