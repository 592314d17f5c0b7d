"""HTTP to the sync server, with its answers turned into typed results or German errors."""

import functools
import random
import ssl
import time
import zlib
from collections.abc import Callable
from typing import Any

import httpx

from app.sync.answers import Answer, decoded, read_bounded, retry_after, safe_to_repeat
from app.sync.errors import Busy, Offline, ServerFault, ServerRefused, TookTooLong, error_of
from wegweiser.columns import as_columns, fields_tag
from wegweiser.protocol import (
    AuditView,
    DeviceInfo,
    EnrolmentCodeRequest,
    EnrolmentCodeResponse,
    EnrolRequest,
    EnrolResponse,
    Mutation,
    PullPage,
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

BUSY_WAIT_LIMIT = 60.0
"""Seconds one request may spend waiting as a busy server asks, before it gives up."""
ANSWER_LIMIT = 32 * 2**20
"""Bytes (unpacked) one answer to a sync or a query may hold: a pull page of 500 records
is well under a megabyte."""
FILE_LIMIT = 256 * 2**20
"""Bytes (unpacked) a downloaded file may hold (the export of the whole district, every
handout of a Kommune)."""


@functools.cache
def _certificates() -> ssl.SSLContext:
    """The certificates a server is checked against, read once per process: httpx reads
    them for every client it makes (20 ms of CPU here, more on a tablet), and the app
    makes one for each sync engine."""
    return httpx.create_ssl_context()


def carry_app_headers(http: httpx.Client, token: str | None) -> None:
    """What every request of the app carries (benchmarks send the same). httpx's own
    (`Accept: */*`, a version in User-Agent, HTTP/1.1's default keep-alive) say nothing
    the server uses, and each periodic sync would send them."""
    # gzip only: it is unpacked here, within a bound (see `answers.read_bounded`).
    http.headers = {"Accept-Encoding": "gzip", "User-Agent": "wegweiser-app"}
    del http.headers["Accept"], http.headers["Connection"]
    if token:
        http.headers["Authorization"] = f"Bearer {token}"


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
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            timeout=timeout,
            transport=transport,
            verify=_certificates(),
        )
        carry_app_headers(self._http, token)
        self.bytes_received = 0
        """Response bytes as they came over the wire (compressed), for progress displays."""
        self.busy_waits = 0
        """How often a busy server made this client wait (for tests and benchmarks)."""
        self.reads_columns = True
        """Pages are asked for as columns, until a server refuses the field."""
        self._sleep = sleep
        self._rng = rng or random.Random()

    def close(self) -> None:
        self._http.close()

    def enrol(self, code: str, device_name: str) -> EnrolResponse:
        body = EnrolRequest(code=code, device_name=device_name)
        return EnrolResponse.model_validate(self._post("/enrol", body.model_dump()))

    def pull(self, request: PullRequest) -> PullPage:
        return self.read_page(self.ask_page(request))

    def ask_page(self, request: PullRequest) -> Answer:
        """The network's part of `pull`: the answer as it came, read later by `read_page`
        (the sync asks for the next page while it writes the last one)."""
        try:
            return self._exchange("POST", "/sync/pull", pull_body(request, self.reads_columns))
        except ServerRefused as refused:
            if not self.reads_columns or not _unknown_field(refused, "columns"):
                raise
            self.reads_columns = False  # a server from before the columns
            return self._exchange("POST", "/sync/pull", pull_body(request, columns=False))

    @staticmethod
    def read_page(answer: Answer) -> PullPage:
        """A page as columns, whatever the server sent: "nothing new", and every page of
        a server older than the `columns` field, come as a `PullResponse`."""
        found = decoded(answer)
        if isinstance(found, dict) and "records" in found:
            return PullPage.model_validate(found)
        return as_columns(PullResponse.model_validate(found))

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
        return self._exchange("POST", path, {}, queued=False, limit=FILE_LIMIT).content

    def download(self, path: str, timeout: float | None = None) -> bytes:
        """A file the server makes (a CSV or JSON export, a ZIP of PDFs), as it came;
        `timeout`: seconds to wait for work that takes long (the client's otherwise)."""
        answer = self._exchange("GET", path, timeout=timeout, queued=False, limit=FILE_LIMIT)
        return answer.content

    def download_if_changed(self, path: str, tag: str | None) -> tuple[bytes | None, str | None]:
        """A file the server makes, unless the device holds this state of it already
        (`tag`, the ETag it came with): (None, tag) then."""
        headers = {"If-None-Match": tag} if tag else None
        answer = self._exchange("GET", path, headers=headers, queued=False, limit=FILE_LIMIT)
        if answer.status_code == 304:
            return None, tag
        return answer.content, answer.headers.get("etag")

    def upload(self, path: str, data: bytes, content_type: str) -> Any:
        """Send a file (a spreadsheet to import); its JSON answer. A refused file raises
        `ServerRefused` whose `errors` name each problem."""
        answer = self._exchange(
            "POST", path, content=data, headers={"Content-Type": content_type}, queued=False
        )
        return answer.json()

    def _post(self, path: str, body: dict[str, Any]) -> Any:
        return self._send("POST", path, body=body)

    def _send(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        return decoded(self._exchange(method, path, body, params))

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
        limit: int = ANSWER_LIMIT,
    ) -> Answer:
        """One request, waiting as a busy server asks; an error answer raises. `queued`:
        the device's changes wait in the outbox meanwhile (a sync), so the message says
        they are kept; a download or an upload has nothing waiting. `limit`: the bytes
        the answer may hold once unpacked."""
        kept = " Die Änderungen bleiben gespeichert und werden später gesendet." if queued else ""
        request = self._http.build_request(
            method,
            path,
            json=body,
            params=params,
            content=content,
            headers=headers,
            timeout=httpx.USE_CLIENT_DEFAULT if timeout is None else timeout,
        )
        waited = 0.0
        cut_off = 0
        while True:
            try:
                answer = self._receive(request, limit)
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
                # A kept-alive connection the server closed just as it was reused (its
                # idle timeout): asked once more on a new one, where that is safe.
                cut_off += 1
                if cut_off == 1 and safe_to_repeat(request):
                    continue
                raise Offline(f"Keine Verbindung zum Server.{kept}") from exc
            except httpx.TimeoutException as exc:
                seconds = timeout or self._http.timeout.read or 0
                raise TookTooLong(
                    "Der Server hat nicht rechtzeitig geantwortet (Zeitüberschreitung nach "
                    f"{seconds:.0f} s). Bitte später noch einmal versuchen.{kept}"
                ) from exc
            except httpx.TransportError as exc:
                raise Offline(f"Keine Verbindung zum Server.{kept}") from exc
            pause = retry_after(answer, BUSY_WAIT_LIMIT)
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
        if answer.status_code < 400:
            return answer
        raise error_of(answer.status_code, answer.content)

    def _receive(self, request: httpx.Request, limit: int) -> Answer:
        response = self._http.send(request, stream=True)
        try:
            content = read_bounded(response, limit)
        except (zlib.error, ValueError) as exc:
            # Said to the person as a server fault also outside a sync (a download).
            raise ServerFault(
                "Die Antwort des Servers kam beschädigt oder unerwartet an. Neuer Versuch später."
            ) from exc
        finally:
            self.bytes_received += response.num_bytes_downloaded
            response.close()
        return Answer(response.status_code, response.headers, content)


def pull_body(request: PullRequest, columns: bool = True) -> dict[str, Any]:
    """A pull request as the app sends it (benchmarks send the same): defaults left out,
    since a periodic "nothing new" costs every byte it sends. Columns are asked for with
    the app's fields' tag: blocks then come without their field names."""
    asked = fields_tag() if columns else False
    return request.model_copy(update={"columns": asked}).model_dump(exclude_defaults=True)


def _unknown_field(refused: ServerRefused, name: str) -> bool:
    return any(
        error.get("type") == "extra_forbidden" and error.get("feld") == name
        for error in refused.errors
    )


ClientFactory = Callable[[str, str | None], SyncClient]
"""Makes the client for (server address, device token); tests pass their own."""
