"""`POST /enrol`: a new device trades its one-time code for a device token; `GET /me`."""

from fastapi import APIRouter
from pydantic import BaseModel

from sync_server import enrolment, openapi, rate_limits
from sync_server.deps import AddressDep, AnyCaller, SessionDep, SettingsDep, SharedLimiterDep
from sync_server.rate_limits import Rate
from wegweiser.protocol import EnrolRequest, EnrolResponse, Role

router = APIRouter(tags=["anmeldung"], responses=openapi.errors(*openapi.COMMON))


@router.post("/enrol", response_model=EnrolResponse)
def enrol(
    body: EnrolRequest,
    session: SessionDep,
    settings: SettingsDep,
    limiter: SharedLimiterDep,
    address: AddressDep,
) -> EnrolResponse:
    """The code is the credential here: valid once, until it expires. Attempts per
    network address are limited, so codes cannot be guessed."""
    per_minute = settings.enrolments_per_address_minute
    rate_limits.check(
        limiter,
        f"enrol:{address}",
        Rate(per_minute, 60.0),
        f"Höchstens {per_minute} Anmeldeversuche pro Minute von dieser Netzwerkadresse.",
    )
    return enrolment.enrol(session, body.code, body.device_name)


class Me(BaseModel):
    device_id: str
    device_name: str
    account_id: str
    account_name: str
    role: Role


@router.get("/me", response_model=Me)
def me(caller: AnyCaller) -> Me:
    """Who this device is: for the app's settings screen and for checking a token."""
    return Me(
        device_id=caller.device.id,
        device_name=caller.device.name,
        account_id=caller.account.id,
        account_name=caller.account.name,
        role=caller.role,
    )
