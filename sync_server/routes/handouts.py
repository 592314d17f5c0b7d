"""`/handouts/…`: printable PDFs, for every role (a guide's tablet keeps those of its
Kommunen to share offline)."""

import io
import zipfile
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from sync_server import openapi
from sync_server.deps import AnyCaller, SessionDep, StaffCaller
from sync_server.handouts.content import NotFound, every_kommune, kommune_pdf, sheet_pdf
from sync_server.problems import ProblemError
from wegweiser.protocol import Key, Uuid

router = APIRouter(
    prefix="/handouts", tags=["druck"], responses=openapi.errors(*openapi.COMMON, 404)
)

Language = Literal["de", "en", "ar", "uk", "ru", "fa"]
_PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {"schema": {"type": "string"}}}, "description": "PDF"}
}


def _pdf(data: bytes, name: str) -> Response:
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _missing(what: str) -> ProblemError:
    return ProblemError(404, "nicht-gefunden", "Nicht gefunden", f"{what} gibt es nicht.")


@router.get("/sheets/{sheet_id}.pdf", response_class=Response, responses=_PDF)
def sheet(
    sheet_id: Annotated[Uuid, Path()],
    _: AnyCaller,
    session: SessionDep,
    language: Annotated[Language, Query()] = "de",
) -> Response:
    """One sheet to hand over, in `language` where it is translated (German otherwise)."""
    try:
        data = sheet_pdf(session, sheet_id, language, date.today())
    except NotFound:
        raise _missing("Dieses Informationsblatt") from None
    return _pdf(data, f"wegweiser-{sheet_id[:8]}-{language}.pdf")


@router.get("/kommunen/{key}.pdf", response_class=Response, responses=_PDF)
def kommune(
    key: Annotated[Key, Path()],
    _: AnyCaller,
    session: SessionDep,
    language: Annotated[Language, Query()] = "de",
) -> Response:
    """The whole Wegweiser of a Kommune: title page, contents by topic, sheets, contact
    points with their opening hours."""
    try:
        data = kommune_pdf(session, key, language, date.today())
    except NotFound:
        raise _missing("Diese Kommune") from None
    return _pdf(data, f"wegweiser-{key}-{language}.pdf")


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
