"""One test process at a time: test workers that install the same thing at once (apt,
npm) would fail on each other's half-done work."""

import fcntl
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def one_at_a_time(name: str) -> Iterator[None]:
    """Hold the machine-wide lock `name` (a file in the temp folder) inside the block."""
    with open(Path(tempfile.gettempdir()) / f"wegweiser-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
