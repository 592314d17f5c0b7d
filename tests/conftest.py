"""Shared fixtures: the demo dataset and fresh store files in a temporary folder."""

from pathlib import Path

import pytest

from app.store.database import Store, open_store
from wegweiser.dataset import Dataset, load_dataset

ROOT = Path(__file__).resolve().parents[1]
DEMO_DATASET = ROOT / "assets" / "demo" / "landkreis-harz.json"


@pytest.fixture(scope="session")
def demo_dataset() -> Dataset:
    return load_dataset(DEMO_DATASET)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = open_store(tmp_path / "wegweiser.sqlite")
    yield opened
    opened.close()
