"""Cold start of the app: what a guide waits for between tapping the icon and the first
screen (issue 28).

- Import CPU: `import app.main` in a fresh interpreter (the interpreter's own start
  apart), several runs, and which of the app's heavy parts it loaded.
- First frame in web mode: `python -m app` started as a process on a tablet's store that
  holds the synced Harz data; a client connects over Flet's websocket as the browser does
  and waits for the frame that holds the search screen. Wall time from process start,
  and the process's CPU and memory at that moment, for a guide's and the office's device.
- Memory per screen: the same process after each of the screens was opened.

Prints its figures and writes them to `docs/benchmarks.md` (`bench/report.py`).
Run: python3 scripts/dev.py bench   (or .venv/bin/python bench/bench_start.py)
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import msgpack
from websockets.sync.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlmodel import select  # noqa: E402

from app.store.database import open_store  # noqa: E402
from app.sync import enrolment as device_enrolment  # noqa: E402
from app.sync.engine import SyncEngine  # noqa: E402
from bench.report import Report  # noqa: E402
from bench.servers import running_server  # noqa: E402
from wegweiser.dataset import load_dataset  # noqa: E402
from wegweiser.model import ContactPoint  # noqa: E402
from wegweiser.protocol import Role  # noqa: E402

RUNS = 7
REPORT = Report("bench_start")
REGISTER_CLIENT, CONTROL_EVENT, UPDATE_CONTROL_PROPS = 1, 3, 4
"""Flet's wire actions (flet.messaging.protocol.MessageAction), not imported: the
benchmark's own process must not load Flet's controls into what it measures."""
OPENING = "Wird geöffnet".encode()
"""On the opening frame (`app.views.app`), drawn before the store is opened."""
SEARCH_HINT = b"Stelle, Thema oder Angebot"
"""On the search screen only: the frame that holds it is the first screen."""
HEAVY = {
    "httpx": "the sync client",
    "segno": "QR codes",
    "app.views.editor": "the editor",
    "app.views.people": "people and devices",
    "app.views.review": "the review queue",
    "app.services.tables": "spreadsheets",
    "app.views.screens.office": "the office's screens",
}
"""Parts a guide's first screen does not show."""
SCREENS = ["/record/contact_point/", "/handouts", "/settings", "/sync", "/review", "/review/people"]
"""Opened one after another for memory per screen (the record gets its id)."""

IMPORT_PROBE = f"""
import json, sys, time
before = time.process_time()
import app.main
after = time.process_time()
print(json.dumps({{"start": before, "import": after - before,
    "loaded": [m for m in {sorted(HEAVY)!r} if m in sys.modules]}}))
"""


def import_figures() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    runs = []
    for _ in range(RUNS):
        done = subprocess.run(
            [sys.executable, "-c", IMPORT_PROBE],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(done.stdout))
    imports = sorted(run["import"] * 1000 for run in runs)
    start = statistics.median(run["start"] * 1000 for run in runs)
    loaded = ", ".join(HEAVY[name] for name in runs[-1]["loaded"]) or "none"
    REPORT.line(
        f"import app.main, {RUNS} fresh interpreters: CPU median "
        f"{statistics.median(imports):.0f} ms "
        f"(min {imports[0]:.0f}, max {imports[-1]:.0f}); the interpreter's own start "
        f"{start:.0f} ms before it; loaded of what the first screen does not show: {loaded}"
    )


def tablet(folder: Path, server_url: str, code: str, kommune: str = "halberstadt") -> Path:
    """A tablet's data folder, enrolled and synced."""
    store = open_store(folder / "wegweiser.sqlite")
    device_enrolment.enrol(store, server_url, code, "Tablet", [kommune])
    engine = SyncEngine(store)
    engine.sync()
    engine.close()
    store.close()
    return folder


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cpu_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@contextmanager
def app_process(data_dir: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    port = _free_port()
    env = dict(os.environ, WEGWEISER_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process, port
    finally:
        process.terminate()
        process.wait(timeout=15)


def _send(socket_: ClientConnection, action: int, body: dict[str, object]) -> None:
    socket_.send(b"\x00" + msgpack.packb([action, body]))


def _open_socket(port: int) -> ClientConnection:
    deadline = time.monotonic() + 60
    while True:
        try:
            return connect(f"ws://127.0.0.1:{port}/ws", max_size=None, open_timeout=5)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _wait_for(socket_: ClientConnection, marker: bytes, timeout: float = 60) -> int | None:
    """Read frames until one holds `marker`; the page's id from the register answer."""
    page_id = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frame = socket_.recv(timeout=timeout)
        assert isinstance(frame, bytes)
        action, body = msgpack.unpackb(frame[1:], strict_map_key=False)
        if action == REGISTER_CLIENT:
            page_id = body["page_patch"].get("_i") if isinstance(body["page_patch"], dict) else None
        if marker in frame:
            return page_id
    raise TimeoutError(marker)


@dataclass
class Start:
    """One start of the app process, until its search screen was served."""

    first_s: float
    """Process start to the first frame (the opening frame)."""
    first_cpu_ms: float
    wall_s: float
    """Process start to the search screen."""
    cpu_ms: float
    rss_mb: float
    screens_mb: list[float]


def one_start(data_dir: Path, screens: list[str]) -> Start:
    """Start `python -m app`, connect as a browser, wait for the search screen; then open
    each of `screens` and note the process's memory after each."""
    started = time.perf_counter()
    with app_process(data_dir) as (process, port), _open_socket(port) as socket_:
        page = {"route": "/", "width": 1280, "height": 800, "web": True}
        _send(socket_, REGISTER_CLIENT, {"session_id": "", "page_name": "", "page": page})
        page_id = _wait_for(socket_, OPENING)
        first, first_cpu = time.perf_counter() - started, _cpu_ms(process.pid)
        _wait_for(socket_, SEARCH_HINT)
        wall = time.perf_counter() - started
        cpu, rss = _cpu_ms(process.pid), _rss_mb(process.pid)
        after: list[float] = []
        for route in screens:
            _send(socket_, UPDATE_CONTROL_PROPS, {"id": page_id, "props": {"route": route}})
            _send(
                socket_,
                CONTROL_EVENT,
                {"target": page_id, "name": "route_change", "data": {"route": route}},
            )
            drawn = _drain(socket_)
            assert drawn > 1000, f"{route} was not drawn"
            after.append(_rss_mb(process.pid))
    return Start(first, first_cpu, wall, cpu, rss, after)


def _drain(socket_: ClientConnection, quiet: float = 1.0) -> int:
    """Read until the app has sent nothing for `quiet` seconds (the screen is drawn);
    the bytes it sent."""
    received = 0
    while True:
        try:
            received += len(socket_.recv(timeout=quiet))
        except TimeoutError:
            return received


def start_figures(folder: Path) -> None:
    dataset = load_dataset(ROOT / "assets/demo/landkreis-harz.json")
    with running_server(folder / "server", dataset, []) as server:
        guide = tablet(folder / "guide", server.url, server.enrolment_code(Role.LOTSE, "G"))
        office = tablet(
            folder / "office", server.url, server.enrolment_code(Role.KOORDINATION, "K")
        )
        record = _a_contact_point(guide)
    for name, data_dir in (("guide", guide), ("office", office)):
        starts = [one_start(data_dir, []) for _ in range(RUNS)]
        firsts = sorted(s.first_s for s in starts)
        walls = sorted(s.wall_s for s in starts)
        cpus = sorted(s.cpu_ms for s in starts)
        REPORT.line(
            f"{name}'s tablet, process start to the first frame served, {RUNS} starts: "
            f"wall median {statistics.median(firsts):.2f} s (max {firsts[-1]:.2f}), process "
            f"CPU median {statistics.median(s.first_cpu_ms for s in starts):.0f} ms"
        )
        REPORT.line(
            f"{name}'s tablet, process start to the search screen served, {RUNS} starts: "
            f"wall median {statistics.median(walls):.2f} s (max {walls[-1]:.2f}), "
            f"process CPU median {statistics.median(cpus):.0f} ms, memory then "
            f"{statistics.median(s.rss_mb for s in starts):.0f} MB"
        )
    screens = [route + record if route.endswith("/") else route for route in SCREENS]
    for name, data_dir in (("guide", guide), ("office", office)):
        shown = screens if name == "office" else [s for s in screens if "/review" not in s]
        start = one_start(data_dir, shown)
        steps = ", ".join(
            f"{_short(route)} {mb:.0f}" for route, mb in zip(shown, start.screens_mb, strict=True)
        )
        REPORT.line(f"{name}'s memory (MB): search {start.rss_mb:.0f}, then {steps}")


def _short(route: str) -> str:
    return "a record" if route.startswith("/record/") else route


def _a_contact_point(data_dir: Path) -> str:
    store = open_store(data_dir / "wegweiser.sqlite")
    try:
        with store.session() as session:
            found = session.exec(select(ContactPoint.id).limit(1)).first()
    finally:
        store.close()
    assert found is not None
    return found


def main() -> None:
    import_figures()
    with tempfile.TemporaryDirectory() as folder:
        start_figures(Path(folder))
    REPORT.write()


if __name__ == "__main__":
    main()
