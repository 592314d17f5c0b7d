"""The app in an in-process Flet session (`tests.support.flet_session`), on a fresh store."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.main import main
from app.store.paths import DATA_DIR_ENV
from tests.support.flet_session import AppSession


@pytest.fixture
def tab(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppSession]:
    """A browser tab's session of the app, at its first start."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "tablet"))
    session = AppSession(main)
    yield session
    session.close()
