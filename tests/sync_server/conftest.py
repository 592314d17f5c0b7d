"""Run the real server command in subprocesses against a real database file."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT


def server_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["WEGWEISER_SERVER_DATA_DIR"] = str(data_dir)
    env.pop("WEGWEISER_DATABASE_URL", None)
    env["PYTHONPATH"] = str(ROOT)
    return env


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sync_server", *args],
        cwd=ROOT,
        env=server_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def running_server(tmp_path: Path) -> Iterator[str]:
    """`python -m sync_server serve` on 127.0.0.1 with a fresh SQLite file; yields its URL."""
    port = free_port()
    env = server_env(tmp_path) | {"WEGWEISER_PORT": str(port)}
    process = subprocess.Popen(
        [sys.executable, "-m", "sync_server", "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{url}/health", timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("server did not start")
    yield url
    process.terminate()
    process.wait(timeout=10)
