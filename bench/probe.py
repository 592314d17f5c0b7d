"""`/health` of URL asked every 0.2 s from a process of its own until SIGTERM; then each
answer's status and seconds as JSON on stdout.

The load benchmark's simulated devices share one event loop in its own process; a probe
in that loop measured the loop's lag (seconds, with a thousand devices) as the server's.
Run: python bench/probe.py http://127.0.0.1:8765
"""

import json
import signal
import sys
import time
from types import FrameType

import httpx


def main(url: str) -> None:
    stopped = False

    def stop(_signal: int, _frame: FrameType | None) -> None:
        nonlocal stopped
        stopped = True

    signal.signal(signal.SIGTERM, stop)
    answers: list[tuple[int, float]] = []
    with httpx.Client(timeout=30) as client:
        while not stopped:
            began = time.perf_counter()
            try:
                status = client.get(f"{url}/health").status_code
            except httpx.HTTPError:
                status = 599
            answers.append((status, time.perf_counter() - began))
            time.sleep(0.2)
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
