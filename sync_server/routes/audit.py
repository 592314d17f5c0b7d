"""`/audit`: the trail of one entry, device or account, for the Koordinierungsstelle."""

from typing import Annotated

from fastapi import APIRouter, Query

from sync_server import audit, openapi
from sync_server.deps import SessionDep, StaffCaller
from wegweiser.protocol import AuditView, Uuid

router = APIRouter(prefix="/audit", tags=["protokoll"], responses=openapi.errors(*openapi.COMMON))


@router.get("", response_model=list[AuditView])
def trail(
    record_id: Annotated[Uuid, Query(description="id of an entry, a device or an account")],
    _: StaffCaller,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> list[AuditView]:
    """What happened to it, newest first: who published, accepted, rejected, revoked."""
    return [
        AuditView.model_validate(event, from_attributes=True)
        for event in audit.of_record(session, record_id, limit)
    ]
