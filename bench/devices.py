"""Simulated tablets for the load benchmarks: a device with its own HTTP client, its
requests as the app makes them (waiting out a 503 as asked), its first sync, and a watch
on /health from a process of its own while a scenario runs."""

import asyncio
import json
import random
import ssl
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.lean_http import LeanClient

KOMMUNE = "thale"
"""The Kommune every simulated device follows."""


@dataclass
class Tally:
    """Statuses and latencies of one scenario."""

    statuses: Counter[int] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)

    def add(self, status: int, seconds: float) -> None:
        self.statuses[status] += 1
        self.latencies.append(seconds * 1000)

    def percentiles(self) -> str:
        done = sorted(self.latencies)
        if not done:
            return "-"

        def at(share: float) -> float:
            return done[min(len(done) - 1, int(len(done) * share))]

        return f"p50 {statistics.median(done):.0f} ms, p95 {at(0.95):.0f} ms, p99 {at(0.99):.0f} ms"

    def errors(self) -> int:
        """Answers that are neither a success nor a 503 the device waits out."""
        return sum(n for status, n in self.statuses.items() if status >= 400 and status != 503)


@dataclass
class Device:
    url: str
    token: str = ""
    cursor: str = ""
    client: httpx.AsyncClient | LeanClient | None = None
    """Its own HTTP client for the scenario running (see `connected`)."""


TRANSPORT_ERRORS = (httpx.HTTPError, OSError, EOFError, asyncio.TimeoutError)
"""httpx's and the lean client's ways of saying no answer came."""


async def post(device: Device, path: str, body: Any, tally: Tally) -> dict[str, Any]:
    """POST as the app does: wait as a 503 asks (plus up to half again), then retry."""
    headers = {"Authorization": f"Bearer {device.token}"} if device.token else {}
    assert device.client is not None
    while True:
        began = time.perf_counter()
        try:
            response = await device.client.post(f"{device.url}{path}", json=body, headers=headers)
        except TRANSPORT_ERRORS:
            tally.add(599, time.perf_counter() - began)  # no answer at all
            await asyncio.sleep(1)
            continue
        tally.add(response.status_code, time.perf_counter() - began)
        if response.status_code == 503 and "retry-after" in response.headers:
            await asyncio.sleep(float(response.headers["retry-after"]) * random.uniform(1, 1.5))
            continue
        if response.status_code >= 400:
            return {}
        result: dict[str, Any] = response.json()
        return result


async def first_sync(device: Device, code: str, tally: Tally) -> None:
    enrolled = await post(device, "/enrol", {"code": code, "device_name": "Last"}, tally)
    device.token = enrolled.get("token", "")
    more = bool(device.token)
    while more:
        body = {"cursor": device.cursor, "kommunen": [KOMMUNE], "limit": 200}
        page = await post(device, "/sync/pull", body, tally)
        device.cursor, more = page.get("next_cursor", device.cursor), page.get("has_more", False)


@contextmanager
def health_watch(url: str, tally: Tally) -> Iterator[None]:
    """`/health` asked every 0.2 s by a process of its own (`bench/probe.py`) while the
    block runs; its answers go into `tally`."""
    probe = subprocess.Popen(
        [sys.executable, str(Path(__file__).parent / "probe.py"), url],
        stdout=subprocess.PIPE,
    )
    try:
        yield
    finally:
        probe.terminate()
        out, _ = probe.communicate(timeout=60)
        for status, seconds in json.loads(out):
            tally.add(status, seconds)


_TLS = ssl.create_default_context()
"""One TLS context for every simulated device: each would load the CA bundle again."""


@asynccontextmanager
async def connected(devices: list[Device], lean: bool = False) -> AsyncIterator[None]:
    """Each device with an HTTP client of its own, as each tablet has. (One client for
    hundreds of devices spends more CPU on its connection pool than the server spends
    answering.) `lean`: `bench.lean_http` instead of httpx, for the scenarios that measure
    how many answers a second the servers give."""
    for device in devices:
        device.client = LeanClient() if lean else httpx.AsyncClient(timeout=120, verify=_TLS)
    try:
        yield
    finally:
        for device in devices:
            if device.client is not None:
                await device.client.aclose()
            device.client = None
