"""The app in an in-process Flet session (`tests.support.flet_session`), on a fresh store;
and a guide's device with the example data for the screens built on their own (`services`),
with helpers that read what it holds."""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pytest
from sqlmodel import col, select

from app.main import main
from app.services.content import ContentService
from app.services.personal import PersonalService
from app.services.sync import SyncService
from app.store.database import open_store
from app.store.paths import DATA_DIR_ENV
from app.sync import outbox
from app.sync import state as sync_state
from app.sync.engine import SyncEngine
from tests.support.flet_session import AppSession
from wegweiser.model import SyncedRecord


@pytest.fixture
def tab(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppSession]:
    """A browser tab's session of the app, at its first start."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "tablet"))
    session = AppSession(main)
    yield session
    session.close()


R = TypeVar("R", bound=SyncedRecord)
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)

PRIVACY = "Bitte keine Namen, Adressen oder Gesundheitsdaten der begleiteten Personen eintragen."


Services = tuple[ContentService, PersonalService, SyncService]


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    """A lotse's device with the example data, not connected (nothing leaves the file)."""
    store = open_store(tmp_path / "wegweiser.sqlite")
    content = ContentService(store)
    content.ensure_content()
    with store.session() as session:
        sync_state.save(session, sync_state.SyncState(role="lotse", account_name="Lotsin"))
    yield content, PersonalService(store), SyncService(store, SyncEngine(store))
    store.close()


def first(content: ContentService, cls: type[R]) -> R:
    with content.store.session() as session:
        found = session.exec(select(cls).order_by(col(cls.id))).first()
    assert found is not None
    return found


def content_list(content: ContentService, cls: type[R]) -> list[R]:
    with content.store.session() as session:
        return list(session.exec(select(cls).order_by(col(cls.id))))


def queued(personal: PersonalService) -> list[dict[str, object]]:
    with personal.store.session() as session:
        return [entry.mutation.fields for entry in outbox.pending(session)]
