"""Fields an older schema named otherwise, read as today's: for what was stored before
the change (an outbox, reports in the review queue, registrations not yet confirmed),
on the app and the server alike."""

from typing import Any

from wegweiser.model import NetworkPartner
from wegweiser.owned import ChangeReport


def partner_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """A partner's fields from before it could name several Kommunen: the one
    `kommune_key` (None: district-wide) becomes the list `kommune_keys`."""
    if "kommune_key" not in fields:
        return fields
    upgraded = {name: value for name, value in fields.items() if name != "kommune_key"}
    key = fields["kommune_key"]
    upgraded["kommune_keys"] = [key] if key else []
    return upgraded


def report_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """A change report's fields (as synced) whose `changes` may name a partner's field
    by its old name."""
    if fields.get("target_entity") != NetworkPartner.entity:
        return fields
    upgraded = dict(fields)
    for name in ("changes", "published"):
        if isinstance(fields.get(name), dict):
            upgraded[name] = partner_fields(fields[name])
    return upgraded


def fields_of(entity: str, fields: dict[str, Any]) -> dict[str, Any]:
    """`fields` of a record of kind `entity`, in today's names."""
    if entity == NetworkPartner.entity:
        return partner_fields(fields)
    if entity == ChangeReport.entity:
        return report_fields(fields)
    return fields
