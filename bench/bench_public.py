"""The open Wegweiser under readers, on 2 cores: a real server process on 127.0.0.1 with
the example data grown to 25,000 records, readers simulated with asyncio and httpx in
this process (which shares the two cores with the server).

For SQLite and PostgreSQL:
- what a page weighs: its HTML as sent compressed, and the stylesheet;
- 100 readers at once for a few seconds over the pages of every type, from the render
  cache and (a second server without it) rendered each time: pages/s, p50/p95; asking
  without pause, and rendered each time also as readers who read a page for 1 or 2 s;
- the search page with 20 searchers at once over the words guides type (p50/p95);
- meanwhile `/health` every 0.2 s and ten tablets' "nothing new" pulls: answered?
Run: python3 scripts/dev.py bench   (or .venv/bin/python bench/bench_public.py [--quick])
"""

import asyncio
import gzip
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
from sqlmodel import Session, col, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_search import WORDS, grown  # noqa: E402
from bench.lean_http import LeanClient  # noqa: E402
from bench.report import Report  # noqa: E402
from bench.servers import Running, running_server  # noqa: E402
from wegweiser.dataset import Dataset, load_dataset  # noqa: E402
from wegweiser.model import ContactPoint, InfoSheet, Offer, SyncedRecord  # noqa: E402
from wegweiser.protocol import Role  # noqa: E402

REPORT = Report("bench_public")
READERS = 100
SECONDS = 6.0
READING = (2.0, 1.0)
"""Seconds a reader spends on a page on average, in the scenarios with readers who read:
a visitor reading a sheet takes far longer; these are readers clicking through lists."""
READ_SECONDS = 12.0
UNLIMITED: dict[str, Any] = {"pages_per_address_minute": 1_000_000}
GZIP = {"Accept-Encoding": "gzip"}


def page_addresses(server: Running) -> list[str]:
    """Pages of every type in German and Arabic, in Halberstadt and beyond."""
    with Session(server.engine) as session:
        contacts = session.exec(select(ContactPoint.id).limit(40)).all()
        offers = session.exec(select(Offer.id).limit(20)).all()
        sheets = session.exec(
            select(InfoSheet.id).where(col(InfoSheet.translation_of).is_(None)).limit(40)
        ).all()
    paths = []
    for language in ("de", "ar"):
        root = f"/wegweiser/{language}"
        paths += [f"{root}/", f"{root}/publikationen"]
        for kommune in ("halberstadt", "thale", "wernigerode", "ditfurt"):
            paths += [
                f"{root}/kommunen/{kommune}",
                f"{root}/kommunen/{kommune}/themen/gesundheit",
                f"{root}/kommunen/{kommune}/netzwerk",
            ]
        paths += [f"{root}/anlaufstellen/{c}" for c in contacts]
        paths += [f"{root}/angebote/{o}" for o in offers]
        paths += [f"{root}/blaetter/{s}" for s in sheets]
    return paths


def weights(server: Running, paths: list[str]) -> None:
    heaviest: tuple[int, int, str] = (0, 0, "")
    with httpx.Client(base_url=server.url, headers=GZIP) as client:
        for path in paths:
            answer = client.get(path)
            assert answer.status_code == 200, (path, answer.status_code)
            sent = len(gzip.compress(answer.content))
            if answer.headers.get("content-encoding") == "gzip":
                sent = int(answer.headers.get("content-length", sent))
            heaviest = max(heaviest, (sent, len(answer.content), path))
        css = client.get("/wegweiser/static/wegweiser.css")
    sent, raw, path = heaviest
    REPORT.line(
        f"  heaviest page: {sent / 1024:.1f} KB compressed ({raw / 1024:.1f} KB HTML), {path}"
    )
    REPORT.line(f"  stylesheet: {len(css.content) / 1024:.1f} KB; no script, no font, no image")


async def readers(
    url: str, paths: list[str], count: int, seconds: float, sync_token: str, pause: float
) -> tuple[list[float], Counter[int], list[float], Counter[int], list[float]]:
    """`count` readers asking for random pages for `seconds`, each reading a page for
    `pause` seconds on average before the next (0: without pause); beside them /health
    every 0.2 s and ten "nothing new" pulls in a loop. Latencies in ms."""
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    health: list[float] = []
    pulls: list[float] = []
    pull_statuses: Counter[int] = Counter()
    end = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=count + 20, max_keepalive_connections=count + 20)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:

        async def read(rng: random.Random) -> None:
            # A plain keep-alive HTTP/1.1 connection per reader, as a browser keeps one:
            # httpx's pool of 100 connections in one process measured itself (about 80
            # requests a second, against /health too), not the server.
            client = LeanClient(timeout=60)
            if pause:  # visitors come one by one, not all in the same millisecond
                await asyncio.sleep(rng.expovariate(1 / pause))
            while time.perf_counter() < end:
                started = time.perf_counter()
                answer = await client.get(url + rng.choice(paths), GZIP)
                latencies.append((time.perf_counter() - started) * 1000)
                statuses[answer.status_code] += 1
                if pause:
                    # Readings of random length: together the readers' asks arrive as
                    # visitors' do, unevenly, now several at once and now none.
                    await asyncio.sleep(rng.expovariate(1 / pause))
            await client.aclose()

        async def watch() -> None:
            while time.perf_counter() < end:
                started = time.perf_counter()
                await client.get("/health")
                health.append((time.perf_counter() - started) * 1000)
                await asyncio.sleep(0.2)

        async def sync() -> None:
            body = {"cursor": "", "kommunen": ["halberstadt"], "limit": 1}
            headers = {"Authorization": f"Bearer {sync_token}"}
            while time.perf_counter() < end:
                started = time.perf_counter()
                answer = await client.post("/sync/pull", json=body, headers=headers)
                pulls.append((time.perf_counter() - started) * 1000)
                pull_statuses[answer.status_code] += 1
                await asyncio.sleep(0.5)

        await asyncio.gather(
            *(read(random.Random(n)) for n in range(count)),
            watch(),
            *(sync() for _ in range(10)),
        )
    return latencies, statuses, health, pull_statuses, pulls


def percentiles(values: list[float]) -> str:
    done = sorted(values)
    if not done:
        return "-"
    p50 = done[len(done) // 2]
    p95 = done[max(0, int(len(done) * 0.95) - 1)]
    return f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {done[-1]:.0f} ms"


def under_readers(
    server: Running,
    paths: list[str],
    label: str,
    seconds: float,
    count: int = READERS,
    pause: float = 0,
) -> None:
    token = tablet_token(server)
    latencies, statuses, health, pull_statuses, pulls = asyncio.run(
        readers(server.url, paths, count, seconds, token, pause)
    )
    reading = f" reading {pause:.0f} s a page on average" if pause else ""
    REPORT.line(
        f"  {label}, {count} readers{reading}: {len(latencies) / seconds:.0f} pages/s,"
        f" {percentiles(latencies)}; {dict(statuses)}"
    )
    REPORT.line(
        f"    beside them: /health {percentiles(health)};"
        f" tablets' pulls {dict(pull_statuses)} {percentiles(pulls)}"
    )


def tablet_token(server: Running) -> str:
    code = server.enrolment_code(Role.LOTSE, "Tablet")
    answer = httpx.post(
        f"{server.url}/enrol",
        json={"code": code, "device_name": "Tablet"},
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"])


async def searchers(url: str, queries: list[str], count: int, turn: int) -> list[float]:
    latencies: list[float] = []
    queue = list(queries)
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:

        async def search() -> None:
            while queue:
                query = queue.pop()
                # The other half with a Kommune on the next turn: never a kept page.
                kommune = "halberstadt" if (len(queue) + turn) % 2 else ""
                started = time.perf_counter()
                answer = await client.get(
                    "/wegweiser/de/suche", params={"q": query, "kommune": kommune}
                )
                assert answer.status_code == 200
                latencies.append((time.perf_counter() - started) * 1000)

        await asyncio.gather(*(search() for _ in range(count)))
    return latencies


def searching(server: Running) -> None:
    started = time.perf_counter()
    httpx.get(f"{server.url}/wegweiser/de/suche", params={"q": "Jobcenter"}, timeout=300)
    REPORT.line(f"  search index of the published made in {time.perf_counter() - started:.1f} s")
    typed = [word[:length] for word in WORDS for length in range(3, len(word) + 1)]
    for turn, count in enumerate((1, 20)):
        latencies = asyncio.run(searchers(server.url, typed, count, turn))
        done = percentiles(latencies)
        REPORT.line(f"  search page, {count} searcher(s), {len(latencies)} queries: {done}")


def run(
    name: str, folder: Path, dataset: Dataset, extra: list[SyncedRecord], database_url: str | None
) -> None:
    REPORT.line(f"{name}, {len(list(dataset.records())) + len(extra)} records:")
    with running_server(
        folder / "cached", dataset, extra, database_url=database_url, **UNLIMITED
    ) as server:
        paths = page_addresses(server)
        weights(server, paths)
        for path in paths:  # every page once into the render cache
            httpx.get(server.url + path)
        under_readers(server, paths, "from the render cache", SECONDS)
        searching(server)
    with running_server(
        folder / "uncached",
        dataset,
        extra,
        database_url=database_url,
        page_cache_entries=0,
        **UNLIMITED,
    ) as server:
        paths = page_addresses(server)
        under_readers(server, paths, "rendered each time", SECONDS)
        under_readers(server, paths, "rendered each time", SECONDS, count=10)
        for pause in READING:
            under_readers(server, paths, "rendered each time", READ_SECONDS, pause=pause)


def main() -> None:
    quick = "--quick" in sys.argv
    dataset = load_dataset(ROOT / "assets/demo/landkreis-harz.json")
    extra = grown(dataset, 2_000 if quick else 25_000, random.Random(7))
    with tempfile.TemporaryDirectory() as folder:
        REPORT.line("the open Wegweiser on 2 cores (readers simulated in this process)")
        run("SQLite", Path(folder) / "sqlite", dataset, extra, None)
        if quick:
            return
        from tests.support import postgres

        cluster = postgres.start()
        try:
            run("PostgreSQL", Path(folder) / "pg", dataset, extra, cluster.new_database())
        finally:
            cluster.stop()
    REPORT.write()


if __name__ == "__main__":
    main()
