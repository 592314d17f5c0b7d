"""The sync status the UI shows: plain data, read from the store."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SyncStatus:
    """What a person needs to know about syncing, without knowing how it works."""

    enrolled: bool
    online: bool | None
    """True after the last contact succeeded, False after it failed, None before any."""
    syncing: bool
    last_success: datetime | None
    pending: int
    """Edits waiting in the outbox."""
    open_problems: int
    """Conflicts and refused edits a person still has to look at."""
    last_error: str | None
    """The last error, in German, for the person."""
    server_fault: bool = False
    """The last attempt reached the server and it failed (a 5xx): not offline."""
    revoked: bool = False
    """The office revoked this device; its private data is gone (say so everywhere)."""
    token_refused: bool = False
    """The server no longer knows this device: a new code signs it in again, keeping
    its notes, reports and edits."""
    last_attempt: datetime | None = None
    """When this process last tried (so that "Jetzt synchronisieren" visibly did something,
    also when it failed the same way again)."""
