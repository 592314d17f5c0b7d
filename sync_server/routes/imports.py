"""`/imports`: contact points and offers from a spreadsheet, a whole region from its file.

Each file is checked whole first; one problem anywhere refuses all of it with a 422
problem document that lists every problem (line, column, German message), and nothing
is written. A clean spreadsheet is first previewed (`…/preview`: each entry's changed
cells, old and new) and written only when confirmed with that preview's token, in one
transaction, each change on the audit trail.

The routes read the body on the event loop and do the work (seconds for a large file) in
a worker thread: on the loop, a 4,900-row file held every other request for 42 s.
"""

import hashlib
import json

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from sync_server import audit, bulk, changes, openapi
from sync_server.deps import AdminCaller, SessionDep, StaffCaller
from sync_server.problems import ProblemError
from wegweiser import spreadsheet, spreadsheet_columns
from wegweiser.dataset import DatasetError, check_document, decode_document
from wegweiser.import_preview import ImportPreview, ImportResult, RegionImportResult, preview
from wegweiser.link_repair import repair_links
from wegweiser.model import ContactPoint, Offer, SyncedRecord

router = APIRouter(prefix="/imports", tags=["import"], responses=openapi.errors(*openapi.COMMON))

_CSV_BODY = {
    "requestBody": {
        "required": True,
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
}


def _checked(entity: str, data: bytes, session: SessionDep) -> list[SyncedRecord]:
    """The file's rows as checked records, or a 422 naming every problem."""
    cls, _ = spreadsheet_columns.SHEETS[entity]
    try:
        return spreadsheet.read_csv(
            entity,
            data,
            bulk.known(session),
            lambda i: session.get(cls, i),
            lambda i: bulk.held_by_another_kind(session, entity, i),
        )
    except spreadsheet.SpreadsheetRefused as exc:
        raise ProblemError(
            422,
            "tabelle-abgelehnt",
            "Tabelle abgelehnt",
            f"Die Tabelle wurde nicht übernommen, nichts wurde geändert "
            f"({len(exc.problems)} Probleme).",
            errors=[{"row": p.row, "column": p.column, "message": p.message} for p in exc.problems],
        ) from None


def _preview(
    entity: str, data: bytes, session: SessionDep
) -> tuple[ImportPreview, list[SyncedRecord]]:
    """What the file would change, with the token that confirms exactly that."""
    records = _checked(entity, data, session)
    cls, _ = spreadsheet_columns.SHEETS[entity]
    shown = preview(entity, records, lambda i: session.get(cls, i))
    # New rows get fresh ids at every reading: the token leaves them out.
    seen = [e.model_dump() | ({"id": ""} if e.created else {}) for e in shown.entries]
    digest = hashlib.sha256(data + json.dumps([entity, seen, shown.unchanged]).encode())
    shown.token = digest.hexdigest()
    return shown, records


def _import_csv(
    entity: str, data: bytes, caller: StaffCaller, session: SessionDep, token: str
) -> ImportResult:
    shown, records = _preview(entity, data, session)
    if not token:
        raise ProblemError(
            428,
            "vorschau-fehlt",
            "Vorschau fehlt",
            "Bitte zuerst die Vorschau ansehen (…/preview) und sie mit ihrem token bestätigen.",
        )
    if token != shown.token:
        raise ProblemError(
            409,
            "vorschau-veraltet",
            "Vorschau veraltet",
            "Die Tabelle oder die Einträge haben sich seit der Vorschau geändert; nichts wurde "
            "übernommen. Bitte die Vorschau neu laden.",
        )
    written = bulk.write_records(session, caller, records, source="csv")
    session.commit()
    return written


_UPLOADED = "Hochgeladene Datei"
_REPAIR = Query(
    default=False,
    description="http:// und www. als https:// laden, nicht erlaubte Links als ihren Text "
    "(`wegweiser/link_repair.py`); jede Änderung steht in `repaired`.",
)
_TOKEN = Query(default="", max_length=64, description="Das `token` der Vorschau dieser Datei.")


@router.post("/contact-points.csv/preview", response_model=ImportPreview, openapi_extra=_CSV_BODY)
async def contact_points_preview(
    request: Request, caller: StaffCaller, session: SessionDep
) -> ImportPreview:
    """What a spreadsheet of contact points would change (nothing is written)."""
    data = await request.body()
    return (await run_in_threadpool(_preview, ContactPoint.entity, data, session))[0]


@router.post(
    "/contact-points.csv",
    response_model=ImportResult,
    openapi_extra=_CSV_BODY,
    responses=openapi.errors(409, 428),
)
async def contact_points_csv(
    request: Request, caller: StaffCaller, session: SessionDep, token: str = _TOKEN
) -> ImportResult:
    """Contact points from a spreadsheet (UTF-8; semicolons or commas), as its preview
    showed them: a row with an ID changes that entry, a row without one adds one."""
    data = await request.body()
    return await run_in_threadpool(_import_csv, ContactPoint.entity, data, caller, session, token)


@router.post("/offers.csv/preview", response_model=ImportPreview, openapi_extra=_CSV_BODY)
async def offers_preview(
    request: Request, caller: StaffCaller, session: SessionDep
) -> ImportPreview:
    """What a spreadsheet of offers would change (nothing is written)."""
    data = await request.body()
    return (await run_in_threadpool(_preview, Offer.entity, data, session))[0]


@router.post(
    "/offers.csv",
    response_model=ImportResult,
    openapi_extra=_CSV_BODY,
    responses=openapi.errors(409, 428),
)
async def offers_csv(
    request: Request, caller: StaffCaller, session: SessionDep, token: str = _TOKEN
) -> ImportResult:
    """Offers from a spreadsheet, as for contact points."""
    data = await request.body()
    return await run_in_threadpool(_import_csv, Offer.entity, data, caller, session, token)


@router.post("/region.json", response_model=RegionImportResult)
async def region_json(
    request: Request, caller: AdminCaller, session: SessionDep, repair_links: bool = _REPAIR
) -> RegionImportResult:
    """A whole region's file (an export of another server, or the district's data):
    checked whole, then loaded as `wegweiser-server load` does. Admins only."""
    data = await request.body()
    return await run_in_threadpool(_load_region, data, caller, session, repair_links)


def _load_region(
    data: bytes, caller: AdminCaller, session: SessionDep, repair: bool
) -> RegionImportResult:
    document = None
    try:
        document = decode_document(data, _UPLOADED)
        repaired = repair_links(document) if repair else []
        dataset = check_document(document, _UPLOADED)
        # One transaction with its audit event: all of the file, or nothing of it.
        written, unchanged = changes.load_dataset(session, dataset, chunk=None)
    except DatasetError as exc:
        mendable = 0 if repair or document is None else len(repair_links(document))
        hint = f" Mit repair_links=true würden {mendable} Links repariert." if mendable else ""
        raise ProblemError(
            422,
            "datensatz-abgelehnt",
            "Datensatz abgelehnt",
            f"Die Datei wurde nicht übernommen, nichts wurde geändert.{hint}",
            errors=[{"message": problem} for problem in exc.problems],
        ) from None
    details = {
        "written": written,
        "unchanged": unchanged,
        "title": dataset.meta.title,
        "repaired_links": len(repaired),
    }
    audit.record(session, caller, audit.REGION_IMPORTED, None, None, details)
    session.commit()
    return RegionImportResult(changed=written, unchanged=unchanged, repaired=repaired)
