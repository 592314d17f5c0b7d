"""Public pages kept as rendered, by ETag: a page is made once per state of the data
(and address, language and what else it shows), then served from memory until something
is published. Bounded: the least recently asked go first."""

import threading
from collections import OrderedDict


class PageCache:
    """Rendered pages by their ETag, at most `entries` of them."""

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self._pages: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, tag: str) -> bytes | None:
        with self._lock:
            page = self._pages.get(tag)
            if page is not None:
                self._pages.move_to_end(tag)
            return page

    def put(self, tag: str, page: bytes) -> None:
        if self.entries == 0:
            return
        with self._lock:
            self._pages[tag] = page
            self._pages.move_to_end(tag)
            while len(self._pages) > self.entries:
                self._pages.popitem(last=False)

    def __len__(self) -> int:
        return len(self._pages)
