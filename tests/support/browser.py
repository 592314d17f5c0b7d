"""Headless Chromium from Debian for the browser tests (no browser download).

Installs the `chromium` package with apt when it is missing and we are root (CI).
"""

import contextlib
import os
import shutil
import signal
import threading

from tests.support import debian

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-unsafe-swiftshader",
    # Two pages of one test must both keep drawing: no throttling of the one behind.
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]


def ensure_chromium() -> str:
    """The path of a usable Chromium, installing Debian's package if needed."""
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    if shutil.which("apt-get") is None:
        raise RuntimeError("Chromium fehlt; bitte 'apt-get install chromium' ausführen.")
    debian.install("chromium", lambda: os.path.exists(CHROMIUM), recommends=True)
    return CHROMIUM


def chromium_processes() -> list[int]:
    """The Chromium processes this test process started (through Playwright's driver)."""
    parents: dict[int, int] = {}
    commands: dict[int, bytes] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                # The command name in brackets may hold spaces: the parent follows its end.
                parents[int(entry)] = int(stat.read().rsplit(b")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                commands[int(entry)] = cmdline.read()
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
    ours = {os.getpid()}
    grew = True
    while grew:
        descendants = {pid for pid, parent in parents.items() if parent in ours} - ours
        grew = bool(descendants)
        ours |= descendants
    return [pid for pid in ours if b"chromium" in commands.get(pid, b"").split(b"\0")[0]]


class Watchdog:
    """Kills this test's Chromium when the test outlives `seconds`.

    A renderer that hangs (seen once in CI: a browser test waited more than an hour) keeps
    a key press or a script Playwright sent waiting for ever, as those have no timeout of
    their own. Killed, the browser ends every such wait with an error: the test fails and
    says why, and the suite goes on instead of running into CI's time limit.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.fired = False
        self._timer = threading.Timer(seconds, self._kill)
        self._timer.daemon = True

    def __enter__(self) -> "Watchdog":
        self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._timer.cancel()

    def _kill(self) -> None:
        self.fired = True
        kill_chromium()


def kill_chromium() -> None:
    """Ends every Chromium this test process started, at once."""
    for pid in chromium_processes():
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
