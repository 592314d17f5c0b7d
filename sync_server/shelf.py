"""Documents once made, by what they show (a tag naming the state of the data): the last
few in this process's memory, more on disk up to a size. The disk copy is shared by every
server process that sees the folder, and a restart keeps it, so a document is made once
a state of the data, not once a process. A state no longer shown is never asked for
again and is the first to go when room is needed. Handouts (PDFs) and the pages of first
syncs are kept so.
"""

import contextlib
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from sync_server.settings import Settings

IN_MEMORY = 64
"""Documents kept in memory (a Kommune PDF is up to a few hundred kB)."""


class Shelf:
    """Made documents by state tag; `folder` None keeps them in memory only."""

    def __init__(
        self,
        folder: Path | None,
        max_bytes: int,
        in_memory: int = IN_MEMORY,
        suffix: str = ".pdf",
    ) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self.in_memory = in_memory
        self.suffix = suffix
        self._on_disk: int | None = None
        """Bytes on disk as this process last counted them plus what it wrote since."""
        self._memory: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)

    @classmethod
    def of_handouts(cls, settings: Settings) -> "Shelf":
        """Handouts: `<data folder>/handouts`, `handout_cache_mb`."""
        megabytes = settings.handout_cache_mb
        return cls(settings.data_dir / "handouts" if megabytes else None, megabytes * 1_000_000)

    @classmethod
    def of_first_syncs(cls, settings: Settings) -> "Shelf | None":
        """First syncs' pages, compressed: `<data folder>/first-syncs`, `first_sync_cache_mb`
        (a page of 500 contact points is about 30 kB); None: every page is made."""
        megabytes = settings.first_sync_cache_mb
        if not megabytes:
            return None
        folder = settings.data_dir / "first-syncs"
        return cls(folder, megabytes * 1_000_000, in_memory=512, suffix=".json.gz")

    def get_or_make(self, tag: str, make: Callable[[], bytes]) -> bytes:
        """The document of `tag`, made by `make` only when no copy is kept."""
        found = self._recall(tag)
        if found is None:
            found = self._read(tag)
            if found is None:
                found = make()
                self._write(tag, found)
            self._remember(tag, found)
        return found

    def holds(self, tag: str) -> bool:
        """Whether the document of `tag` is kept (in memory or on disk)."""
        with self._lock:
            if tag in self._memory:
                return True
        return self.folder is not None and self._path(tag).exists()

    def _recall(self, tag: str) -> bytes | None:
        with self._lock:
            if tag in self._memory:
                self._memory.move_to_end(tag)
                return self._memory[tag]
        return None

    def _remember(self, tag: str, data: bytes) -> None:
        with self._lock:
            self._memory[tag] = data
            while len(self._memory) > self.in_memory:
                self._memory.popitem(last=False)

    def _path(self, tag: str) -> Path:
        assert self.folder is not None
        # A tag is a (quoted) hex digest: nothing else may reach a file name.
        name = "".join(c for c in tag if c in "0123456789abcdef")
        return self.folder / f"{name}{self.suffix}"

    def _read(self, tag: str) -> bytes | None:
        if self.folder is None:
            return None
        path = self._path(tag)
        try:
            data = path.read_bytes()
            os.utime(path)  # recently used: the last to be dropped
        except OSError:
            return None
        return data

    def _write(self, tag: str, data: bytes) -> None:
        """Written whole under a temporary name, then renamed: another process reads the
        old state or the new one, never half a file. A full disk only costs the copy."""
        if self.folder is None or len(data) > self.max_bytes:
            return
        with contextlib.suppress(OSError):
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(data)
                os.replace(temporary, self._path(tag))
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)
            # Counted, not listed, at each write: thousands of kept pages made every
            # write read the whole folder. Other processes' writes show at the next trim.
            with self._lock:
                first = self._on_disk is None
                self._on_disk = (self._on_disk or 0) + len(data)
                full = self._on_disk > self.max_bytes
            if first or full:
                self._trim()

    def _trim(self) -> None:
        """Drop the longest unused copies until the shelf fits `max_bytes`."""
        assert self.folder is not None
        copies = []
        for path in self.folder.glob(f"*{self.suffix}"):
            with contextlib.suppress(FileNotFoundError):
                stat = path.stat()
                copies.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in copies)
        for _, size, path in sorted(copies):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            total -= size
        with self._lock:
            self._on_disk = total
