"""The real sync server in a subprocess on 127.0.0.1, and devices that talk to it."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy import URL, Engine, make_url
from sqlmodel import Session

from sync_server import changes, enrolment
from sync_server.db import init_db, make_engine
from tests.conftest import ROOT
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


def run_cli(data_dir: Path, *args: str, database_url: str | None = None):  # type: ignore[no-untyped-def]
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
        return httpx.Client(
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
    """A running server process and direct access to its database."""

    port: int
    url: str
    engine: Engine
    process: subprocess.Popen[bytes]
    env: dict[str, str]

    def enrol(
        self, role: Role = Role.LOTSE, name: str = "Test", account_id: str | None = None
    ) -> Device:
        with Session(self.engine) as session:
            code = enrolment.create_code(
                session, role, None if account_id else name, account_id
            ).code
        response = httpx.post(
            f"{self.url}/enrol", json={"code": code, "device_name": f"Tablet {name}"}
        )
        assert response.status_code == 200, response.text
        body = response.json()
        return Device(self.url, body["token"], body["account_id"], body["device_id"], role)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=15)


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


def start_server(
    database_url: str, data_dir: Path, port: int | None = None, **settings: str
) -> Server:
    """Start `serve` (on `port`, or a free one) and wait until `/health` answers."""
    port = port or free_port()
    env = server_env(data_dir, database_url) | {"WEGWEISER_PORT": str(port)} | settings
    process = subprocess.Popen(
        [sys.executable, "-m", "sync_server", "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("server process ended at start")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("server did not start")
    return Server(port=port, url=url, engine=make_engine(database_url), process=process, env=env)


@contextmanager
def serving(tmp_path: Path, dataset: Dataset) -> Iterator[Server]:
    """A server on a fresh SQLite database with `dataset`; stopped afterwards (a test
    may already have stopped it to take the devices offline)."""
    url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    prepare_database(url, dataset).dispose()
    server = start_server(url, tmp_path)
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.stop()
        server.engine.dispose()
