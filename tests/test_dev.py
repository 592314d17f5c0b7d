"""`python3 scripts/dev.py run`: server and app start together and stop together, on
Ctrl+C, on `kill`, and when started in the background (its SIGINT ignored). And the
test command's check beside the tests, which must fail the command when it fails."""

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import ROOT
from tests.support import local_http
from tests.support.server import free_port


def _dev_script() -> Any:
    spec = importlib.util.spec_from_file_location("dev", ROOT / "scripts" / "dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_check_beside_the_tests_reports_after_them_and_fails_the_command(
    capfd: pytest.CaptureFixture[str],
) -> None:
    dev = _dev_script()
    with dev.beside(sys.executable, "-c", "print('geprüft')"):
        print("die Tests", flush=True)
    assert capfd.readouterr().out.endswith("\ndie Tests\ngeprüft\n")

    check = (sys.executable, "-c", "print('Fehler gefunden'); raise SystemExit(3)")
    with pytest.raises(subprocess.CalledProcessError) as failed, dev.beside(*check):
        pass
    assert failed.value.returncode == 3
    assert capfd.readouterr().out.endswith("\nFehler gefunden\n")

    # Tests that fail fail the command, and the check's report is printed all the same.
    check = (sys.executable, "-c", "print('auch geprüft')")
    with pytest.raises(subprocess.CalledProcessError) as failed, dev.beside(*check):
        raise subprocess.CalledProcessError(1, ["pytest"])
    assert failed.value.cmd == ["pytest"]
    assert capfd.readouterr().out.endswith("\nauch geprüft\n")


def _serving(url: str) -> bool:
    try:
        return local_http.get(url, timeout=1).status_code == 200
    except httpx.TransportError:
        return False


@pytest.mark.slow
@pytest.mark.parametrize(
    ("signum", "background"),
    [(signal.SIGTERM, False), (signal.SIGINT, True)],
    ids=["kill", "background-ctrl-c"],
)
def test_run_stops_server_and_app_on_a_signal(
    tmp_path: Path, signum: signal.Signals, background: bool
) -> None:
    """SIGTERM (and SIGINT in the background) left the server and the app running."""
    server_port, app_port = free_port(), free_port()
    env = dict(
        os.environ,
        WEGWEISER_PORT=str(server_port),
        WEGWEISER_APP_PORT=str(app_port),
        WEGWEISER_SERVER_DATA_DIR=str(tmp_path / "server"),
        WEGWEISER_DATA_DIR=str(tmp_path / "app"),
    )

    def as_a_background_job() -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # what a shell does for `cmd &`

    running = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "dev.py"), "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=as_a_background_job if background else None,
    )
    server, app = f"http://127.0.0.1:{server_port}/health", f"http://127.0.0.1:{app_port}/"
    try:
        deadline = time.monotonic() + 120
        while not (_serving(server) and _serving(app)):
            assert running.poll() is None and time.monotonic() < deadline, "never started"
            time.sleep(0.5)
        running.send_signal(signum)
        assert running.wait(timeout=30) == 0
        assert not _serving(server) and not _serving(app)
    finally:
        running.kill()
