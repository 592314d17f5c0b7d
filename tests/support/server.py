"""The real sync server on 127.0.0.1 (in a thread, or in a process of its own), and
devices that talk to it over HTTP."""

import contextlib
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import httpx
import psycopg
import pytest
import uvicorn
from sqlalchemy import URL, Engine, make_url
from sqlmodel import Session

from sync_server import changes, cli, enrolment
from sync_server.app import create_app
from sync_server.db import init_db, make_engine
from sync_server.settings import Settings
from tests.conftest import ROOT
from tests.support import local_http
from tests.support.uvicorn_thread import ThreadServer
from wegweiser.dataset import Dataset
from wegweiser.protocol import Role


def server_env(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["WEGWEISER_SERVER_DATA_DIR"] = str(data_dir)
    env.pop("WEGWEISER_DATABASE_URL", None)
    if database_url:
        env["WEGWEISER_DATABASE_URL"] = database_url
    env["PYTHONPATH"] = str(ROOT)
    return env


def cli_in_process(
    data_dir: Path, *args: str, database_url: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m sync_server …` run in this process, with its environment and output:
    the same code path as `run_cli` without starting an interpreter."""
    out, err = io.StringIO(), io.StringIO()
    with (
        mock.patch.dict(os.environ, server_env(data_dir, database_url), clear=True),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = cli.main(list(args))
    return subprocess.CompletedProcess(["sync_server", *args], code, out.getvalue(), err.getvalue())


def run_cli(
    data_dir: Path, *args: str, database_url: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sync_server", *args],
        cwd=ROOT,
        env=server_env(data_dir, database_url),
        capture_output=True,
        text=True,
        timeout=120,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Device:
    """An enrolled device as the tests see it: a token and an httpx client."""

    url: str
    token: str
    account_id: str
    device_id: str
    role: Role
    cursor: str = ""
    records: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    last_page: dict[str, Any] = field(default_factory=dict)

    def client(self) -> httpx.Client:
        return local_http.client(
            base_url=self.url, headers={"Authorization": f"Bearer {self.token}"}, timeout=30
        )

    def post(self, path: str, body: Any) -> httpx.Response:
        with self.client() as client:
            return client.post(path, json=body)

    def get(self, path: str) -> httpx.Response:
        with self.client() as client:
            return client.get(path)

    def pull_all(self, kommunen: list[str], limit: int = 200) -> int:
        """Pull until nothing more follows; returns the number of round trips."""
        trips = 0
        while True:
            response = self.post(
                "/sync/pull", {"cursor": self.cursor, "kommunen": kommunen, "limit": limit}
            )
            assert response.status_code == 200, response.text
            page = response.json()
            self.last_page = page
            trips += 1
            for change in page["changes"]:
                key = (change["entity"], change["id"])
                if change["deleted"]:
                    self.records.pop(key, None)
                else:
                    self.records[key] = change["data"]
            self.cursor = page["next_cursor"]
            if not page["has_more"]:
                return trips

    def push(self, *mutations: dict[str, Any]) -> list[dict[str, Any]]:
        response = self.post("/sync/push", {"mutations": list(mutations)})
        assert response.status_code == 200, response.text
        return response.json()["results"]


@dataclass
class Server:
    """A running server and direct access to its database.

    It runs as uvicorn in a thread of the test process (real sockets and HTTP, started in
    milliseconds), or - where the process boundary is the point, e.g. a SIGKILL in the
    middle of a push - as `python -m sync_server serve` in a process of its own.
    """

    port: int
    url: str
    engine: Engine
    database_url: str
    process: subprocess.Popen[bytes] | None = None
    thread: threading.Thread | None = None
    in_thread: ThreadServer | None = None
    data_dir: Path | None = None

    def enrol(
        self, role: Role = Role.LOTSE, name: str = "Test", account_id: str | None = None
    ) -> Device:
        with Session(self.engine) as session:
            code = enrolment.create_code(
                session, role, None if account_id else name, account_id
            ).code
        response = local_http.post(
            f"{self.url}/enrol", json={"code": code, "device_name": f"Tablet {name}"}
        )
        assert response.status_code == 200, response.text
        body = response.json()
        return Device(self.url, body["token"], body["account_id"], body["device_id"], role)

    @property
    def running(self) -> bool:
        if self.process is not None:
            return self.process.poll() is None
        return self.thread is not None and self.thread.is_alive()

    def stop(self) -> None:
        """Shut down; from now on connections to its port are refused."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=15)
        elif self.in_thread is not None and self.thread is not None:
            self.in_thread.stop()
            self.thread.join(timeout=15)
            app: Any = self.in_thread.config.app
            app.state.engine.dispose()
            app.state.probe_engine.dispose()

    def kill(self) -> None:
        """SIGKILL: the process dies at once, in the middle of whatever it does."""
        assert self.process is not None, "start_server(..., process=True) to kill"
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


_templates: dict[tuple[str, int], tuple[Dataset, str]] = {}
"""Prepared databases to copy: (kind of database, id of the dataset) -> (dataset, where)."""


def prepare_database(database_url: str, dataset: Dataset) -> Engine:
    """The schema and `dataset`, as `load-demo` writes them, in the (empty) database.

    Loading a dataset through the change log takes seconds; the first database prepared
    of each kind is kept as a template that later tests copy in milliseconds (a file copy
    for SQLite, CREATE DATABASE … TEMPLATE for PostgreSQL).
    """
    url = make_url(database_url)
    sqlite = url.get_backend_name() == "sqlite"
    kind = "sqlite" if sqlite else url.set(database="").render_as_string(hide_password=False)
    key = (kind, id(dataset))
    if key not in _templates:
        _templates[key] = (dataset, _new_template(url, dataset))
    template = _templates[key][1]
    if sqlite:
        shutil.copyfile(template, str(url.database))
    else:
        with _admin(url) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{url.database}"')
            admin.execute(f'CREATE DATABASE "{url.database}" TEMPLATE "{template}"')
    return make_engine(database_url)


def _new_template(url: URL, dataset: Dataset) -> str:
    if url.get_backend_name() == "sqlite":
        where = str(Path(tempfile.mkdtemp(prefix="wegweiser-template-")) / "server.sqlite")
        template_url = url.set(database=where)
    else:
        where = f"template_{uuid.uuid4().hex[:12]}"
        with _admin(url) as admin:
            admin.execute(f'CREATE DATABASE "{where}"')
        template_url = url.set(database=where)
    engine = make_engine(template_url.render_as_string(hide_password=False))
    init_db(engine)
    with Session(engine) as session:
        changes.load_dataset(session, dataset)
        session.commit()
    engine.dispose()  # a template must have no open connections when it is copied
    return where


def _admin(url: URL) -> psycopg.Connection[Any]:
    admin = url.set(drivername="postgresql", database="postgres")
    return psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True)


GENEROUS_LIMITS = {
    "enrolments_per_address_minute": 100_000,
    "pushes_per_minute": 100_000,
    "pushes_per_address_minute": 100_000,
    "reports_per_hour": 100_000,
    "max_pending_reports": 100_000,
}
"""Tests enrol dozens of devices and push thousands of changes from 127.0.0.1 within
seconds; the rate limits' own tests (tests/sync_server/test_rate_limits.py) pass the
defaults or tighter ones."""


def start_server(
    database_url: str,
    data_dir: Path,
    port: int | None = None,
    process: bool = False,
    **settings: Any,
) -> Server:
    """Start the server (on `port`, or a free one) and wait until `/health` answers.

    In a thread by default; `process=True` runs `python -m sync_server serve`.
    `settings` are fields of `Settings` (`working=1`), passed as `WEGWEISER_*` variables
    to a process.
    """
    settings = GENEROUS_LIMITS | settings
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    engine = make_engine(database_url)
    if process:
        env = server_env(data_dir, database_url) | {"WEGWEISER_PORT": str(port)}
        env |= {f"WEGWEISER_{name.upper()}": str(value) for name, value in settings.items()}
        child = subprocess.Popen(
            [sys.executable, "-m", "sync_server", "serve"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        server = Server(port, url, engine, database_url, process=child, data_dir=data_dir)
    else:
        config = uvicorn.Config(
            create_app(
                Settings(database_url=database_url, port=port, data_dir=data_dir, **settings)
            ),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            lifespan="off",
            timeout_graceful_shutdown=2,
        )
        running = ThreadServer(config)
        thread = threading.Thread(target=running.run, name=f"server-{port}", daemon=True)
        thread.start()
        server = Server(
            port, url, engine, database_url, thread=thread, in_thread=running, data_dir=data_dir
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if not server.running:
            pytest.fail("server ended at start")
        try:
            if local_http.get(f"{url}/health", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.01)  # a thread listens within milliseconds
    server.stop()
    pytest.fail("server did not start")


@contextmanager
def serving(
    tmp_path: Path, dataset: Dataset, process: bool = False, **settings: Any
) -> Iterator[Server]:
    """A server on a fresh SQLite database with `dataset`; stopped afterwards (a test
    may already have stopped it to take the devices offline)."""
    url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    prepare_database(url, dataset).dispose()
    server = start_server(url, tmp_path, process=process, **settings)
    try:
        yield server
    finally:
        if server.running:
            server.stop()
        server.engine.dispose()
