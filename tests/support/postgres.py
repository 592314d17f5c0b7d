"""A private PostgreSQL server for the tests, from Debian's packages.

Installs `postgresql` with apt when its binaries are missing (CI runs as root), starts
a throw-away cluster on a free port with trust authentication on 127.0.0.1, and hands
out one fresh database per test. `WEGWEISER_TEST_POSTGRES_URL` (a server URL with a
user allowed to create databases) uses an existing server instead.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg

from tests.support import debian


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


INITDB = "/usr/lib/postgresql/*/bin/initdb"


def _bin_dir() -> Path:
    debian.install("postgresql", lambda: bool(glob.glob(INITDB)))
    return Path(sorted(glob.glob(INITDB))[-1]).parent


@dataclass
class PostgresServer:
    """A running server; `new_database()` returns a SQLAlchemy URL of an empty database."""

    admin_url: str
    stop_command: list[str] | None = None
    folder: str | None = None

    def new_database(self) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        base = self.admin_url.rsplit("/", 1)[0]
        return f"{base}/{name}".replace("postgresql://", "postgresql+psycopg://", 1)

    def stop(self) -> None:
        if self.stop_command:
            subprocess.run(self.stop_command, check=False, capture_output=True)
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)


def start() -> PostgresServer:
    """Use the configured server, or start a private one."""
    configured = os.environ.get("WEGWEISER_TEST_POSTGRES_URL")
    if configured:
        return PostgresServer(admin_url=configured)
    bin_dir = _bin_dir()
    folder = tempfile.mkdtemp(prefix="wegweiser-pg-")
    data = Path(folder) / "data"
    port = _free_port()
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root: run the cluster as the packaged user.
        shutil.chown(folder, "postgres", "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [
            *as_postgres,
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        [
            *as_postgres,
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(Path(folder) / "log"),
            "-w",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    admin_url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    deadline = time.monotonic() + 30
    while True:
        try:
            psycopg.connect(admin_url).close()
            break
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    stop = [*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]
    return PostgresServer(admin_url=admin_url, stop_command=stop, folder=folder)
