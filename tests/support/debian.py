"""Debian packages the tests and benchmarks run for real (PostgreSQL, pgbouncer, nginx),
installed with apt where missing: CI runs as root on a fresh machine."""

import os
import subprocess


def install(package: str, service: str | None = None) -> None:
    """`apt-get install package`; `service`: the system-wide one the package starts,
    stopped again (the tests start their own)."""
    if os.geteuid() != 0:
        raise RuntimeError(f"{package} fehlt; bitte 'apt-get install {package}' ausführen.")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", package],
        check=True,
        env=env,
    )
    if service is not None:
        subprocess.run(["service", service, "stop"], check=False, capture_output=True)
