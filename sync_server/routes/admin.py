"""Enrolling and revoking devices: coordination for guides, admin for everyone."""

from typing import Annotated

from fastapi import APIRouter, Path
from sqlmodel import Session, col, select

from sync_server import audit, changes, enrolment, openapi
from sync_server.auth import Caller
from sync_server.deps import SessionDep, StaffCaller
from sync_server.problems import ProblemError
from sync_server.tables import Account, Device, EnrolmentCode
from wegweiser.protocol import (
    DeviceInfo,
    EnrolmentCodeRequest,
    EnrolmentCodeResponse,
    Role,
    Uuid,
    WaitingCode,
)
from wegweiser.roles import roles_managed_by

router = APIRouter(prefix="/admin", tags=["verwaltung"], responses=openapi.errors(*openapi.COMMON))


def _may_manage(caller: Caller, role: Role) -> None:
    if role not in roles_managed_by(caller.role):
        raise ProblemError(
            403,
            "keine-berechtigung",
            "Keine Berechtigung",
            "Die Koordination verwaltet nur Geräte von Lotsinnen und Lotsen.",
        )


def _not_yourself(session: Session, caller: Caller, account_id: str) -> None:
    """Nobody locks themselves out: not their own account, not their last device."""
    if account_id != caller.account.id:
        return
    others = session.exec(
        select(Device).where(
            Device.account_id == account_id,
            col(Device.revoked_at).is_(None),
            Device.id != caller.device.id,
        )
    ).first()
    if others is None:
        raise ProblemError(
            409,
            "eigenes-letztes-geraet",
            "Eigenes letztes Gerät",
            "Sie können Ihr eigenes letztes Gerät (oder Ihr eigenes Konto) nicht sperren.",
        )


@router.post(
    "/enrolment-codes",
    response_model=EnrolmentCodeResponse,
    status_code=201,
    responses=openapi.errors(404),
)
def create_enrolment_code(
    body: EnrolmentCodeRequest,
    caller: StaffCaller,
    session: SessionDep,
) -> EnrolmentCodeResponse:
    """A one-time code to hand to a person for their new device."""
    _may_manage(caller, body.role)
    if body.account_id is not None and caller.role != Role.ADMIN:
        # A code for an existing account is a new device of that person, with their
        # private notes: only an admin hands that out.
        raise ProblemError(
            403,
            "keine-berechtigung",
            "Keine Berechtigung",
            "Anmeldecodes für ein bestehendes Konto erstellt nur die Administration.",
        )
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


@router.get("/codes", response_model=list[WaitingCode])
def list_waiting_codes(_: StaffCaller, session: SessionDep) -> list[WaitingCode]:
    """Enrolment codes neither used nor expired, with their accounts: people the office
    handed a code to whose tablet has not come yet."""
    rows = session.exec(
        select(EnrolmentCode, Account)
        .where(
            EnrolmentCode.account_id == Account.id,
            col(EnrolmentCode.used_at).is_(None),
            EnrolmentCode.expires_at > changes.now(),
        )
        .order_by(col(EnrolmentCode.expires_at))
    )
    return [
        WaitingCode(
            account_id=account.id,
            account_name=account.name,
            role=Role(account.role),
            expires_at=code.expires_at.isoformat(),
        )
        for code, account in rows
    ]


@router.post("/devices/{device_id}/revoke", status_code=204, responses=openapi.errors(404, 409))
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
    if device.id == caller.device.id:
        _not_yourself(session, caller, account.id)
    enrolment.revoke(session, device_id=device_id)
    details = {"account": account.id, "name": device.name}
    audit.record(session, caller, audit.DEVICE_REVOKED, None, device_id, details)
    session.commit()


@router.post("/accounts/{account_id}/revoke", status_code=204, responses=openapi.errors(404, 409))
def revoke_account(
    account_id: Annotated[Uuid, Path()],
    caller: StaffCaller,
    session: SessionDep,
) -> None:
    """Revoke every device of an account; its unused enrolment codes die with it."""
    account = session.get(Account, account_id)
    if account is None:
        raise ProblemError(
            404, "konto-unbekannt", "Unbekanntes Konto", "Dieses Konto gibt es nicht."
        )
    _may_manage(caller, Role(account.role))
    if account.id == caller.account.id:
        raise ProblemError(
            409,
            "eigenes-letztes-geraet",
            "Eigenes Konto",
            "Sie können Ihr eigenes Konto nicht sperren.",
        )
    count = enrolment.revoke(session, account_id=account_id)
    details = {"name": account.name, "devices": count}
    audit.record(session, caller, audit.ACCOUNT_REVOKED, None, account_id, details)
    session.commit()
