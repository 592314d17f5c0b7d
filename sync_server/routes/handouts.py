"""`/handouts/…`: printable PDFs, for every role (a guide's tablet keeps those of its
Kommunen to share offline)."""

import io
import zipfile
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from sqlmodel import Session

from sync_server import openapi
from sync_server.auth import Caller
from sync_server.deps import AnyCaller, SessionDep, StaffCaller
from sync_server.handouts.content import every_kommune, kommune_pdf, sheet_pdf
from sync_server.handouts.delivery import Make, pdf_answer
from sync_server.handouts.turns import Turns
from sync_server.problems import ProblemError
from sync_server.published import NotFound
from wegweiser.protocol import Key, Uuid

router = APIRouter(
    prefix="/handouts", tags=["druck"], responses=openapi.errors(*openapi.COMMON, 404)
)

Language = Literal["de", "en", "ar", "uk", "ru", "fa"]
_PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {"schema": {"type": "string"}}}, "description": "PDF"}
}


TURNS = Turns()


def _handout(
    request: Request,
    caller: Caller,
    session: Session,
    kind: str,
    key: str,
    language: str,
    make: Make,
    missing: str,
) -> Response:
    """The PDF, or 304 when the device already holds this state of it (If-None-Match):
    a tablet refreshing its kept handouts downloads only what changed."""
    try:
        with TURNS.turn(caller.device.id):
            return pdf_answer(request, session, kind, key, language, make)
    except NotFound:
        raise ProblemError(
            404, "nicht-gefunden", "Nicht gefunden", f"{missing} gibt es nicht."
        ) from None


@router.get("/sheets/{sheet_id}.pdf", response_class=Response, responses=_PDF)
def sheet(
    request: Request,
    sheet_id: Annotated[Uuid, Path()],
    caller: AnyCaller,
    session: SessionDep,
    language: Annotated[Language, Query()] = "de",
) -> Response:
    """One sheet to hand over, in `language` where it is translated (German otherwise)."""
    return _handout(
        request,
        caller,
        session,
        "sheet",
        sheet_id,
        language,
        sheet_pdf,
        "Dieses Informationsblatt",
    )


@router.get("/kommunen/{key}.pdf", response_class=Response, responses=_PDF)
def kommune(
    request: Request,
    key: Annotated[Key, Path()],
    caller: AnyCaller,
    session: SessionDep,
    language: Annotated[Language, Query()] = "de",
) -> Response:
    """The whole Wegweiser of a Kommune: title page, contents by topic, sheets, contact
    points with their opening hours."""
    return _handout(
        request, caller, session, "kommune", key, language, kommune_pdf, "Diese Kommune"
    )


_ZIP: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/zip": {"schema": {"type": "string"}}}, "description": "ZIP"}
}


@router.get("/kommunen.zip", response_class=Response, responses=_ZIP)
def every(
    _: StaffCaller, session: SessionDep, language: Annotated[Language, Query()] = "de"
) -> Response:
    """The Wegweiser of every Kommune in one archive: the Koordinierungsstelle's one step
    before printing (also `wegweiser-server print-all`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in every_kommune(session, language, date.today()).items():
            archive.writestr(name, data)
    return Response(
        buffer.getvalue(),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="wegweiser-{language}.zip"'},
    )
