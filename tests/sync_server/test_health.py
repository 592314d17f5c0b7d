"""`/health` answers without a token on the real server process."""

import httpx


def test_health_reports_the_database(running_server: str) -> None:
    response = httpx.get(f"{running_server}/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "writable": True}


def test_openapi_is_published(running_server: str) -> None:
    spec = httpx.get(f"{running_server}/openapi.json").json()
    assert "/health" in spec["paths"]
