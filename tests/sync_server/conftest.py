"""Server fixtures: a real server with the example data, in a thread of the test process.

The database is prepared in-process (schema and example data, as `load-demo` does, copied
from a template); tests talk HTTP with httpx like a device. Tests where the database
itself matters (ordering, locking, JSON and text types) carry `ON_BOTH_DATABASES` and run
on SQLite and on PostgreSQL; the PostgreSQL runs are marked `postgres`.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import postgres
from tests.support.server import (  # noqa: F401 - re-exported for the tests here
    Device,
    Server,
    free_port,
    prepare_database,
    run_cli,
    server_env,
    start_server,
)
from wegweiser.dataset import Dataset

ON_BOTH_DATABASES = pytest.mark.parametrize(
    "database_url",
    ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
    indirect=True,
)
"""Run a test that takes `server` (or `database_url`) on SQLite and on PostgreSQL."""


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[postgres.PostgresServer]:
    server = postgres.start()
    yield server
    server.stop()


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: SQLite unless the test asks for both (`ON_BOTH_DATABASES`)."""
    if getattr(request, "param", "sqlite") == "sqlite":
        return f"sqlite:///{tmp_path / 'server.sqlite'}"
    return request.getfixturevalue("postgres_server").new_database()


@pytest.fixture
def server(database_url: str, tmp_path: Path, demo_dataset: Dataset) -> Iterator[Server]:
    """A server with the example data, on the test's database."""
    prepare_database(database_url, demo_dataset).dispose()
    running = start_server(database_url, tmp_path)
    yield running
    running.stop()
    running.engine.dispose()


@pytest.fixture
def running_server(tmp_path: Path) -> Iterator[str]:
    """An empty server on SQLite; yields its URL."""
    running = start_server(f"sqlite:///{tmp_path / 'server.sqlite'}", tmp_path)
    yield running.url
    running.stop()
