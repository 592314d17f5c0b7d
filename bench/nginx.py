"""Debian's nginx in front of the benchmark's server processes, on 127.0.0.1, set up as
docs/deployment.md sets up the reverse proxy (without TLS): one upstream of every
process, kept-alive connections to them, the client's address passed on."""

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.support import debian
from tests.support.server import free_port

NGINX = Path("/usr/sbin/nginx")


def _installed() -> Path:
    debian.install("nginx-light", NGINX.exists, service="nginx")
    return NGINX


@contextmanager
def in_front_of(upstreams: list[str]) -> Iterator[str]:
    """nginx balancing over `upstreams` (http://127.0.0.1:PORT each); yields its URL."""
    binary = _installed()
    folder = Path(tempfile.mkdtemp(prefix="wegweiser-nginx-"))
    port = free_port()
    servers = "\n".join(f"    server {url.removeprefix('http://')};" for url in upstreams)
    (folder / "nginx.conf").write_text(
        f"""
daemon off;
user root;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  upstream wegweiser {{
{servers}
    keepalive 32;
  }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 2m;
    location / {{
      proxy_pass http://wegweiser;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 120s;
    }}
  }}
}}
""",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [str(binary), "-c", str(folder / "nginx.conf"), "-p", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("nginx did not start: " + _log(folder))
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def _log(folder: Path) -> str:
    log = folder / "error.log"
    return log.read_text(encoding="utf-8")[-500:] if log.exists() else ""
