"""`python -m app.sync`, the client's command line, as an operator or support runs it."""

import os
import subprocess
import sys
from pathlib import Path

from tests.support import disk
from tests.support.devices import enrolment_code
from tests.support.server import ROOT, Server
from wegweiser.protocol import Role


def _client(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.sync", *args],
        cwd=ROOT,
        env={**os.environ, "WEGWEISER_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_enrol_sync_and_a_full_disk_said_in_german(sync_server: Server, tmp_path: Path) -> None:
    with disk.small_disk(tmp_path / "tablet", megabytes=8) as data_dir:
        code = enrolment_code(sync_server, Role.LOTSE, "Anna")
        enrolled = _client(
            data_dir, "enrol", "--server", sync_server.url, "--code", code, "--kommune", "thale"
        )
        assert enrolled.returncode == 0, enrolled.stderr
        assert "Gerät angemeldet." in enrolled.stdout
        filler = disk.fill(data_dir)

        full = _client(data_dir, "sync")
        assert full.returncode == 1
        assert "Der Speicher des Geräts ist voll" in full.stderr
        assert "Traceback" not in full.stderr

        filler.unlink()
        synced = _client(data_dir, "sync")
        assert synced.returncode == 0, synced.stderr
        assert "Traceback" not in synced.stderr
