"""What every part of the example data shares: stable ids, the spread of verification
dates, invented phone numbers, and the offices that serve several Kommunen."""

import uuid
from datetime import date, timedelta
from typing import Any

NAMESPACE = uuid.UUID("5d0c1f3e-8a4b-4c2e-9f61-0b7d3a2e4c10")
TODAY = date(2026, 11, 1)
# Seats of the Jobcenter/MBE offices and the Kommunen each one serves.
OFFICE_AREAS = {
    "halberstadt": [
        "halberstadt",
        "huy",
        "nordharz",
        "vorharz",
        "ditfurt",
        "gross-quenstedt",
        "harsleben",
        "hedersleben",
        "schwanebeck",
        "selke-aue",
        "wegeleben",
        "osterwieck",
    ],
    "wernigerode": ["wernigerode", "ilsenburg", "oberharz", "blankenburg"],
    "quedlinburg": ["quedlinburg", "thale", "ballenstedt", "falkenstein", "harzgerode"],
}


def uid(slug: str) -> str:
    """A stable id for a readable slug."""
    return str(uuid.uuid5(NAMESPACE, slug))


def verified(n: int) -> str:
    """A spread of verification dates; every seventh entry is over a year old."""
    days = 420 + (n * 37) % 200 if n % 7 == 3 else (n * 53) % 330
    return (TODAY - timedelta(days=days)).isoformat()


def phone(area: str, n: int, label: str = "Telefon") -> dict[str, str]:
    return {"label": label, "number": f"+49 {area[1:]} 0000-{n:03d}"}


def seat_of(key: str) -> str:
    return next(seat for seat, area in OFFICE_AREAS.items() if key in area)


def contact(n: int, fields: dict[str, Any]) -> dict[str, Any]:
    """A contact point from its fields: a stable id from its slug, verified on a date of
    the spread, German and no topics unless the fields say otherwise."""
    slug = fields.pop("slug")
    record: dict[str, Any] = {
        "id": uid(f"contact/{slug}"),
        "kommune_keys": [],
        "languages": ["de"],
        "topic_keys": [],
        "target_groups": [],
        "last_verified": verified(n),
    }
    record.update(fields)
    return record
