"""`python -m sync_server init-db / load-demo`: the demo data lands whole or not at all.

The commands run in-process (`cli_in_process`, the same `main`); one smoke test runs
them as the separate processes an operator starts."""

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import DEMO_DATASET
from tests.support import local_http
from tests.support.server import cli_in_process
from tests.sync_server.conftest import run_cli

TABLES = ("region", "kommune", "topic", "info_sheet", "contact_point", "offer", "network_partner")


def table_dump(database: Path) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(database)
    dump = {t: sorted(connection.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}
    connection.close()
    return dump


def test_load_demo_fills_the_server_database(tmp_path: Path) -> None:
    result = cli_in_process(tmp_path, "load-demo")
    assert result.returncode == 0, result.stderr
    assert "(Beispieldaten)" in result.stdout
    assert "379 Datensätze geschrieben" in result.stdout
    dump = table_dump(tmp_path / "server.sqlite")
    assert len(dump["kommune"]) == 21  # 20 municipalities and the Verbandsgemeinde
    assert len(dump["info_sheet"]) >= 60
    assert len(dump["contact_point"]) + len(dump["offer"]) >= 150
    # Loading again replaces, never duplicates.
    assert cli_in_process(tmp_path, "load-demo").returncode == 0
    assert table_dump(tmp_path / "server.sqlite") == dump


def test_bad_file_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    assert cli_in_process(tmp_path, "load-demo").returncode == 0
    before = table_dump(tmp_path / "server.sqlite")

    document = json.loads(DEMO_DATASET.read_text(encoding="utf-8"))
    document["sheets"][0]["title"] = "Neuer Titel, der nicht ankommen darf"
    document["contact_points"][7]["kommune_keys"] = ["nirgendwo"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")

    result = cli_in_process(tmp_path, "load", str(bad))
    assert result.returncode == 2
    assert "contact_points[7]" in result.stderr
    assert "Die Kommune „nirgendwo“ gibt es nicht." in result.stderr
    assert "nichts wurde geladen" in result.stderr
    assert table_dump(tmp_path / "server.sqlite") == before


def test_links_from_another_system_are_named_and_repaired_on_request(tmp_path: Path) -> None:
    assert cli_in_process(tmp_path, "load-demo").returncode == 0
    before = table_dump(tmp_path / "server.sqlite")
    document = json.loads(DEMO_DATASET.read_text(encoding="utf-8"))
    for sheet in document["sheets"][:3]:
        sheet["body"] += "\n\nMehr unter www.kreis-hz.de und [hier](http://www.harz.de/a)."
    exported = tmp_path / "anderes-system.json"
    exported.write_text(json.dumps(document), encoding="utf-8")

    refused = cli_in_process(tmp_path, "load", str(exported))
    assert refused.returncode == 2
    assert "nichts wurde geladen" in refused.stderr
    assert "mit --repair-links würden 6 Links repariert" in refused.stderr
    assert table_dump(tmp_path / "server.sqlite") == before

    loaded = cli_in_process(tmp_path, "load", str(exported), "--repair-links")
    assert loaded.returncode == 0, loaded.stderr
    assert "6 Links repariert (die Datei selbst bleibt, wie sie ist):" in loaded.stdout
    assert "„http://www.harz.de/a“ → „https://www.harz.de/a“" in loaded.stdout
    assert "3 Datensätze geschrieben" in loaded.stdout
    with sqlite3.connect(tmp_path / "server.sqlite") as connection:
        body = connection.execute(
            "SELECT body FROM info_sheet WHERE id = ?", (document["sheets"][0]["id"],)
        ).fetchone()[0]
    assert body.endswith("Mehr unter https://www.kreis-hz.de und [hier](https://www.harz.de/a).")
    assert json.loads(exported.read_text(encoding="utf-8")) == document


def test_unreadable_file_gives_a_german_message(tmp_path: Path) -> None:
    result = cli_in_process(tmp_path, "load", str(tmp_path / "fehlt.json"))
    assert result.returncode == 2
    assert "kann nicht gelesen werden" in result.stderr
    assert "Traceback" not in result.stderr


def test_init_db_is_repeatable(tmp_path: Path) -> None:
    assert cli_in_process(tmp_path, "init-db").returncode == 0
    assert cli_in_process(tmp_path, "init-db").returncode == 0
    assert table_dump(tmp_path / "server.sqlite")["kommune"] == []


def test_enrol_revoke_and_backup_commands(tmp_path: Path) -> None:
    import re
    import sqlite3

    from tests.sync_server.conftest import start_server

    assert cli_in_process(tmp_path, "load-demo").returncode == 0
    # What an operator types, each its own process:
    enrolled = run_cli(tmp_path, "enrol", "--name", "Anna Beispiel", "--role", "lotse")
    assert enrolled.returncode == 0, enrolled.stderr
    code = re.search(r"Anmeldecode: (\S+)", enrolled.stdout).group(1)
    server = start_server(f"sqlite:///{tmp_path / 'server.sqlite'}", tmp_path)
    try:
        device = local_http.post(
            f"{server.url}/enrol", json={"code": code, "device_name": "T"}
        ).json()
        headers = {"Authorization": f"Bearer {device['token']}"}
        assert local_http.get(f"{server.url}/me", headers=headers).status_code == 200
        revoked = run_cli(tmp_path, "revoke", "--device", device["device_id"])
        assert revoked.returncode == 0 and "1 Gerät(e) gesperrt" in revoked.stdout
        assert local_http.get(f"{server.url}/me", headers=headers).status_code == 403
    finally:
        server.stop()
        server.engine.dispose()
    backup = run_cli(tmp_path, "backup", "--to", str(tmp_path / "sicherung.sqlite"))
    assert backup.returncode == 0, backup.stderr
    copy = sqlite3.connect(tmp_path / "sicherung.sqlite")
    assert copy.execute("SELECT count(*) FROM contact_point").fetchone()[0] == 142
    assert copy.execute("SELECT count(*) FROM device").fetchone()[0] == 1
    copy.close()
    missing = run_cli(tmp_path, "enrol")
    assert missing.returncode == 2 and "--name" in missing.stderr


def test_a_setting_that_cannot_be_read_is_named_in_german(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WEGWEISER_PORT=abc ended in a traceback."""
    for name, value, said in (
        ("WEGWEISER_PORT", "abc", "Einstellung WEGWEISER_PORT: muss eine ganze Zahl sein"),
        ("WEGWEISER_PORT", "70000", "Einstellung WEGWEISER_PORT: darf höchstens 65535 sein"),
        ("WEGWEISER_WORKING", "0", "Einstellung WEGWEISER_WORKING: muss mindestens 1 sein"),
    ):
        monkeypatch.setenv(name, value)
        result = cli_in_process(tmp_path, "serve", "--check")
        monkeypatch.delenv(name)
        assert result.returncode == 2
        assert result.stderr.startswith(said), result.stderr
        assert "Traceback" not in result.stderr
    checked = cli_in_process(tmp_path, "serve", "--check")
    assert checked.returncode == 0
    assert f"sqlite:///{tmp_path / 'server.sqlite'}" in checked.stdout
