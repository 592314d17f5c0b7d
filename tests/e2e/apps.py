"""The app processes the browser tests start (each on a store of its own, its output in a
log beside it), and the record of every second try a test needed."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import ROOT
from tests.support import local_http
from tests.support.devices import enrolment_code
from tests.support.retries import note
from tests.support.server import Server, free_port
from wegweiser.protocol import Role


def retried(step: str) -> None:
    """Write down that the running test needed another try at `step`, with what the
    running app processes were doing then (`stacks`)."""
    note(step)
    stacks()


APPS: list[subprocess.Popen[bytes]] = []
"""The app processes this worker started; `stacks` asks the running ones for their
threads' stacks."""


def stacks() -> None:
    """Every running app process writes its threads' stacks to its log (next to its data
    folder): what it was doing when a step needed another try."""
    for process in APPS:
        if process.poll() is None:
            process.send_signal(signal.SIGUSR1)


def start_app(data_dir: Path, **env_vars: str) -> tuple[subprocess.Popen[bytes], str]:
    """`python -m app` in web mode on the local store in `data_dir`; waits until it serves."""
    port = free_port()
    env = dict(
        os.environ,
        WEGWEISER_DATA_DIR=str(data_dir),
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",  # a traceback reaches the log before the process is stopped
        **env_vars,
    )
    # The app's own output stays beside its data: the first place to look when a
    # browser test fails.
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir.parent / f"{data_dir.name}.log", "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    APPS.append(process)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if local_http.get(url, timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    return process, url


def start_guide_app(server: Server, folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """The app of a new guide ("Lotsin") against `server`: its first start has the
    server's address and a one-time code filled in, "Verbinden" away."""
    code = enrolment_code(server, Role.LOTSE, "Lotsin")
    return start_app(folder / "app", WEGWEISER_DEFAULT_SERVER=server.url, WEGWEISER_DEMO_CODE=code)
