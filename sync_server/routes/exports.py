"""`/exports`: lists the Koordinierungsstelle takes into a spreadsheet."""

import csv
import io
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response
from sqlmodel import col, select

from sync_server.deps import SessionDep, StaffCaller
from wegweiser.freshness import checked_before
from wegweiser.model import ContactPoint

router = APIRouter(prefix="/exports", tags=["export"])

COLUMNS = ("Name", "Organisation", "E-Mail", "Telefon", "Kommunen", "Zuletzt geprüft")


@router.get("/due-contacts.csv")
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
