"""A real small file system (tmpfs) that a test fills to the last byte: a full disk as
the server or the app meets it, not a mocked error."""

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def small_disk(folder: Path, megabytes: int = 24) -> Iterator[Path]:
    """`folder` as a file system of its own of `megabytes` (needs root, as in CI)."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(folder)], check=True
    )
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> Path:
    """Write zeros until the disk is full; the file is returned for the test to delete."""
    filler = folder / "fueller"
    with filler.open("wb", buffering=0) as out:
        for size in (65536, 512, 1):  # the last blocks too
            try:
                while out.write(b"\0" * size):
                    pass
            except OSError:
                pass
    return filler
