"""A broken or foreign store file gives a German message and a way out, never a traceback."""

import random
import sqlite3
from pathlib import Path

import pytest

from app.store import content
from app.store.database import (
    StoreCorruptError,
    StoreTooNewError,
    open_store,
    quarantine,
)
from app.store.paths import DATA_DIR_ENV, store_path


def test_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "wegweiser.sqlite"
    path.write_bytes(b"Dies ist keine Datenbank, sondern ein Einkaufszettel.\n" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreCorruptError) as info:
        open_store(path)
    assert "beschädigt" in info.value.message
    assert path.read_bytes() == before


def test_sqlite_file_with_damaged_pages(tmp_path: Path, demo_dataset) -> None:
    path = tmp_path / "wegweiser.sqlite"
    store = open_store(path)
    content.import_dataset(store, demo_dataset)
    store.close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    size = path.stat().st_size
    with path.open("r+b") as handle:
        # Overwrite pages in the middle of the file, keeping the header intact.
        handle.seek(size // 3)
        handle.write(random.Random(1).randbytes(size // 3))
    with pytest.raises(StoreCorruptError) as info:
        open_store(path)
    assert "Die lokale Datenbank der App ist beschädigt" in info.value.message


def test_way_out_moves_the_file_aside_and_starts_fresh(tmp_path: Path) -> None:
    path = tmp_path / "wegweiser.sqlite"
    path.write_bytes(b"\x00garbage" * 512)
    with pytest.raises(StoreCorruptError):
        open_store(path)
    kept = quarantine(path)
    assert kept.exists() and kept.read_bytes() == b"\x00garbage" * 512
    store = open_store(path)
    with store.session() as session:
        assert content.kommunen(session) == []
    store.close()


def test_file_from_a_newer_app_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "wegweiser.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE future (x)")
    connection.execute("PRAGMA user_version = 999")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(StoreTooNewError) as info:
        open_store(path)
    assert "neueren Version" in info.value.message
    assert path.read_bytes() == before


def test_data_dir_is_overridable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "daten"))
    assert store_path() == tmp_path / "daten" / "wegweiser.sqlite"
