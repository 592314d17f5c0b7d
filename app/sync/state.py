"""What a device remembers about syncing: server, token, scope, cursor, last outcome.

Kept as one JSON value in the store's `store_meta`, so it is written in the same
transaction as the pulled page it belongs to.
"""

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlmodel import Session

from app.store import content

_KEY = "sync"


@dataclass
class ScopeAddition:
    """A Kommune being added: its own pull from `cursor` up to `until`."""

    kommune: str
    until: str
    cursor: str = ""


@dataclass
class SyncState:
    server_url: str = ""
    token: str = ""
    device_id: str = ""
    account_id: str = ""
    account_name: str = ""
    role: str = ""
    kommunen: list[str] = field(default_factory=list)
    cursor: str = ""
    adding: list[ScopeAddition] = field(default_factory=list)
    """Kommunen chosen while the device already held data, each pulled on its own in
    the order chosen; a Kommune joins `kommunen` when its pull is complete."""
    resyncing: bool = False
    resync_at: str | None = None
    """A full resync a restored server asked for, put off until then (ISO time) so that
    a district's tablets do not all come at once; until then the device works on with
    what it holds."""
    last_success: str | None = None
    last_error: str | None = None
    revoked: bool = False
    """The office revoked this device: its private data was deleted at the last contact.
    Said on every screen until it is connected again."""
    token_refused: bool = False
    """The server no longer knows this device's token (a restore of a backup older than
    its enrolment): a new code signs it in again, and it keeps what it holds."""
    example_data: bool | None = None
    """Whether the server's content is example data (every pull says it again); None
    until the first pull."""

    @property
    def enrolled(self) -> bool:
        return bool(self.server_url and self.token)

    @property
    def followed(self) -> list[str]:
        """Every Kommune the person chose: those on the device and those on their way."""
        return sorted({*self.kommunen, *(a.kommune for a in self.adding)})


def load(session: Session) -> SyncState:
    """The stored state (an empty one before enrolment)."""
    raw = content.get_meta(session, _KEY)
    if raw is None:
        return SyncState()
    return from_json(json.loads(raw))


def from_json(values: dict[str, Any]) -> SyncState:
    """The state from its stored JSON (one pending addition, as stores before version
    0.2 kept it, becomes a list of one)."""
    adding = values.pop("adding", None) or []
    if isinstance(adding, dict):
        adding = [adding]
    return SyncState(**values, adding=[ScopeAddition(**a) for a in adding])


def save(session: Session, state: SyncState) -> None:
    """Write the state in the session's transaction."""
    content.set_meta(session, _KEY, json.dumps(asdict(state)))
