"""Node.js packages the benchmarks measure against (PouchDB, MiniSearch), installed by the
benchmark itself from a locked `package.json` in bench/ into build/ (`npm ci`, once)."""

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def install(name: str, marker: str) -> Path:
    """build/NAME with the packages locked in bench/NAME, unless `marker` (a package
    name under node_modules) is there already."""
    folder = ROOT / "build" / name
    if not (folder / "node_modules" / marker).exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm fehlt; bitte Node.js mit npm installieren.")
        folder.mkdir(parents=True, exist_ok=True)
        for file in ("package.json", "package-lock.json"):
            shutil.copy(ROOT / "bench" / name / file, folder / file)
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=folder, check=True)
    return folder
