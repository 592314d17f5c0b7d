"""Schemathesis against the running server's own OpenAPI description: generated requests
(valid and invalid) on every route, with no token and with the token of each role. No
answer may be a server error, and every answer must be one the description lists, with
its media type and schema: the German problem documents included.

Examples per route follow the Hypothesis profile (15 by default; `scripts/dev.py fuzz`
runs many more)."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import CheckFunction
from schemathesis.schemas import BaseSchema
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.support.server import Server, prepare_database, start_server
from wegweiser.dataset import Dataset
from wegweiser.protocol import Role

NOT_CHECKED: list[CheckFunction] = [positive_data_acceptance]
"""The one check left out: "a schema-valid request must succeed". The description gives
types and bounds; the rulebook checks more (a Kommune must exist, opening hours must
read), and a request breaking those is refused with 422 by design."""


@pytest.fixture(scope="module")
def fuzzed_server(
    tmp_path_factory: pytest.TempPathFactory, demo_dataset: Dataset
) -> Iterator[Server]:
    """One server for all generated requests: enrolling devices for each route would
    cost more than the requests themselves."""
    folder = tmp_path_factory.mktemp("fuzz")
    url = f"sqlite:///{folder / 'server.sqlite'}"
    prepare_database(url, demo_dataset).dispose()
    server = start_server(url, folder)
    yield server
    server.stop()
    server.engine.dispose()


@pytest.fixture(scope="module")
def tokens(fuzzed_server: Server) -> dict[str, str | None]:
    """No token, and one device of each role."""
    found: dict[str, str | None] = {"ohne": None}
    for role in Role:
        found[role.value] = fuzzed_server.enrol(role, f"Fuzz {role.value}").token
    return found


@pytest.fixture(scope="module")
def api(fuzzed_server: Server) -> BaseSchema:
    # The office's archive of every Kommune's Wegweiser builds 21 documents per language
    # (seconds each time); its only inputs, a token and a language from a fixed list, are
    # covered by test_handouts.py and test_permissions.py.
    return schemathesis.openapi.from_url(f"{fuzzed_server.url}/openapi.json").exclude(
        path="/handouts/kommunen.zip"
    )


def _refused_by_the_http_server(response: Any) -> bool:
    """uvicorn's own answer to a request it cannot parse (seen: a query string of
    100 kB), before the app sees it: outside the app's contract. In a deployment the
    reverse proxy refuses such a request line first (docs/deployment.md)."""
    kind = response.headers.get("content-type") or [""]  # schemathesis: each a list
    return bool(
        response.status_code == 400
        and kind[0].startswith("text/plain")
        and response.text == "Invalid HTTP request received."
    )


@pytest.mark.slow
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_route_keeps_its_contract(
    api: BaseSchema,
    fuzzed_server: Server,
    tokens: dict[str, str | None],
    mode: GenerationMode,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Valid requests (positive) and requests that break the description (negative),
    each sent without a token and with every role's."""
    calls = routes = 0
    for result in api.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(suppress_health_check=list(HealthCheck), deadline=None)
        def call(case: schemathesis.Case) -> None:
            nonlocal calls
            for token in tokens.values():
                headers = {"Authorization": f"Bearer {token}"} if token else {}
                response = case.call(base_url=fuzzed_server.url, headers=headers)
                calls += 1
                if _refused_by_the_http_server(response):
                    continue
                case.validate_response(response, excluded_checks=NOT_CHECKED, headers=headers)

        try:
            call()
        except Unsatisfiable:
            # Nothing of this route can be made invalid (GET /health takes no input).
            assert mode == GenerationMode.NEGATIVE, operation.label
            continue
        routes += 1
    with capsys.disabled():
        print(f"\n{mode.value}: {calls} Anfragen an {routes} Routen, alle im Vertrag")
    assert routes >= (20 if mode == GenerationMode.POSITIVE else 12)


def test_the_description_lists_problem_documents_for_errors(
    api: BaseSchema, tmp_path: Path
) -> None:
    pull = api.raw_schema["paths"]["/sync/pull"]["post"]["responses"]
    assert set(pull) >= {"200", "400", "401", "403", "410", "413", "422", "429", "503"}
    assert list(pull["410"]["content"]) == ["application/problem+json"]
    accept = api.raw_schema["paths"]["/reports/{report_id}/accept"]["post"]["responses"]
    assert {"404", "409"} <= set(accept)
