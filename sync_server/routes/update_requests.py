"""Update requests for the office: ask contact points to confirm or correct their
entries, see where each request stands, withdraw one."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Path, Query
from fastapi.responses import Response
from sqlmodel import select

from sync_server import openapi
from sync_server.deps import EngineDep, SessionDep, SettingsDep, StaffCaller
from sync_server.mail.compose import base_url
from sync_server.self_service import links, requests
from sync_server.self_service.letter import letter_pdf
from sync_server.self_service.mails import FORM, deliver_later
from wegweiser.model import ContactPoint, Region
from wegweiser.protocol import Uuid
from wegweiser.self_service import (
    UpdateRequestCreate,
    UpdateRequestList,
    UpdateRequestResult,
    UpdateRequestView,
)

router = APIRouter(
    prefix="/admin/update-requests",
    tags=["aktualität"],
    responses=openapi.errors(*openapi.COMMON),
)


@router.post("", response_model=list[UpdateRequestResult])
def ask(
    body: UpdateRequestCreate,
    caller: StaffCaller,
    session: SessionDep,
    engine: EngineDep,
    settings: SettingsDep,
    tasks: BackgroundTasks,
) -> list[UpdateRequestResult]:
    """Mail the entries named (or every due one with an e-mail address) a personal link;
    per entry the outcome: asked, a request is open already, no e-mail address, unknown."""
    if body.ids is not None:
        ids = list(dict.fromkeys(body.ids))
    else:
        assert body.due_months is not None
        ids = requests.due_contacts(session, body.due_months, datetime.now(UTC).date())
    again = body.ids is not None  # named one by one: a mail that never arrived goes anew
    made = [
        (record_id, *requests.ask(session, caller, record_id, again=again)) for record_id in ids
    ]
    session.commit()
    deliver_later(tasks, engine, settings)
    return [requests.result(session, *each) for each in made]


@router.get("", response_model=UpdateRequestList)
def where_they_stand(
    _: StaffCaller,
    session: SessionDep,
    record_id: Annotated[list[Uuid] | None, Query(max_length=500)] = None,
) -> UpdateRequestList:
    """The latest request of each entry (or of the entries named), newest first."""
    return UpdateRequestList(requests=requests.views(session, record_id))


@router.post(
    "/letters/{record_id}",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, **openapi.errors(404)},
)
def letter(
    record_id: Annotated[Uuid, Path()],
    caller: StaffCaller,
    session: SessionDep,
    settings: SettingsDep,
) -> Response:
    """A printed letter with a personal link (text and QR code), for an entry without
    e-mail or whose mail did not arrive: the entry's open request, or a new one."""
    request = requests.for_letter(session, caller, record_id)
    contact = session.get(ContactPoint, record_id)
    assert contact is not None
    token = links.mint(session, requests.ASK, request.id)
    region = session.exec(select(Region)).first()
    link = f"{base_url(settings)}{FORM}{token}"
    data = letter_pdf(region, contact, link, request.expires_at, datetime.now(UTC).date())
    session.commit()
    name = f"anfrage-{record_id[:8]}.pdf"
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.post(
    "/{request_id}/withdraw", response_model=UpdateRequestView, responses=openapi.errors(404)
)
def withdraw(
    request_id: Annotated[Uuid, Path()], caller: StaffCaller, session: SessionDep
) -> UpdateRequestView:
    """Close a request: its links open nothing any more."""
    request = requests.withdraw(session, caller, request_id)
    session.commit()
    return requests.view(session, request)
