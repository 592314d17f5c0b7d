"""`/handouts/…`: printable PDFs, for every role (a guide's tablet keeps those of its
Kommunen to share offline)."""

import io
import zipfile
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from sync_server import openapi
from sync_server.deps import AnyCaller, SessionDep, StaffCaller
from sync_server.handouts.content import (
    NotFound,
    every_kommune,
    kommune_pdf,
    sheet_pdf,
    state_tag,
)
from sync_server.problems import ProblemError
from wegweiser.protocol import Key, Uuid

router = APIRouter(
    prefix="/handouts", tags=["druck"], responses=openapi.errors(*openapi.COMMON, 404)
)

Language = Literal["de", "en", "ar", "uk", "ru", "fa"]
_PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {"schema": {"type": "string"}}}, "description": "PDF"}
}


def _pdf(request: Request, tag: str, make: Callable[[], bytes], name: str) -> Response:
    """The PDF, or 304 when the device already holds this state of it (If-None-Match):
    a tablet refreshing its kept handouts downloads only what changed."""
    if request.headers.get("if-none-match") == tag:
        return Response(status_code=304, headers={"ETag": tag})
    return Response(
        make(),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "ETag": tag},
    )


def _missing(what: str) -> ProblemError:
    return ProblemError(404, "nicht-gefunden", "Nicht gefunden", f"{what} gibt es nicht.")


@router.get("/sheets/{sheet_id}.pdf", response_class=Response, responses=_PDF)
def sheet(
    request: Request,
    sheet_id: Annotated[Uuid, Path()],
    _: AnyCaller,
    session: SessionDep,
    language: Annotated[Language, Query()] = "de",
) -> Response:
    """One sheet to hand over, in `language` where it is translated (German otherwise)."""
    today = date.today()
    try:
        data = sheet_pdf(session, sheet_id, language, today)
    except NotFound:
        raise _missing("Dieses Informationsblatt") from None
    tag = state_tag(session, "sheet", sheet_id, language, today)
    return _pdf(request, tag, lambda: data, f"wegweiser-{sheet_id[:8]}-{language}.pdf")


@router.get("/kommunen/{key}.pdf", response_class=Response, responses=_PDF)
def kommune(
    request: Request,
    key: Annotated[Key, Path()],
    _: AnyCaller,
    session: SessionDep,
    language: Annotated[Language, Query()] = "de",
) -> Response:
    """The whole Wegweiser of a Kommune: title page, contents by topic, sheets, contact
    points with their opening hours."""
    today = date.today()
    tag = state_tag(session, "kommune", key, language, today)

    def make() -> bytes:
        try:
            return kommune_pdf(session, key, language, today)
        except NotFound:
            raise _missing("Diese Kommune") from None

    return _pdf(request, tag, make, f"wegweiser-{key}-{language}.pdf")


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
