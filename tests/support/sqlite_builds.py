"""A real SQLite without FTS5, as some Android Python builds ship it.

Python's `sqlite3` module links SQLite dynamically here, so a process started with
`without_fts5_env()` loads this build instead of Debian's. The source is SQLite's
amalgamation as the npm package `better-sqlite3` ships it (no other registry we reach
carries it); it is compiled once, without `SQLITE_ENABLE_FTS5`, into `build/`.
"""

import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from tests.support import debian

ROOT = Path(__file__).resolve().parents[2]
SOURCE_PACKAGE = "better-sqlite3@13.2.0"  # SQLite 3.54.1
BUILD = ROOT / "build" / "sqlite-without-fts5"
LIBRARY = BUILD / "libsqlite3.so.0"


def without_fts5_env() -> dict[str, str]:
    """The environment of a process whose `sqlite3` has no FTS5 (built on first use)."""
    if not LIBRARY.exists():
        _build()
    return dict(os.environ, LD_LIBRARY_PATH=str(BUILD))


def _build() -> None:
    _install("gcc", "gcc")
    _install("npm", "npm")
    BUILD.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        subprocess.run(
            ["npm", "pack", "--silent", SOURCE_PACKAGE], cwd=work, check=True, capture_output=True
        )
        (archive,) = work.glob("better-sqlite3-*.tgz")
        with tarfile.open(archive) as packed:
            member = packed.getmember("package/deps/sqlite3/sqlite3.c")
            source = packed.extractfile(member)
            assert source is not None
            (work / "sqlite3.c").write_bytes(source.read())
        built = work / "libsqlite3.so.0"
        # -O0: compiling takes 4 s instead of 15, and speed is not what this is for.
        flags = ["-O0", "-shared", "-fPIC", "-DSQLITE_THREADSAFE=1", "-lpthread", "-lm"]
        subprocess.run(["gcc", str(work / "sqlite3.c"), *flags, "-o", str(built)], check=True)
        # Two test workers may build at once: the one that finishes last wins, whole.
        partial = BUILD / f"libsqlite3.so.0.{os.getpid()}"
        shutil.copyfile(built, partial)
        os.replace(partial, LIBRARY)


def _install(command: str, package: str) -> None:
    debian.install(package, lambda: shutil.which(command) is not None)
