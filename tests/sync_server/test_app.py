"""What a start of the server or one of its commands costs: the PDF library (fpdf2 and
fontTools, a quarter of a second to import) comes with the first handout, not before."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _loaded_after(script: str) -> set[str]:
    probe = f"{script}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_a_server_start_loads_no_pdf_library(tmp_path: Path) -> None:
    started = _loaded_after(
        "from sync_server.app import create_app\n"
        "from sync_server.settings import Settings\n"
        "import sync_server.cli\n"
        f"create_app(Settings(database_url='sqlite:///{tmp_path}/s.sqlite', data_dir='{tmp_path}'))"
    )
    assert "sync_server.routes.handouts" in started  # the routes are there …
    assert not {"fpdf", "fontTools", "sync_server.handouts.document"} & started  # … not fpdf2


def test_the_first_handout_loads_it() -> None:
    made = _loaded_after(
        "from sync_server.self_service.letter import letter_pdf\n"
        "from datetime import date, datetime\n"
        "from wegweiser.model import ContactPoint\n"
        "data = letter_pdf(None, ContactPoint(name='Tafel Thale'), 'https://example.org/x',"
        " datetime(2027, 1, 1), date(2026, 12, 6))\n"
        "assert data.startswith(b'%PDF')"
    )
    assert {"fpdf", "sync_server.handouts.document"} <= made
