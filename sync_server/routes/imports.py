"""`/imports`: contact points and offers from a spreadsheet, a whole region from its file.

Each file is checked whole first; one problem anywhere refuses all of it with a 422
problem document that lists every problem (line, column, German message), and nothing
is written. A clean file is written in one transaction, each change on the audit trail.
"""

from fastapi import APIRouter, Request

from sync_server import audit, bulk, changes, openapi
from sync_server.deps import AdminCaller, SessionDep, StaffCaller
from sync_server.problems import ProblemError
from wegweiser import spreadsheet, spreadsheet_columns
from wegweiser.dataset import DatasetError, parse_dataset
from wegweiser.model import ContactPoint, Offer

router = APIRouter(prefix="/imports", tags=["import"], responses=openapi.errors(*openapi.COMMON))

_CSV_BODY = {
    "requestBody": {
        "required": True,
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
}


async def _import_csv(
    entity: str, request: Request, caller: StaffCaller, session: SessionDep
) -> bulk.Written:
    data = await request.body()
    known = bulk.known(session)
    cls, _ = spreadsheet_columns.SHEETS[entity]
    try:
        records = spreadsheet.read_csv(entity, data, known, lambda i: session.get(cls, i))
    except spreadsheet.SpreadsheetRefused as exc:
        raise ProblemError(
            422,
            "tabelle-abgelehnt",
            "Tabelle abgelehnt",
            f"Die Tabelle wurde nicht übernommen, nichts wurde geändert "
            f"({len(exc.problems)} Probleme).",
            errors=[{"row": p.row, "column": p.column, "message": p.message} for p in exc.problems],
        ) from None
    written = bulk.write_records(session, caller, records, source="csv")
    session.commit()
    return written


@router.post("/contact-points.csv", response_model=bulk.Written, openapi_extra=_CSV_BODY)
async def contact_points_csv(
    request: Request, caller: StaffCaller, session: SessionDep
) -> bulk.Written:
    """Contact points from a spreadsheet (UTF-8; semicolons or commas): a row with an ID
    changes that entry, a row without one adds a new entry."""
    return await _import_csv(ContactPoint.entity, request, caller, session)


@router.post("/offers.csv", response_model=bulk.Written, openapi_extra=_CSV_BODY)
async def offers_csv(request: Request, caller: StaffCaller, session: SessionDep) -> bulk.Written:
    """Offers from a spreadsheet, as for contact points."""
    return await _import_csv(Offer.entity, request, caller, session)


@router.post("/region.json", response_model=bulk.Written)
async def region_json(request: Request, caller: AdminCaller, session: SessionDep) -> bulk.Written:
    """A whole region's file (an export of another server, or the district's data):
    checked whole, then loaded as `wegweiser-server load` does. Admins only."""
    try:
        dataset = parse_dataset(await request.body(), source="Hochgeladene Datei")
        written, unchanged = changes.load_dataset(session, dataset)
    except DatasetError as exc:
        raise ProblemError(
            422,
            "datensatz-abgelehnt",
            "Datensatz abgelehnt",
            "Die Datei wurde nicht übernommen, nichts wurde geändert.",
            errors=[{"message": problem} for problem in exc.problems],
        ) from None
    details = {"written": written, "unchanged": unchanged, "title": dataset.meta.title}
    audit.record(session, caller, audit.REGION_IMPORTED, None, None, details)
    session.commit()
    return bulk.Written(changed=written, unchanged=unchanged)
