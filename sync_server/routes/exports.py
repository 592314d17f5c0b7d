"""`/exports`: what the Koordinierungsstelle takes into a spreadsheet or to another
server: due contact points, contact points and offers as CSV, the whole region as JSON."""

import csv
import io
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from sqlmodel import col, select

from sync_server import bulk, openapi
from sync_server.deps import SessionDep, StaffCaller
from wegweiser import spreadsheet
from wegweiser.dataset import dump_dataset
from wegweiser.freshness import checked_before
from wegweiser.model import ContactPoint, Offer

_CSV: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"}
}
_JSON_FILE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {"schema": {"type": "object"}}}, "description": "JSON"}
}

router = APIRouter(prefix="/exports", tags=["export"], responses=openapi.errors(*openapi.COMMON))

COLUMNS = ("Name", "Organisation", "E-Mail", "Telefon", "Kommunen", "Zuletzt geprüft")


@router.get("/due-contacts.csv", response_class=Response, responses=_CSV)
def due_contacts(
    _: StaffCaller,
    session: SessionDep,
    months: Annotated[int, Query(ge=1, le=120)] = 12,
) -> Response:
    """Contact points not checked for more than `months` (or never), oldest first, with
    their e-mail addresses, so the office can ask them: semicolons and UTF-8 with BOM, as
    German Excel reads it."""
    since = checked_before(datetime.now(UTC).date(), months)
    statement = (
        select(ContactPoint)
        .where(col(ContactPoint.deleted).is_(False))
        .where(
            col(ContactPoint.last_verified).is_(None) | (col(ContactPoint.last_verified) < since)
        )
        .order_by(col(ContactPoint.last_verified).nulls_first(), col(ContactPoint.name))
    )
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for contact in session.exec(statement):
        writer.writerow(
            (
                contact.name,
                contact.organisation or "",
                contact.email or "",
                contact.phones[0]["number"] if contact.phones else "",
                ", ".join(contact.kommune_keys),
                contact.last_verified.isoformat() if contact.last_verified else "nie",
            )
        )
    return Response(
        "\ufeff" + out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="faellige-anlaufstellen.csv"'},
    )


def _csv(text: str, filename: str) -> Response:
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/contact-points.csv", response_class=Response, responses=_CSV)
def contact_points_csv(_: StaffCaller, session: SessionDep) -> Response:
    """Every contact point (drafts and archived ones too) in the columns of
    `wegweiser.spreadsheet`: opening hours one column per weekday."""
    records = bulk.live(session, ContactPoint)
    return _csv(spreadsheet.write_csv(ContactPoint.entity, records), "anlaufstellen.csv")


@router.get("/offers.csv", response_class=Response, responses=_CSV)
def offers_csv(_: StaffCaller, session: SessionDep) -> Response:
    """Every offer in the columns of `wegweiser.spreadsheet`."""
    records = bulk.live(session, Offer)
    return _csv(spreadsheet.write_csv(Offer.entity, records), "angebote.csv")


@router.get("/region.json", response_class=Response, responses=_JSON_FILE)
def region_json(_: StaffCaller, session: SessionDep) -> Response:
    """The whole region as a dataset file (`docs/data-format.md`): what another server
    loads to hold the same data (`wegweiser-server load` or `POST /imports/region.json`)."""
    return Response(
        dump_dataset(bulk.region_dataset(session)),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="wegweiser-region.json"'},
    )
