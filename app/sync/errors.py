"""What can go wrong talking to the server: exceptions that carry a German message for
the person, and how an error answer (its status and problem document) becomes one."""

import json
from typing import Any

from wegweiser.protocol import PROBLEM_BASE, UNREADABLE_CURSOR


class SyncError(Exception):
    """A sync step failed; `message` says why, in German, for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Offline(SyncError):
    """No connection, or it broke off: try again later, nothing is lost."""


class ServerFault(SyncError):
    """The server was reached and failed (a 5xx): not "offline"; tried again later."""


class TookTooLong(Offline):
    """The server did not answer in time: said as such, not as "no connection"."""


class PlainHttp(SyncError):
    """The server's address is plain http to another machine: the person is asked before
    codes and notes travel unencrypted."""


class Revoked(SyncError):
    """The server revoked this device: private data must be wiped."""


class Unauthorised(SyncError):
    """The token (or an enrolment code) is not accepted."""


class ResyncRequired(SyncError):
    """The cursor is too old or foreign: pull everything again, now or within `within`
    seconds (after a restore: at a moment of this device's own in the announced window)."""

    def __init__(self, message: str, within: int = 0) -> None:
        super().__init__(message)
        self.within = within


MOST_PUT_OFF = 6 * 3600
"""The longest a resync is put off, whatever a server announces."""


class ServerRefused(SyncError):
    """The server refused the request (a 4xx/5xx problem document)."""

    def __init__(self, message: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []
        """Each problem the document lists (a refused spreadsheet: row, column, message)."""


class Busy(Offline):
    """The server asked to come back later (503 with Retry-After) more often than the
    client waits: the scheduler tries again later, nothing is lost."""


def error_of(status: int, body: bytes) -> SyncError:
    """The exception an error answer (4xx or 5xx) stands for, with the server's words."""
    try:
        problem = json.loads(body)
        detail = str(problem.get("detail") or problem.get("title"))
    except (ValueError, AttributeError):
        problem, detail = {}, f"Der Server antwortete mit Status {status}."
    if status == 403 and problem.get("wipe"):
        return Revoked(detail)
    if status == 401:
        return Unauthorised(detail)
    if status == 410 or problem.get("type") == PROBLEM_BASE + UNREADABLE_CURSOR:
        within = problem.get("resync_within")
        if not isinstance(within, int) or isinstance(within, bool) or within < 0:
            within = 0
        return ResyncRequired(detail, min(within, MOST_PUT_OFF))
    if status == 408:
        # The body took too long on a slow line: nothing was stored, all goes again.
        return Offline(f"Die Verbindung war zu langsam. {detail}")
    if status in (429, 503) and problem:
        # Too many at once, or a server that must first make room: everything stays
        # queued and goes later; the server's own words say why.
        return Busy(detail)
    if status >= 500:
        return ServerFault(
            f"Der Server hat gerade ein Problem (Fehler {status}). Neuer Versuch "
            "später; die Koordinierungsstelle kann es dem Betrieb melden."
        )
    errors = problem.get("errors") if isinstance(problem, dict) else None
    return ServerRefused(detail, errors if isinstance(errors, list) else None)
