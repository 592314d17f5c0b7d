"""Loading a dataset file into a running district: hostile files are refused in German,
`deleted` is honoured, and a long load lets devices push meanwhile."""

import dataclasses
import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.servers import contact_points
from tests.conftest import DEMO_DATASET
from tests.support.server import ROOT, cli_in_process, server_env, start_server
from tests.sync_server.helpers import mutation, new_id
from tests.sync_server.test_cli import table_dump
from wegweiser.dataset import Dataset, dump_dataset
from wegweiser.protocol import Role


def _demo() -> dict:
    return json.loads(DEMO_DATASET.read_text(encoding="utf-8"))


def _write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_file_nested_100000_deep_is_refused_in_german(tmp_path: Path) -> None:
    deep = tmp_path / "tief.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = cli_in_process(tmp_path, "load", str(deep))
    assert result.returncode == 2
    assert "zu tief verschachtelt" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sync_server", "load-demo"],
        cwd=ROOT,
        env={**server_env(tmp_path), "WEGWEISER_MAX_DATASET_BYTES": "10000"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "zu groß" in result.stderr and "10.000" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_kommune_key_the_database_holds_under_another_id_is_refused(tmp_path: Path) -> None:
    assert cli_in_process(tmp_path, "load-demo").returncode == 0
    before = table_dump(tmp_path / "server.sqlite")
    document = _demo()
    thale = next(k for k in document["kommunen"] if k["key"] == "thale")
    thale["id"] = new_id()  # the same key, another record: two Thales on every device
    topic = document["topics"][0]
    topic["id"] = new_id()
    result = cli_in_process(tmp_path, "load", str(_write(tmp_path / "x.json", document)))
    assert result.returncode == 2, result.stdout
    assert "Schlüssel „thale“" in result.stderr
    assert f"Schlüssel „{topic['key']}“" in result.stderr
    assert "Traceback" not in result.stderr
    assert table_dump(tmp_path / "server.sqlite") == before


def test_deleted_true_on_an_unchanged_record_deletes_it(tmp_path: Path) -> None:
    assert cli_in_process(tmp_path, "load-demo").returncode == 0
    document = _demo()
    gone = document["contact_points"][3]
    gone["deleted"] = True
    changed = _write(tmp_path / "x.json", document)
    result = cli_in_process(tmp_path, "load", str(changed))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 Datensätze geschrieben")
    with sqlite3.connect(tmp_path / "server.sqlite") as connection:
        row = connection.execute(
            "SELECT deleted, version FROM contact_point WHERE id = ?", (gone["id"],)
        ).fetchone()
    assert row == (1, 2)


def _contact_points(folder: Path) -> int:
    with sqlite3.connect(folder / "server.sqlite", timeout=30) as connection:
        return int(connection.execute("SELECT count(*) FROM contact_point").fetchone()[0])


@pytest.mark.slow
def test_devices_push_while_a_large_file_loads(tmp_path: Path, demo_dataset: Dataset) -> None:
    """The loader once held the write lock for its whole run: a push waited 32 s and got
    a 500. Now it commits in chunks, and a push gets its turn between two of them (on
    SQLite only since the loader pauses between chunks: it took the lock again at once,
    and the push waited for the whole load)."""
    grown = dataclasses.replace(
        demo_dataset,
        contact_points=[*demo_dataset.contact_points, *contact_points(demo_dataset, 2500, "thale")],
    )
    big = tmp_path / "gross.json"
    big.write_bytes(dump_dataset(grown))
    assert cli_in_process(tmp_path, "load-demo").returncode == 0
    url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    server = start_server(url, tmp_path)
    try:
        guide = server.enrol(Role.LOTSE, "Anna")
        loading = subprocess.Popen(
            [sys.executable, "-m", "sync_server", "load", str(big)],
            cwd=ROOT,
            env=server_env(tmp_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            total = len(grown.contact_points)
            count = _contact_points(tmp_path)
            deadline = time.monotonic() + 120
            while count <= len(demo_dataset.contact_points) and time.monotonic() < deadline:
                time.sleep(0.05)
                count = _contact_points(tmp_path)
            # Held for the whole run, the new contact points would appear all at once.
            assert count < total, "the load committed everything in one step"
            [result] = guide.push(
                mutation(
                    "favourite",
                    new_id(),
                    0,
                    {"target_entity": "contact_point", "target_id": grown.contact_points[0].id},
                )
            )
            assert result["status"] == "applied", result
            assert _contact_points(tmp_path) < total, "the push waited for the whole load"
            _, err = loading.communicate(timeout=300)
            assert loading.returncode == 0, err
        finally:
            loading.kill()
    finally:
        server.stop()
        server.engine.dispose()
