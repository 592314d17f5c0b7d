"""HTTP to the sync server, with its answers turned into typed results or German errors."""

import random
import time
from collections.abc import Callable
from typing import Any

import httpx

from wegweiser.protocol import (
    AuditView,
    DeviceInfo,
    EnrolmentCodeRequest,
    EnrolmentCodeResponse,
    EnrolRequest,
    EnrolResponse,
    Mutation,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    RejectRequest,
    ReportPage,
    ReportView,
    WaitingCode,
)
from wegweiser.self_service import (
    UpdateRequestCreate,
    UpdateRequestList,
    UpdateRequestResult,
    UpdateRequestView,
)
from wegweiser.text import ascii_number


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


class Revoked(SyncError):
    """The server revoked this device: private data must be wiped."""


class Unauthorised(SyncError):
    """The token (or an enrolment code) is not accepted."""


class ResyncRequired(SyncError):
    """The cursor is too old or foreign: pull everything again."""


class ServerRefused(SyncError):
    """The server refused the request (a 4xx/5xx problem document)."""

    def __init__(self, message: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []
        """Each problem the document lists (a refused spreadsheet: row, column, message)."""


class Busy(Offline):
    """The server asked to come back later (503 with Retry-After) more often than the
    client waits: the scheduler tries again later, nothing is lost."""


BUSY_WAIT_LIMIT = 60.0
"""Seconds one request may spend waiting as a busy server asks, before it gives up."""


class SyncClient:
    """One server, one device token."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"), headers=headers, timeout=timeout, transport=transport
        )
        self.bytes_received = 0
        """Response bytes as they came over the wire (compressed), for progress displays."""
        self.busy_waits = 0
        """How often a busy server made this client wait (for tests and benchmarks)."""
        self._sleep = sleep
        self._rng = rng or random.Random()

    def close(self) -> None:
        self._http.close()

    def enrol(self, code: str, device_name: str) -> EnrolResponse:
        body = EnrolRequest(code=code, device_name=device_name)
        return EnrolResponse.model_validate(self._post("/enrol", body.model_dump()))

    def pull(self, request: PullRequest) -> PullResponse:
        return PullResponse.model_validate(
            self._post("/sync/pull", request.model_dump(exclude_none=True))
        )

    def push(self, mutations: list[Mutation]) -> PushResponse:
        body = PushRequest(mutations=mutations)
        return PushResponse.model_validate(self._post("/sync/push", body.model_dump(mode="json")))

    def reports(
        self,
        status: str | None = "pending",
        limit: int = 200,
        kommune: str | None = None,
        after: str | None = None,
    ) -> ReportPage:
        """A page of the review queue (the Koordinierungsstelle's devices); `after` is
        the page before's `next_after`."""
        params: dict[str, Any] = {"limit": limit}
        for name, value in (("status", status), ("kommune", kommune), ("after", after)):
            if value is not None:
                params[name] = value
        return ReportPage.model_validate(self._send("GET", "/reports", params=params))

    def accept_report(self, report_id: str, fields: dict[str, Any] | None = None) -> ReportView:
        body = {"fields": fields} if fields is not None else {}
        return ReportView.model_validate(self._post(f"/reports/{report_id}/accept", body))

    def reject_report(self, report_id: str, request: RejectRequest) -> ReportView:
        body = request.model_dump()
        return ReportView.model_validate(self._post(f"/reports/{report_id}/reject", body))

    def audit(self, record_id: str) -> list[AuditView]:
        """The audit trail of an entry, newest first (staff)."""
        found = self._send("GET", "/audit", params={"record_id": record_id})
        return [AuditView.model_validate(event) for event in found]

    def devices(self) -> list[DeviceInfo]:
        """Every enrolled device with its account (staff)."""
        return [DeviceInfo.model_validate(d) for d in self._send("GET", "/admin/devices")]

    def waiting_codes(self) -> list[WaitingCode]:
        """Enrolment codes not yet used, with their accounts (staff)."""
        return [WaitingCode.model_validate(c) for c in self._send("GET", "/admin/codes")]

    def create_code(self, request: EnrolmentCodeRequest) -> EnrolmentCodeResponse:
        """A one-time enrolment code (staff; the server decides for which roles)."""
        body = request.model_dump(mode="json", exclude_none=True)
        return EnrolmentCodeResponse.model_validate(self._post("/admin/enrolment-codes", body))

    def revoke_device(self, device_id: str) -> None:
        self._post(f"/admin/devices/{device_id}/revoke", {})

    def revoke_account(self, account_id: str) -> None:
        self._post(f"/admin/accounts/{account_id}/revoke", {})

    def update_requests(self) -> list[UpdateRequestView]:
        """Where the latest update request of each entry stands (staff)."""
        found = self._send("GET", "/admin/update-requests")
        return UpdateRequestList.model_validate(found).requests

    def ask_for_updates(self, request: UpdateRequestCreate) -> list[UpdateRequestResult]:
        """Mail contact points their personal links (staff); the outcome per entry."""
        found = self._post("/admin/update-requests", request.model_dump(exclude_none=True))
        return [UpdateRequestResult.model_validate(each) for each in found]

    def update_letter(self, record_id: str) -> bytes:
        """A printed letter (PDF) with a personal link for one contact point (staff)."""
        path = f"/admin/update-requests/letters/{record_id}"
        return self._exchange("POST", path, {}, queued=False).content

    def download(self, path: str, timeout: float | None = None) -> bytes:
        """A file the server makes (a CSV or JSON export, a ZIP of PDFs), as it came;
        `timeout`: seconds to wait for work that takes long (the client's otherwise)."""
        return self._exchange("GET", path, timeout=timeout, queued=False).content

    def download_if_changed(self, path: str, tag: str | None) -> tuple[bytes | None, str | None]:
        """A file the server makes, unless the device holds this state of it already
        (`tag`, the ETag it came with): (None, tag) then."""
        headers = {"If-None-Match": tag} if tag else None
        response = self._exchange("GET", path, headers=headers, queued=False)
        if response.status_code == 304:
            return None, tag
        return response.content, response.headers.get("etag")

    def upload(self, path: str, data: bytes, content_type: str) -> Any:
        """Send a file (a spreadsheet to import); its JSON answer. A refused file raises
        `ServerRefused` whose `errors` name each problem."""
        response = self._exchange(
            "POST", path, content=data, headers={"Content-Type": content_type}, queued=False
        )
        return response.json()

    def _post(self, path: str, body: dict[str, Any]) -> Any:
        return self._send("POST", path, body=body)

    def _send(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        response = self._exchange(method, path, body, params)
        if response.status_code == 204:
            return None
        try:
            return response.json()
        except ValueError as exc:
            if "html" in response.headers.get("content-type", ""):
                raise Offline(
                    "Die Antwort kam nicht vom Wegweiser-Server, sondern von einer Webseite – "
                    "vielleicht muss das Gerät erst im WLAN angemeldet werden (Anmeldeseite "
                    "im Browser öffnen)."
                ) from exc
            raise Offline("Die Antwort des Servers kam unvollständig an.") from exc

    def _exchange(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float | None = None,
        queued: bool = True,
    ) -> httpx.Response:
        """One request, waiting as a busy server asks; an error answer raises. `queued`:
        the device's changes wait in the outbox meanwhile (a sync), so the message says
        they are kept; a download or an upload has nothing waiting."""
        kept = " Die Änderungen bleiben gespeichert und werden später gesendet." if queued else ""
        waited = 0.0
        while True:
            try:
                response = self._http.request(
                    method,
                    path,
                    json=body,
                    params=params,
                    content=content,
                    headers=headers,
                    timeout=httpx.USE_CLIENT_DEFAULT if timeout is None else timeout,
                )
            except httpx.TimeoutException as exc:
                seconds = timeout or self._http.timeout.read or 0
                raise TookTooLong(
                    "Der Server hat nicht rechtzeitig geantwortet (Zeitüberschreitung nach "
                    f"{seconds:.0f} s). Bitte später noch einmal versuchen.{kept}"
                ) from exc
            except httpx.TransportError as exc:
                raise Offline(f"Keine Verbindung zum Server.{kept}") from exc
            self.bytes_received += response.num_bytes_downloaded
            pause = _retry_after(response)
            if pause is None:
                break
            # Everyone the server turned away comes back spread over half the pause
            # again, not all at the same moment.
            pause *= self._rng.uniform(1.0, 1.5)
            if waited + pause > BUSY_WAIT_LIMIT:
                raise Busy(
                    "Der Server ist gerade ausgelastet. Die Änderungen bleiben gespeichert "
                    "und werden später gesendet."
                )
            self.busy_waits += 1
            self._sleep(pause)
            waited += pause
        if response.status_code < 400:
            return response
        raise _error(response)


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds a 503 or 429 with Retry-After asks to wait (None for any other answer)."""
    if response.status_code not in (429, 503):
        return None
    seconds = ascii_number(response.headers.get("retry-after", ""))
    return float(seconds) if seconds is not None and seconds <= BUSY_WAIT_LIMIT else None


def _error(response: httpx.Response) -> SyncError:
    try:
        problem = response.json()
        detail = str(problem.get("detail") or problem.get("title"))
    except (ValueError, AttributeError):
        problem, detail = {}, f"Der Server antwortete mit Status {response.status_code}."
    if response.status_code == 403 and problem.get("wipe"):
        return Revoked(detail)
    if response.status_code == 401:
        return Unauthorised(detail)
    if response.status_code == 410:
        return ResyncRequired(detail)
    if response.status_code in (429, 503) and problem:
        # Too many at once, or a server that must first make room: everything stays
        # queued and goes later; the server's own words say why.
        return Busy(detail)
    if response.status_code >= 500:
        return ServerFault(
            f"Der Server hat gerade ein Problem (Fehler {response.status_code}). Neuer Versuch "
            "später; die Koordinierungsstelle kann es dem Betrieb melden."
        )
    errors = problem.get("errors") if isinstance(problem, dict) else None
    return ServerRefused(detail, errors if isinstance(errors, list) else None)


ClientFactory = Callable[[str, str | None], SyncClient]
"""Makes the client for (server address, device token); tests pass their own."""
