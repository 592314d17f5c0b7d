"""`/sync/pull` and `/sync/push`: what every device calls, whatever its role."""

import gzip

from fastapi import APIRouter, Request, Response

from sync_server import openapi, rate_limits
from sync_server import pull as pulling
from sync_server import push as pushing
from sync_server.deps import AddressDep, AnyCaller, SessionDep, SettingsDep, SharedLimiterDep
from sync_server.problems import ProblemError
from sync_server.quotas import AccountQuota
from sync_server.rate_limits import Rate
from wegweiser.protocol import PullPage, PullRequest, PullResponse, PushRequest, PushResponse

router = APIRouter(prefix="/sync", tags=["sync"], responses=openapi.errors(*openapi.COMMON))

KEPT = "Die Änderungen bleiben auf dem Gerät gespeichert und werden später gesendet."


@router.post("/pull", response_model=PullResponse | PullPage, responses=openapi.errors(410))
def pull(
    body: PullRequest,
    caller: AnyCaller,
    session: SessionDep,
    request: Request,
) -> PullResponse | PullPage | Response:
    """One page of changes after the cursor, for the device's Kommunen."""
    page = pulling.pull(session, caller, body, request.app.state.first_syncs)
    if isinstance(page, PullResponse):
        return page
    if isinstance(page, PullPage):
        # Sent as it is: checked again against the union, it would cost a page's time.
        return Response(pulling.as_json(page), media_type="application/json")
    # Kept compressed: sent as it is to a device that takes gzip (every app does).
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers = {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        return Response(page.gzipped, media_type="application/json", headers=headers)
    return Response(gzip.decompress(page.gzipped), media_type="application/json")


@router.post("/push", response_model=PushResponse)
def push(
    body: PushRequest,
    caller: AnyCaller,
    session: SessionDep,
    settings: SettingsDep,
    limiter: SharedLimiterDep,
    address: AddressDep,
) -> PushResponse:
    """Apply mutations in order; each answer is stored for retries."""
    minute = 60.0
    rate_limits.check(
        limiter,
        f"push:{caller.device.id}",
        Rate(settings.pushes_per_minute, minute),
        f"Höchstens {settings.pushes_per_minute} Sendungen pro Minute und Gerät. {KEPT}",
    )
    rate_limits.check(
        limiter,
        f"push-address:{address}",
        Rate(settings.pushes_per_address_minute, minute),
        f"Zu viele Sendungen von dieser Netzwerkadresse. {KEPT}",
    )
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
    rate_limits.check_reports(
        session,
        caller,
        body.mutations,
        limiter,
        Rate(settings.reports_per_hour, 3600.0),
        settings.max_pending_reports,
    )
    quota = AccountQuota(
        settings.max_notes_per_account,
        settings.max_note_chars_per_account,
        settings.max_favourites_per_account,
    )
    return PushResponse(results=pushing.push(session, caller, body.mutations, quota))
