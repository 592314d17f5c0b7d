"""What making one handout may cost: a CPU budget, and stopping when nobody waits.

A Kommune PDF costs up to seconds of CPU; a hostile or simply enormous sheet could cost
minutes, and a tablet that gave up (its guide left, its request timed out) would still
have it made. The document asks its budget at every block it sets; past the CPU time, or
once the asker is gone, making ends with an exception and nothing is kept.
"""

import threading
import time
from dataclasses import dataclass, field

CPU_SECONDS = 20.0
"""CPU time one handout may take, unless the settings say otherwise
(`WEGWEISER_HANDOUT_CPU_SECONDS`)."""


class TooCostly(Exception):
    """The handout took more CPU time than its budget."""


class NobodyWaits(Exception):
    """The asker went away before the handout was made."""


@dataclass
class Budget:
    """Asked by the document being made; `stop` is set by whoever sees the asker leave."""

    cpu_seconds: float = CPU_SECONDS
    stop: threading.Event = field(default_factory=threading.Event)
    _started: float | None = None

    def check(self) -> None:
        """Raise when the budget is spent or nobody waits any more. The CPU time is the
        making thread's own, counted from its first check."""
        if self.stop.is_set():
            raise NobodyWaits
        now = time.thread_time()
        if self._started is None:
            self._started = now
        elif now - self._started > self.cpu_seconds:
            raise TooCostly
