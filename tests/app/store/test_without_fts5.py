"""Search on a platform whose SQLite has no FTS5: detected at start, never taken for a
damaged store, and as good as with FTS5.

The checks run in child processes that load a real SQLite built without FTS5
(`tests.support.sqlite_builds`).
"""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.store import content
from app.store.database import Store, open_store
from tests.support.sqlite_builds import ROOT, without_fts5_env
from wegweiser.search import index as search_index
from wegweiser.search.engine import search

pytestmark = pytest.mark.slow


def run_without_fts5(code: str, *args: str) -> str:
    """Run Python `code` in a process whose SQLite lacks FTS5; returns what it printed."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env=without_fts5_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_platform_is_detected_as_lacking_fts5() -> None:
    printed = run_without_fts5(
        """
        import json, sqlite3
        from wegweiser.search import fts5_index
        print(json.dumps([sqlite3.sqlite_version, fts5_index.available()]))
        """
    )
    version, available = json.loads(printed)
    assert version == "3.54.1"  # the build without FTS5, not the system's SQLite
    assert available is False


def test_every_search_test_passes_with_the_plain_index_on_sqlite_without_fts5() -> None:
    printed = run_without_fts5(
        """
        import sys, pytest
        sys.exit(pytest.main(["-q", "-p", "no:randomly", "-p", "no:cacheprovider",
                              "-k", "plain", "tests/app/store/search"]))
        """
    )
    passed = [line for line in printed.splitlines() if " passed" in line]
    assert passed and "failed" not in passed[-1] and "error" not in passed[-1], printed[-2000:]
    assert int(passed[-1].split()[0]) >= 50, passed[-1]


def test_a_store_made_with_fts5_opens_without_it_and_back(tmp_path: Path, demo_dataset) -> None:
    path = tmp_path / "wegweiser.sqlite"
    store = open_store(path)
    content.import_dataset(store, demo_dataset)
    store.close()

    printed = run_without_fts5(
        """
        import json, sys
        from pathlib import Path
        from app.store import content
        from wegweiser.search import index as search_index
        from app.store.database import Store, open_store
        from wegweiser.search.engine import search
        from wegweiser.model import Offer

        store = open_store(Path(sys.argv[1]))  # neither damaged nor refused
        offer = Offer(title="Zauberwortladen Thale", kommune_key="thale", description="Neu.")
        with store.session() as session:
            content.write_records(session, [offer])
        with store.session() as session:
            connection = Store.raw(session)
            found = search(connection, "Jobcentr Halberstadt")
            print(json.dumps({
                "kind": search_index.kind_of(connection),
                "correction": found.correction,
                "first": found.hits[0].title,
                "new": [hit.title for hit in search(connection, "Zauberwortladen").hits],
            }))
        """,
        str(path),
    )
    assert json.loads(printed) == {
        "kind": "plain",
        "correction": "jobcenter",
        "first": "Jobcenter Landkreis Harz – Standort Halberstadt",
        "new": ["Zauberwortladen Thale"],
    }

    # Back on a platform with FTS5, the FTS5 index is built again, with what was added.
    store = open_store(path)
    with store.session() as session:
        connection = Store.raw(session)
        assert search_index.kind_of(connection) == "fts5"
        hits = search(connection, "Zauberwortladen").hits
        assert [hit.title for hit in hits] == ["Zauberwortladen Thale"]
    store.close()
