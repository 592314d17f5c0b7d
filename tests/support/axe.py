"""axe-core, the accessibility rules run in the browser (WCAG 2.1 A and AA), from the npm
registry into build/npm once; then injected into a page and run there."""

import shutil
import subprocess
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from tests.support.locks import one_at_a_time

AXE_CORE = "axe-core@4.14.1"
FOLDER = Path(__file__).resolve().parents[2] / "build" / "npm"
SCRIPT = FOLDER / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}


def axe_script() -> Path:
    """The path of axe.min.js, installed with npm when it is not there yet (by one
    worker: a second `npm install` beside it replaces the folder the first one reads)."""
    with one_at_a_time("npm"):
        if not SCRIPT.exists():
            npm = shutil.which("npm")
            if npm is None:
                raise RuntimeError("npm fehlt; bitte Node.js mit npm installieren.")
            FOLDER.mkdir(parents=True, exist_ok=True)
            command = [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix"]
            subprocess.run([*command, str(FOLDER), AXE_CORE], check=True, capture_output=True)
    return SCRIPT


def serious_violations(page: Page) -> list[str]:
    """What axe finds on `page` against WCAG 2.1 A and AA that is serious or critical:
    rule, impact and the first elements it names."""
    page.add_script_tag(path=str(axe_script()))
    found: dict[str, Any] = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag',"
        " values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in found["violations"]
        if v["impact"] in SERIOUS
    ]
