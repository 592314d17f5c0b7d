"""HTTP from the tests to the servers and apps they start on 127.0.0.1: httpx's calls,
with one TLS context for the whole test process.

httpx makes a TLS context for every client, also for a single `httpx.get`, and reads
the system's certificates into it (20 ms of CPU here); the tests make thousands of
clients (a server's start alone asks `/health` every 10 ms). No test speaks TLS, but
httpx wants a context all the same. The app does the same for its sync clients
(`app.sync.client._certificates`).
"""

import functools
import ssl
from typing import Any

import httpx


@functools.cache
def _context() -> ssl.SSLContext:
    return httpx.create_ssl_context()


def client(**options: Any) -> httpx.Client:
    """`httpx.Client(**options)` on the shared context."""
    return httpx.Client(verify=_context(), **options)


def request(method: str, url: str, **options: Any) -> httpx.Response:
    """`httpx.request(method, url, **options)` on the shared context."""
    return httpx.request(method, url, verify=_context(), **options)


def get(url: str, **options: Any) -> httpx.Response:
    return request("GET", url, **options)


def post(url: str, **options: Any) -> httpx.Response:
    return request("POST", url, **options)
