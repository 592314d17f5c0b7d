"""Small builders for sync requests in tests."""

import uuid
from typing import Any


def mutation(
    entity: str,
    record_id: str,
    base_version: int,
    fields: dict[str, Any] | None = None,
    op: str = "upsert",
) -> dict[str, Any]:
    """A mutation with a fresh idempotency key."""
    return {
        "id": str(uuid.uuid4()),
        "entity": entity,
        "record_id": record_id,
        "op": op,
        "base_version": base_version,
        "fields": fields or {},
    }


def new_id() -> str:
    return str(uuid.uuid4())
