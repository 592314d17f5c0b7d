"""The server's OpenAPI description tells the truth about errors: every route lists the
error statuses it can answer, each as an RFC 9457 problem document in German
(`application/problem+json`), so clients and the fuzzing tests can rely on it."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from wegweiser.protocol import Problem

_MEANING = {
    400: "Kein gültiges JSON, oder ein unlesbarer Cursor.",
    401: "Kein oder ein unbekanntes Geräte-Token (bei /enrol: ein ungültiger Code).",
    403: "Die Rolle des Geräts darf das nicht, oder das Gerät ist gesperrt (`wipe`).",
    404: "Diesen Eintrag gibt es nicht.",
    409: "Passt nicht zum Stand auf dem Server (schon entschieden, eigene Sperre, "
    "Vorschau veraltet).",
    410: "Der Cursor ist zu alt oder aus einer anderen Datenbank: alles neu laden.",
    413: "Die Anfrage ist zu groß.",
    422: "Ein Feld ist ungültig; `errors` nennt jedes.",
    428: "Erst die Vorschau ansehen, dann mit ihrem `token` bestätigen.",
    429: "Zu viele Anfragen; `Retry-After` sagt, wann wieder.",
    503: "Ausgelastet, oder kein Speicherplatz; `Retry-After` sagt, wann wieder.",
}

COMMON = (400, 401, 403, 413, 422, 429, 503)
"""What any route with a device token can answer besides success."""


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a router or route: these statuses, each a problem document."""
    return {status: {"model": Problem, "description": _MEANING[status]} for status in statuses}


def install(app: FastAPI) -> None:
    """Serve the description with problem documents under their own media type."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, routes=app.routes, tags=app.openapi_tags
            )
            for path in schema["paths"].values():
                for operation in path.values():
                    for status, response in operation.get("responses", {}).items():
                        content = response.get("content", {})
                        if int(status) >= 400 and "application/json" in content:
                            content["application/problem+json"] = content.pop("application/json")
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
