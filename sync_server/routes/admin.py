"""Enrolling and revoking devices: coordination for guides, admin for everyone."""

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel
from sqlmodel import col, select

from sync_server import enrolment
from sync_server.auth import Caller
from sync_server.deps import SessionDep, StaffCaller
from sync_server.problems import ProblemError
from sync_server.tables import Account, Device
from wegweiser.protocol import EnrolmentCodeRequest, EnrolmentCodeResponse, Role, Uuid

router = APIRouter(prefix="/admin", tags=["verwaltung"])


class DeviceInfo(BaseModel):
    id: str
    name: str
    account_id: str
    account_name: str
    role: Role
    created_at: str
    last_seen_at: str | None
    revoked: bool


def _may_manage(caller: Caller, role: Role) -> None:
    if caller.role == Role.KOORDINATION and role != Role.LOTSE:
        raise ProblemError(
            403,
            "keine-berechtigung",
            "Keine Berechtigung",
            "Die Koordination verwaltet nur Geräte von Lotsinnen und Lotsen.",
        )


@router.post("/enrolment-codes", response_model=EnrolmentCodeResponse, status_code=201)
def create_enrolment_code(
    body: EnrolmentCodeRequest,
    caller: StaffCaller,
    session: SessionDep,
) -> EnrolmentCodeResponse:
    """A one-time code to hand to a person for their new device."""
    _may_manage(caller, body.role)
    return enrolment.create_code(
        session, body.role, body.account_name, body.account_id, body.valid_hours, caller.account.id
    )


@router.get("/devices", response_model=list[DeviceInfo])
def list_devices(
    _: StaffCaller,
    session: SessionDep,
) -> list[DeviceInfo]:
    """Every enrolled device with its account."""
    rows = session.exec(
        select(Device, Account)
        .where(Device.account_id == Account.id)
        .order_by(col(Device.created_at))
    )
    return [
        DeviceInfo(
            id=device.id,
            name=device.name,
            account_id=account.id,
            account_name=account.name,
            role=Role(account.role),
            created_at=device.created_at.isoformat(),
            last_seen_at=device.last_seen_at.isoformat() if device.last_seen_at else None,
            revoked=device.revoked_at is not None,
        )
        for device, account in rows
    ]


@router.post("/devices/{device_id}/revoke", status_code=204)
def revoke_device(
    device_id: Annotated[Uuid, Path()],
    caller: StaffCaller,
    session: SessionDep,
) -> None:
    """Revoke a device: its next request is refused and told to wipe private data."""
    device = session.get(Device, device_id)
    account = session.get(Account, device.account_id) if device else None
    if device is None or account is None:
        raise ProblemError(
            404, "geraet-unbekannt", "Unbekanntes Gerät", "Dieses Gerät gibt es nicht."
        )
    _may_manage(caller, Role(account.role))
    enrolment.revoke(session, device_id=device_id)
