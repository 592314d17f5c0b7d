"""pgbouncer from Debian's packages in front of the tests' PostgreSQL, in transaction mode.

Installs `pgbouncer` with apt when it is missing (CI runs as root) and runs it as the
`postgres` user (it refuses root) on a free port of 127.0.0.1, with a pool of
`server_connections` per database: fewer than the clients, so that transactions of one
client connection run on different server connections, as in a deployment.
"""

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from tests.support import debian
from tests.support.postgres import PostgresServer
from tests.support.server import free_port

PGBOUNCER = Path("/usr/sbin/pgbouncer")


def _installed() -> Path:
    debian.install("pgbouncer", PGBOUNCER.exists, service="pgbouncer")
    return PGBOUNCER


@contextmanager
def pooling(postgres: PostgresServer, server_connections: int = 2) -> Iterator[str]:
    """A pgbouncer for every database of `postgres`; yields a URL template without the
    database name ("postgresql+psycopg://postgres@127.0.0.1:PORT/")."""
    binary = _installed()
    target = make_url(postgres.admin_url)
    folder = Path(tempfile.mkdtemp(prefix="wegweiser-pgbouncer-"))
    port = free_port()
    (folder / "users.txt").write_text('"postgres" ""\n', encoding="utf-8")
    (folder / "pgbouncer.ini").write_text(
        "[databases]\n"
        f"* = host={target.host} port={target.port}\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
        f"auth_type = trust\nauth_file = {folder / 'users.txt'}\n"
        f"pool_mode = transaction\ndefault_pool_size = {server_connections}\n"
        "max_client_conn = 200\nserver_reset_query =\n"
        f"logfile = {folder / 'log'}\npidfile = {folder / 'pid'}\n",
        encoding="utf-8",
    )
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    process = subprocess.Popen(
        [*as_postgres, str(binary), str(folder / "pgbouncer.ini")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_up(f"postgresql://postgres@127.0.0.1:{port}/postgres", process)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            psycopg.connect(url, prepare_threshold=None).close()
            return
        except psycopg.OperationalError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)
