"""`/health` answers without a token on the real server process."""

from sqlalchemy import Engine, event

from tests.support import local_http
from tests.sync_server.conftest import ON_BOTH_DATABASES, Server


def test_health_reports_the_database(running_server: str) -> None:
    response = local_http.get(f"{running_server}/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_openapi_is_published(running_server: str) -> None:
    spec = local_http.get(f"{running_server}/openapi.json").json()
    assert "/health" in spec["paths"]


@ON_BOTH_DATABASES
def test_health_writes_nothing_and_ready_checks_writes(server: Server) -> None:
    """A load balancer asks /health every few seconds from every node: a write each time
    queued behind the district's writers (p99 1.2 s while 1,000 tablets enrolled). It only
    reads; /ready still proves a write (a read-only replica gets no devices)."""
    assert server.in_thread is not None
    state = server.in_thread.config.app.state
    engines: list[Engine] = [state.engine, state.probe_engine]  # the server's own
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement.split()[0].upper())

    for engine in engines:
        event.listen(engine, "before_cursor_execute", record)
    try:
        for _ in range(5):
            assert local_http.get(f"{server.url}/health").json() == {
                "status": "ok",
                "database": "ok",
            }
        assert statements and set(statements) <= {"SELECT"}, statements
        statements.clear()
        assert local_http.get(f"{server.url}/ready").status_code == 200
        assert "UPDATE" in statements
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", record)


def test_health_answers_at_once_while_every_connection_of_the_pool_is_at_work(
    server: Server,
) -> None:
    """A load balancer takes a server that does not answer /health out of rotation: a
    busy server is a healthy one, so the probe never waits for the requests' pool."""
    assert server.in_thread is not None
    engine: Engine = server.in_thread.config.app.state.engine
    held = [engine.connect() for _ in range(engine.pool.size())]  # type: ignore[attr-defined]
    try:
        health = local_http.get(f"{server.url}/health", timeout=5)
        assert health.status_code == 200
        assert health.json() == {"status": "ok", "database": "ok"}
    finally:
        for connection in held:
            connection.close()
