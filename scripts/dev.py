#!/usr/bin/env python3
"""Set everything up and run the product, the tests or the benchmarks.

    python3 scripts/dev.py run      # server with demo data + the app in web mode
    python3 scripts/dev.py test     # lint, type check and the whole test suite
    python3 scripts/dev.py quick    # the inner loop: no browser, no PostgreSQL, no slow tests
    python3 scripts/dev.py nightly  # the whole suite with 400 property examples instead of 15
    python3 scripts/dev.py fuzz     # the server fuzzed against its OpenAPI, 400 examples a route
    python3 scripts/dev.py bench    # benchmarks, figures printed
    python3 scripts/dev.py lock     # resolve the dependencies anew into locks/*.txt

Needs nothing but Python (3.11 to 3.13): creates `.venv`, installs the project into it with
the versions of locks/dev.txt (again only when pyproject.toml or the lock changed) and
installs Debian's chromium for the browser tests when it is missing and we are root.
"""

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import venv
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
STAMP = VENV / ".installed-pyproject-sha256"
RETRIES = ROOT / "build" / "retries.jsonl"
"""Second tries inside the last test run: written by tests/support/retries.py."""
LOCKS = ROOT / "locks"
DEV_LOCK = LOCKS / "dev.txt"
"""Every package of the server, the app in web mode and the tests, pinned: what
`.venv` and CI install (`python3 scripts/dev.py lock` writes it anew)."""
TABLET_LOCK = LOCKS / "tablet.txt"
"""The packages the tablet app itself needs (the project without extras), pinned with
the same versions as in the dev lock."""
SERVER_PORT = int(os.environ.get("WEGWEISER_PORT", "8765"))
APP_PORT = int(os.environ.get("WEGWEISER_APP_PORT", "8550"))


def sh(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True, env=env)


def ensure_venv() -> None:
    """Create .venv and install the project with all extras when needed."""
    if not (3, 11) <= sys.version_info[:2] <= (3, 13):
        sys.exit(f"Python 3.11 bis 3.13 wird benötigt, gefunden: {sys.version.split()[0]}")
    if not PYTHON.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + DEV_LOCK.read_bytes()
    ).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    sh(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    # The lock as constraints: the same versions on every machine, CI included.
    sh(PYTHON, "-m", "pip", "install", "--quiet", "-c", DEV_LOCK, "-e", f"{ROOT}[dev]")
    STAMP.write_text(digest)


def run() -> None:
    """Server (embedded SQLite, demo data) plus the app in web mode, until Ctrl-C."""
    ensure_venv()
    env = dict(os.environ)
    env.setdefault("WEGWEISER_SERVER_DATA_DIR", str(ROOT / "data" / "server"))
    env.setdefault("WEGWEISER_DATA_DIR", str(ROOT / "data" / "app"))
    env["WEGWEISER_PORT"] = str(SERVER_PORT)
    sh(PYTHON, "-m", "sync_server", "load-demo", env=env)
    enrolled = subprocess.run(
        [PYTHON, "-m", "sync_server", "enrol", "--name", "Demo-Lotsin", "--role", "lotse"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    code = enrolled.stdout.split("Anmeldecode:", 1)[1].split()[0]
    # The app's first start offers the local server and this code, prefilled.
    env["WEGWEISER_DEFAULT_SERVER"] = f"http://127.0.0.1:{SERVER_PORT}"
    env["WEGWEISER_DEMO_CODE"] = code
    # Ctrl+C, `kill` or a background job's SIGINT (which a shell starts ignored): each
    # stops both; so does either of them ending.
    stopping: list[int] = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda number, _frame: stopping.append(number))
    server = subprocess.Popen([PYTHON, "-m", "sync_server", "serve"], cwd=ROOT, env=env)
    app = subprocess.Popen([PYTHON, "-m", "app", "--port", str(APP_PORT)], cwd=ROOT, env=env)
    time.sleep(2)
    print(
        f"\nWegweiser Harz läuft.\n  App:    http://127.0.0.1:{APP_PORT}/\n"
        f"  Server: http://127.0.0.1:{SERVER_PORT}/health\n"
        f"  Anmeldecode für ein Gerät (Lotsin): {code}\nBeenden mit Strg+C.\n",
        flush=True,
    )
    try:
        while server.poll() is None and app.poll() is None and not stopping:
            time.sleep(0.2)
    finally:
        # SIGTERM, not SIGINT: started in the background, the children ignore SIGINT too.
        for process in (app, server):
            if process.poll() is None:
                process.terminate()
        for process in (app, server):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def test(markers: str = "", profile: str = "default") -> None:
    """ruff, mypy and pytest; exits non-zero when one of them failed.

    mypy runs beside the tests without a browser (one core for 16 s in a fresh clone,
    where the tests leave some idle); its report follows theirs. Extra arguments go to
    one plain pytest run. Otherwise everything but the browser tests runs on three
    workers that take over each other's queue when idle (pytest-xdist's worksteal): a
    third fills the time the others wait on a subprocess or PostgreSQL (4:16 against 4:44
    on two cores; a fourth gained nothing). Then the browser tests, two at a time: beside
    other work the software renderer falls behind (three at once took 4:18 against 4:09,
    with a tenth more CPU). `markers` narrows the first part and leaves the browser tests
    out (the inner loop).
    """
    ensure_venv()
    bin_dir = VENV / "bin"
    sh(bin_dir / "ruff", "check", ".")
    sh(bin_dir / "ruff", "format", "--check", ".")
    env = dict(os.environ, HYPOTHESIS_PROFILE=profile)
    # The tests start a server or app process a hundred times: without bytecode caches
    # each start compiles the project's modules anew (0.4 s of CPU each).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    pytest = (PYTHON, "-m", "pytest")
    if sys.argv[2:]:
        with beside(bin_dir / "mypy"):
            sh(*pytest, *sys.argv[2:], env=env)
        return
    selection = f"({markers}) and not e2e" if markers else "not e2e"
    RETRIES.unlink(missing_ok=True)
    try:
        with beside(bin_dir / "mypy"):
            sh(*pytest, "-n", "3", "--dist", "worksteal", "-m", selection, env=env)
        if not markers:
            browser_tests(pytest, env)
    finally:
        print_retries()


@contextlib.contextmanager
def beside(*command: str | Path) -> Iterator[None]:
    """Run `command` while the block runs; print its output after the block and fail
    when it failed (also when the block failed: both reports are printed)."""
    args = [str(a) for a in command]
    print("+", " ".join(args), "(neben den Tests)", flush=True)
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(args, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
        try:
            yield
        finally:
            returncode = process.wait()
            output.seek(0)
            print(output.read().decode(errors="replace"), end="", flush=True)
        if returncode:
            raise subprocess.CalledProcessError(returncode, args)


def browser_tests(pytest: tuple[str | Path, ...], env: dict[str, str]) -> None:
    """The browser tests, two at a time: a test that fails fails the suite.

    There is no second run of a failed test. What the tests themselves try twice (a tap
    the renderer dropped, a stalled page opened again) is written to build/retries.jsonl
    and printed after the run, so a flake is seen, not silenced.
    """
    sh(*pytest, "-n", "2", "-m", "e2e", env=env)


def print_retries() -> None:
    """Every second try of this run (tests/support/retries.py), and their number."""
    lines = RETRIES.read_text(encoding="utf-8").splitlines() if RETRIES.exists() else []
    entries = [json.loads(line) for line in lines if line.strip()]
    print(f"\nWiederholungen in diesem Lauf: {len(entries)}")
    for entry in entries:
        print(f"  {entry['test']}: {entry['step']}")
    print(flush=True)


def quick() -> None:
    """The inner loop: everything but the browser, PostgreSQL and slow tests."""
    test("not postgres and not slow", profile="quick")


def nightly() -> None:
    """The whole suite with many more property-based examples."""
    test(profile="nightly")


def fuzz() -> None:
    """The server against its own OpenAPI description, 400 examples per route and mode
    instead of 15 (a few minutes)."""
    ensure_venv()
    env = dict(os.environ, HYPOTHESIS_PROFILE="nightly")
    sh(PYTHON, "-m", "pytest", "-s", "tests/sync_server/test_fuzz.py", env=env)


def bench() -> None:
    """Run the benchmarks in bench/ and print their figures."""
    ensure_venv()
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        sh(PYTHON, script)


def lock() -> None:
    """Resolve the dependencies anew, newest versions the project allows, and write
    locks/tablet.txt and locks/dev.txt. Run it to update them; then the test command
    installs and tests exactly that, and the two files go into one commit."""
    with tempfile.TemporaryDirectory() as folder:
        tablet, dev = Path(folder) / "tablet", Path(folder) / "dev"
        for target in (tablet, dev):
            venv.EnvBuilder(with_pip=True).create(target)
            sh(target / "bin" / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        sh(tablet / "bin" / "python", "-m", "pip", "install", "--quiet", ROOT)
        _freeze(tablet, TABLET_LOCK, "The tablet app's packages")
        # The app's versions bind the rest: the tablet runs what the tests test.
        pip = (dev / "bin" / "python", "-m", "pip", "install", "--quiet")
        sh(*pip, "-c", TABLET_LOCK, f"{ROOT}[dev]")
        _freeze(dev, DEV_LOCK, "Server, web app and tests")


def _freeze(environment: Path, lock_file: Path, what: str) -> None:
    frozen = subprocess.run(
        [environment / "bin" / "python", "-m", "pip", "freeze", "--exclude", "wegweiser-harz"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pins = sorted((line for line in frozen.splitlines() if "==" in line), key=str.lower)
    lock_file.parent.mkdir(exist_ok=True)
    header = f"# {what}, pinned. Written by `python3 scripts/dev.py lock`; do not edit.\n"
    lock_file.write_text(header + "\n".join(pins) + "\n")
    print(f"{lock_file.relative_to(ROOT)}: {len(pins)} Pakete", flush=True)


def main() -> None:
    commands = {
        "lock": lock,
        "run": run,
        "test": test,
        "quick": quick,
        "nightly": nightly,
        "fuzz": fuzz,
        "bench": bench,
    }
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(f"Aufruf: python3 scripts/dev.py {{{','.join(commands)}}}")
    try:
        commands[sys.argv[1]]()
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)


if __name__ == "__main__":
    main()
