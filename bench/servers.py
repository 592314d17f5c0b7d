"""Real servers for the benchmarks: `python -m sync_server serve` processes on one
database (SQLite file or PostgreSQL), with the example data and extra records."""

import dataclasses
import os
import random
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine
from sqlmodel import Session

from sync_server import changes, enrolment
from sync_server.db import init_db, make_engine
from wegweiser.dataset import Dataset
from wegweiser.model import ContactPoint, InfoSheet, Offer, SyncedRecord, new_id
from wegweiser.protocol import Role

ROOT = Path(__file__).resolve().parents[1]


def contact_points(dataset: Dataset, count: int, kommune: str) -> list[ContactPoint]:
    """`count` copies of the example's contact points in one Kommune, each its own."""
    rng = random.Random(3)
    return [
        rng.choice(dataset.contact_points).model_copy(
            update={"id": new_id(), "kommune_keys": [kommune], "name": f"Anlaufstelle {i}"}
        )
        for i in range(count)
    ]


def _on_core(core: int) -> Callable[[], None]:
    """Run in the child before the server starts: every thread it makes inherits it."""
    return lambda: os.sched_setaffinity(0, {core})


@dataclass
class Running:
    """Server processes answering on `urls`, and their database."""

    urls: list[str]
    engine: Engine
    processes: list[subprocess.Popen[bytes]]

    @property
    def url(self) -> str:
        return self.urls[0]

    def cpu_seconds(self) -> float:
        """CPU time the server processes have used so far (user and system)."""
        ticks = os.sysconf("SC_CLK_TCK")
        used = 0
        for child in self.processes:
            with open(f"/proc/{child.pid}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
            used += int(fields[11]) + int(fields[12])  # utime, stime
        return used / ticks

    def enrolment_code(self, role: Role, name: str) -> str:
        with Session(self.engine) as session:
            return enrolment.create_code(session, role, name, None).code

    def enrolment_codes(self, role: Role, count: int) -> list[str]:
        with Session(self.engine) as session:
            return [
                enrolment.create_code(session, role, f"Gerät {i}", None).code for i in range(count)
            ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str) -> None:
    """Until `url` answers 200 (a server process starting), at most 30 s."""
    for _ in range(300):
        try:
            if httpx.get(url).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)


@contextmanager
def running_server(
    folder: Path,
    dataset: Dataset,
    extra: Sequence[SyncedRecord],
    processes: int = 1,
    database_url: str | None = None,
    pinned: bool = False,
    **settings: Any,
) -> Iterator[Running]:
    """Load the data with `extra` records, start `processes` servers on it, stop them
    afterwards. `pinned`: each process with all its threads on one core of its own (the
    first on core 0, the second on core 1), as `CPUAffinity=` in docs/deployment.md.

    Every simulated device talks from 127.0.0.1, so the limits per network address are
    lifted; the limits per device stay as deployed.
    """
    settings = {
        "pushes_per_address_minute": 1_000_000,
        "enrolments_per_address_minute": 1_000_000,
        **settings,
    }
    folder.mkdir(parents=True, exist_ok=True)
    url = database_url or f"sqlite:///{folder / 'server.sqlite'}"
    engine = make_engine(url)
    init_db(engine)
    grown = dataclasses.replace(
        dataset,
        contact_points=[
            *dataset.contact_points,
            *(r for r in extra if isinstance(r, ContactPoint)),
        ],
        offers=[*dataset.offers, *(r for r in extra if isinstance(r, Offer))],
        sheets=[*dataset.sheets, *(r for r in extra if isinstance(r, InfoSheet))],
    )
    with Session(engine) as session:
        changes.load_dataset(session, grown)
        session.commit()
    children: list[subprocess.Popen[bytes]] = []
    urls: list[str] = []
    for n in range(processes):
        port = free_port()
        env = dict(
            os.environ,
            WEGWEISER_DATABASE_URL=url,
            # One data folder for all: handouts and first syncs' pages are shared.
            WEGWEISER_SERVER_DATA_DIR=str(folder),
            WEGWEISER_PORT=str(port),
            PYTHONPATH=str(ROOT),
            **{f"WEGWEISER_{name.upper()}": str(value) for name, value in settings.items()},
        )
        children.append(
            subprocess.Popen(
                [sys.executable, "-m", "sync_server", "serve"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                preexec_fn=_on_core(n % (os.cpu_count() or 1)) if pinned else None,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for base in urls:
            wait_for(f"{base}/health")
        yield Running(urls, engine, children)
    finally:
        for child in children:
            child.terminate()
        for child in children:
            child.wait(timeout=15)
        engine.dispose()
