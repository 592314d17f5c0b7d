"""The tests' own helpers in tests/support, where a rule of theirs keeps the suite fast."""

import re

from tests.conftest import ROOT
from tests.support import local_http

DIRECT_CALL = re.compile(r"\bhttpx\.(get|post|put|patch|delete|request|stream|Client)\(")


def test_every_client_of_the_tests_shares_one_tls_context() -> None:
    with local_http.client() as first, local_http.client() as second:
        assert first._transport._pool._ssl_context is second._transport._pool._ssl_context  # type: ignore[attr-defined]


def test_no_test_makes_an_httpx_client_of_its_own() -> None:
    """Each would read the system's certificates anew (20 ms of CPU): a server's start
    asks every 10 ms whether it is up."""
    direct = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if path.name not in ("local_http.py", "test_helpers.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if DIRECT_CALL.search(line)
    ]
    assert direct == []
