"""How many handouts one device may have made at once: a PDF costs up to seconds of
CPU, and one guide's token with 10 parallel requests made other devices wait 5 s while
a fifth of them got 503. Beyond its turns a device gets 429 with Retry-After (its app
fetches kept handouts one after another and never meets it)."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sync_server.rate_limits import too_many

PER_DEVICE = 2
RETRY_AFTER = 5


class Turns:
    """Handouts at work, per device, in this server process."""

    def __init__(self, per_device: int = PER_DEVICE) -> None:
        self.per_device = per_device
        self._at_work: dict[str, int] = {}
        self._lock = threading.Lock()

    @contextmanager
    def turn(self, device_id: str) -> Iterator[None]:
        """Hold one of the device's turns while a handout is made; raises the 429
        problem when it has none left."""
        with self._lock:
            held = self._at_work.get(device_id, 0)
            if held >= self.per_device:
                raise too_many(
                    RETRY_AFTER,
                    f"Höchstens {self.per_device} Handouts gleichzeitig pro Gerät. Bitte "
                    f"in {RETRY_AFTER} Sekunden erneut versuchen.",
                )
            self._at_work[device_id] = held + 1
        try:
            yield
        finally:
            with self._lock:
                left = self._at_work.pop(device_id) - 1
                if left:
                    self._at_work[device_id] = left
