"""Shared fixtures (the demo dataset, fresh store files), markers and Hypothesis profiles.

Markers (registered in pyproject.toml): `e2e` for the browser tests (every test under
tests/e2e gets it), `postgres` for runs on PostgreSQL, `slow` for long scenarios. The
inner loop leaves those out: `python3 scripts/dev.py quick`.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from app.store.database import Store, open_store
from wegweiser.dataset import Dataset, load_dataset

ROOT = Path(__file__).resolve().parents[1]
DEMO_DATASET = ROOT / "assets" / "demo" / "landkreis-harz.json"

# Derandomized, so that a run fails or passes the same way every time; the nightly run
# explores new examples.
settings.register_profile("default", max_examples=15, derandomize=True, deadline=None)
settings.register_profile("quick", max_examples=10, derandomize=True, deadline=None)
settings.register_profile("nightly", max_examples=400, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    e2e = ROOT / "tests" / "e2e"
    for item in items:
        if e2e in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def demo_dataset() -> Dataset:
    return load_dataset(DEMO_DATASET)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "wegweiser.sqlite")
    yield opened
    opened.close()
