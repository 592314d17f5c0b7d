"""`/sync/pull` and `/sync/push`: what every device calls, whatever its role."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from sqlmodel import Session

from sync_server import pull as pulling
from sync_server import push as pushing
from sync_server.auth import ANY_ROLE, Caller
from sync_server.db import session_dependency
from sync_server.problems import ProblemError
from wegweiser.protocol import PullRequest, PullResponse, PushRequest, PushResponse

router = APIRouter(prefix="/sync", tags=["sync"])


@router.post("/pull", response_model=PullResponse)
def pull(
    body: PullRequest,
    caller: Annotated[Caller, Depends(ANY_ROLE)],
    session: Annotated[Session, Depends(session_dependency)],
) -> PullResponse:
    """One page of changes after the cursor, for the device's Kommunen."""
    return pulling.pull(session, caller, body)


@router.post("/push", response_model=PushResponse)
def push(
    body: PushRequest, caller: Annotated[Caller, Depends(ANY_ROLE)], request: Request
) -> PushResponse:
    """Apply mutations in order; each answer is stored for retries."""
    limit = request.app.state.settings.max_batch
    if len(body.mutations) > limit:
        raise ProblemError(
            413,
            "stapel-zu-gross",
            "Zu viele Änderungen",
            f"Höchstens {limit} Änderungen pro Anfrage; bitte aufteilen.",
        )
    ids = [m.id for m in body.mutations]
    if len(set(ids)) != len(ids):
        raise ProblemError(
            422, "eingabe-ungueltig", "Ungültige Eingabe", "Eine Mutations-ID kommt doppelt vor."
        )
    return PushResponse(results=pushing.push(request.app.state.engine, caller, body.mutations))
