"""The app's root (`app.views.app`): the first frame is drawn before the store is opened,
and a start loads only what it shows (issue 28; `bench/bench_start.py` measures it)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import flet as ft

from tests.conftest import ROOT
from tests.support.flet_session import AppSession

READS_THE_STORE = ["sqlmodel", "sqlalchemy", "httpx", "app.store.database", "app.views.state"]
"""What opening the store and drawing its screens need: none of it before the first frame."""
OFFICE = [
    "app.views.screens.office",
    "app.views.screens.reviewing",
    "app.views.screens.editing",
    "app.views.editor",
    "app.views.people",
    "app.views.review",
    "app.services.review",
    "app.services.tables",
    "app.services.people",
]
"""The office's screens and services: a guide's tablet never loads them (the fields of
`app.services.editing` also make the guide's "Änderung melden" form)."""


def _loaded_after(script: str, data_dir: Path) -> set[str]:
    """The app's and its libraries' modules loaded in a fresh interpreter after `script`."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), WEGWEISER_DATA_DIR=str(data_dir))
    probe = f"{script}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_the_apps_entry_point_loads_nothing_that_reads_the_store(tmp_path: Path) -> None:
    loaded = _loaded_after("import app.main", tmp_path)
    assert "flet" in loaded
    assert loaded.isdisjoint(READS_THE_STORE), sorted(loaded & set(READS_THE_STORE))


def test_the_first_frame_is_drawn_before_the_store_is_opened(tab: AppSession) -> None:
    shown = [m for m in tab.client.sent if b"Wird ge" in m or b"Beispieldaten" in m]
    assert "Wird geöffnet …".encode() in shown[0]
    assert b"Beispieldaten ohne Server ansehen" not in shown[0]
    # Then the first start, which the opened (empty) store calls for.
    assert not tab.opening()
    assert "Beispieldaten ohne Server ansehen" in [
        c.content for c in tab.controls() if isinstance(c, ft.OutlinedButton)
    ]


GUIDES_DAY = """
from app.main import main
from tests.support.flet_session import AppSession
import flet as ft

tab = AppSession(main)
tab.click("Beispieldaten ohne Server ansehen")
tab.type("Suchen", "Jobcenter Halberstadt")
hit = next(t for t in tab.texts() if t.startswith("Jobcenter Landkreis Harz"))
tab.click(hit, ft.ListTile)
assert tab.route.startswith("/record/contact_point/"), tab.route
tab.click("Für Neuankommende zeigen")
assert tab.route.endswith("/show"), tab.route
for route in ("/handouts", "/reports", "/settings", "/sync"):
    tab.go(route)
    assert tab.route == route
tab.close()
"""


def test_a_guides_day_never_loads_the_offices_screens(tmp_path: Path) -> None:
    loaded = _loaded_after(GUIDES_DAY, tmp_path)
    assert "app.views.screens.sharing" in loaded  # the newcomer card was shown
    assert loaded.isdisjoint(OFFICE), sorted(loaded & set(OFFICE))
