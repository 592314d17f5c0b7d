"""`/sync/pull` and `/sync/push`: what every device calls, whatever its role."""

from fastapi import APIRouter

from sync_server import pull as pulling
from sync_server import push as pushing
from sync_server.deps import AnyCaller, SessionDep, SettingsDep
from sync_server.problems import ProblemError
from wegweiser.protocol import PullRequest, PullResponse, PushRequest, PushResponse

router = APIRouter(prefix="/sync", tags=["sync"])


@router.post("/pull", response_model=PullResponse)
def pull(
    body: PullRequest,
    caller: AnyCaller,
    session: SessionDep,
) -> PullResponse:
    """One page of changes after the cursor, for the device's Kommunen."""
    return pulling.pull(session, caller, body)


@router.post("/push", response_model=PushResponse)
def push(
    body: PushRequest, caller: AnyCaller, session: SessionDep, settings: SettingsDep
) -> PushResponse:
    """Apply mutations in order; each answer is stored for retries."""
    limit = settings.max_batch
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
    return PushResponse(results=pushing.push(session, caller, body.mutations))
