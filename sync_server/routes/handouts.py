"""`/handouts/…`: printable PDFs, for every role (a guide's tablet keeps those of its
Kommunen to share offline)."""

import io
import zipfile
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from sqlmodel import Session

from sync_server import openapi, rate_limits
from sync_server.auth import Caller
from sync_server.deps import AnyCaller, SessionDep, SettingsDep, SharedLimiterDep, StaffCaller
from sync_server.handouts.budget import Budget
from sync_server.handouts.content import every_kommune, kommune_pdf, sheet_pdf
from sync_server.handouts.delivery import Make, pdf_answer, while_asked
from sync_server.handouts.turns import Turns
from sync_server.problems import ProblemError
from sync_server.published import NotFound
from sync_server.rate_limits import Rate
from sync_server.shared_limits import SharedRateLimiter
from wegweiser.protocol import Key, Uuid

router = APIRouter(
    prefix="/handouts", tags=["druck"], responses=openapi.errors(*openapi.COMMON, 404)
)

Language = Literal["de", "en", "ar", "uk", "ru", "fa"]
_PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {"schema": {"type": "string"}}}, "description": "PDF"}
}


TURNS = Turns()


@dataclass(frozen=True)
class Asker:
    """Who asks for a handout, and what they may have made."""

    caller: Caller
    session: Session
    limiter: SharedRateLimiter
    per_hour: int

    def before_making(self) -> None:
        """Making a PDF costs seconds of CPU: so many an hour per device (from every
        server process together); what is made already comes free."""
        rate_limits.check(
            self.limiter,
            f"handout:{self.caller.device.id}",
            Rate(self.per_hour, 3600.0),
            f"Höchstens {self.per_hour} neu erstellte Handouts pro Stunde und Gerät; "
            "bereits erstellte kommen weiterhin sofort.",
        )


def _asker(
    caller: AnyCaller, session: SessionDep, limiter: SharedLimiterDep, settings: SettingsDep
) -> Asker:
    return Asker(caller, session, limiter, settings.handouts_per_device_hour)


AskerDep = Annotated[Asker, Depends(_asker)]


async def _handout(
    request: Request, asker: Asker, kind: str, key: str, language: str, make: Make, missing: str
) -> Response:
    """The PDF, or 304 when the device already holds this state of it (If-None-Match):
    a tablet refreshing its kept handouts downloads only what changed."""

    def answer(budget: Budget) -> Response:
        try:
            with TURNS.turn(asker.caller.device.id):
                return pdf_answer(
                    request,
                    asker.session,
                    kind,
                    key,
                    language,
                    make,
                    budget,
                    before_making=asker.before_making,
                )
        except NotFound:
            raise ProblemError(
                404, "nicht-gefunden", "Nicht gefunden", f"{missing} gibt es nicht."
            ) from None

    return await while_asked(request, answer)


@router.get("/sheets/{sheet_id}.pdf", response_class=Response, responses=_PDF)
async def sheet(
    request: Request,
    sheet_id: Annotated[Uuid, Path()],
    asker: AskerDep,
    language: Annotated[Language, Query()] = "de",
) -> Response:
    """One sheet to hand over, in `language` where it is translated (German otherwise)."""
    return await _handout(
        request,
        asker,
        "sheet",
        sheet_id,
        language,
        sheet_pdf,
        "Dieses Informationsblatt",
    )


@router.get("/kommunen/{key}.pdf", response_class=Response, responses=_PDF)
async def kommune(
    request: Request,
    key: Annotated[Key, Path()],
    asker: AskerDep,
    language: Annotated[Language, Query()] = "de",
) -> Response:
    """The whole Wegweiser of a Kommune: title page, contents by topic, sheets, contact
    points with their opening hours."""
    return await _handout(request, asker, "kommune", key, language, kommune_pdf, "Diese Kommune")


_ZIP: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/zip": {"schema": {"type": "string"}}}, "description": "ZIP"}
}


@router.get("/kommunen.zip", response_class=Response, responses=_ZIP)
def every(
    request: Request,
    _: StaffCaller,
    session: SessionDep,
    language: Annotated[Language, Query()] = "de",
) -> Response:
    """The Wegweiser of every Kommune in one archive: the Koordinierungsstelle's one step
    before printing (also `wegweiser-server print-all`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        shelf = request.app.state.handouts
        for name, data in every_kommune(session, language, date.today(), shelf).items():
            archive.writestr(name, data)
    return Response(
        buffer.getvalue(),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="wegweiser-{language}.zip"'},
    )
