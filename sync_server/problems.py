"""Errors as RFC 9457 problem documents (application/problem+json), always in German."""

import errno
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from wegweiser.messages import field_path, validation_message
from wegweiser.protocol import PROBLEM_BASE, Problem

MEDIA_TYPE = "application/problem+json"


class ProblemError(Exception):
    """Raise to answer with a problem document; `slug` names the problem type."""

    def __init__(
        self,
        status: int,
        slug: str,
        title: str,
        detail: str,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.problem = Problem(
            type=PROBLEM_BASE + slug, title=title, status=status, detail=detail, **extra
        )
        self.headers = headers or {}


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        problem.model_dump(exclude_none=True),
        status_code=problem.status,
        media_type=MEDIA_TYPE,
        headers=headers,
    )


_HTTP_TITLES = {
    # FastAPI's own, for a body its JSON parser gives up on before ours is asked.
    400: (
        "inhalt-unlesbar",
        "Inhalt nicht lesbar",
        "Der Inhalt der Anfrage ist nicht lesbar: keine gültige UTF-8-Kodierung, zu tief "
        "verschachtelt oder eine Zahl mit zu vielen Stellen.",
    ),
    404: ("nicht-gefunden", "Nicht gefunden", "Diese Adresse gibt es nicht."),
    405: (
        "methode-nicht-erlaubt",
        "Methode nicht erlaubt",
        "Diese Methode ist hier nicht erlaubt.",
    ),
    413: ("zu-gross", "Anfrage zu groß", "Die Anfrage ist zu groß."),
}


DISK_FULL_RETRY_AFTER = 120
"""Seconds a device waits after the server's disk was full (someone has to make room)."""


def disk_full(exc: BaseException) -> bool:
    """Whether `exc`, or an error it was raised from, says the disk is full (SQLite's
    SQLITE_FULL, PostgreSQL's 53100 disk_full, or the system's ENOSPC)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno == errno.ENOSPC:
            return True
        if getattr(seen, "sqlstate", None) == "53100" or "disk is full" in str(seen):
            return True
        seen = getattr(seen, "orig", None) or seen.__cause__ or seen.__context__
    return False


def install(app: FastAPI) -> None:
    """Route every error the app can produce through problem documents."""

    @app.exception_handler(ProblemError)
    async def _problem(_: Request, exc: ProblemError) -> JSONResponse:
        headers = dict(exc.headers)
        if exc.problem.status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        return problem_response(exc.problem, headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [_german_error(error) for error in exc.errors()]
        if any(error["type"] == "json_invalid" for error in exc.errors()):
            problem = Problem(
                type=PROBLEM_BASE + "json-ungueltig",
                title="Ungültiges JSON",
                status=400,
                detail="Der Inhalt der Anfrage ist kein gültiges JSON.",
                errors=errors,
            )
        else:
            problem = Problem(
                type=PROBLEM_BASE + "eingabe-ungueltig",
                title="Ungültige Eingabe",
                status=422,
                detail=" ".join(f"{e['feld']}: {e['meldung']}" for e in errors[:10]),
                errors=errors,
            )
        return problem_response(problem)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        if disk_full(exc):
            # Not the device's fault and not a bug: the operator must make room, the
            # device keeps its changes and comes back.
            return problem_response(
                Problem(
                    type=PROBLEM_BASE + "speicher-voll",
                    title="Server ohne Speicherplatz",
                    status=503,
                    detail="Der Server hat keinen Speicherplatz mehr und nimmt gerade keine "
                    "Änderungen an. Ihre Änderungen bleiben auf dem Gerät gespeichert und "
                    "werden später gesendet.",
                ),
                {"Retry-After": str(DISK_FULL_RETRY_AFTER)},
            )
        # A bug or an outage below us: still a problem document, never text/plain.
        # Starlette logs the exception with its traceback after this answer.
        problem = Problem(
            type=PROBLEM_BASE + "interner-fehler",
            title="Interner Fehler",
            status=500,
            detail="Auf dem Server ist ein Fehler aufgetreten. Bitte später erneut versuchen; "
            "Ihre Änderungen bleiben auf dem Gerät gespeichert.",
        )
        return problem_response(problem)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        slug, title, detail = _HTTP_TITLES.get(
            exc.status_code, ("fehler", "Fehler", str(exc.detail))
        )
        return problem_response(
            Problem(type=PROBLEM_BASE + slug, title=title, status=exc.status_code, detail=detail)
        )


def _german_error(error: Any) -> dict[str, Any]:
    return {
        "feld": field_path(error, skip=("body",)),
        "meldung": validation_message(error),
        "type": error["type"],
    }
