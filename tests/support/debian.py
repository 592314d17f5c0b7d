"""Debian packages the tests and benchmarks run for real (PostgreSQL, pgbouncer, nginx),
installed with apt where missing: CI runs as root on a fresh machine."""

import os
import subprocess
from collections.abc import Callable

from tests.support.locks import one_at_a_time


def install(
    package: str,
    present: Callable[[], bool],
    service: str | None = None,
    recommends: bool = False,
) -> None:
    """`apt-get install package` unless `present()` says it is there, one process at a
    time (asked again once this one holds the lock: another worker may have installed it
    meanwhile). `service`: the system-wide one the package starts, stopped again (the
    tests start their own)."""
    if present():
        return
    if os.geteuid() != 0:
        raise RuntimeError(f"{package} fehlt; bitte 'apt-get install {package}' ausführen.")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    with one_at_a_time("apt"):
        if present():
            return
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        chosen = [] if recommends else ["--no-install-recommends"]
        subprocess.run(["apt-get", "install", "-y", "-qq", *chosen, package], check=True, env=env)
    if service is not None:
        subprocess.run(["service", service, "stop"], check=False, capture_output=True)
