"""What the sync client makes of an answer on the wire: read whole within a bound, told
when to come back, and whether a request cut off may be sent again."""

import json
import zlib
from dataclasses import dataclass
from typing import Any

import httpx

from app.sync.errors import Offline, ServerFault
from wegweiser.text import ascii_number


@dataclass(frozen=True)
class Answer:
    """A server's answer, read whole within its bound."""

    status_code: int
    headers: httpx.Headers
    content: bytes

    def json(self) -> Any:
        return json.loads(self.content)


def decoded(answer: Answer) -> Any:
    """The JSON of a successful answer (None for 204); an answer that is not JSON says
    in German why it may have come."""
    if answer.status_code == 204:
        return None
    try:
        return answer.json()
    except ValueError as exc:
        if "html" in answer.headers.get("content-type", ""):
            raise Offline(
                "Die Antwort kam nicht vom Wegweiser-Server, sondern von einer Webseite – "
                "vielleicht muss das Gerät erst im WLAN angemeldet werden (Anmeldeseite "
                "im Browser öffnen)."
            ) from exc
        raise Offline("Die Antwort des Servers kam unvollständig an.") from exc


_REPEATABLE = ("/sync/pull", "/sync/push")
"""POSTs that may be sent twice: a pull reads, a push is applied once per mutation id."""


def safe_to_repeat(request: httpx.Request) -> bool:
    return request.method == "GET" or request.url.path.endswith(_REPEATABLE)


def retry_after(answer: Answer, most: float) -> float | None:
    """Seconds a 503 or 429 with Retry-After asks to wait, up to `most` (None for any other
    answer, or a longer wait)."""
    if answer.status_code not in (429, 503):
        return None
    seconds = ascii_number(answer.headers.get("retry-after", ""))
    return float(seconds) if seconds is not None and seconds <= most else None


def read_bounded(response: httpx.Response, limit: int) -> bytes:
    """The body as sent, unpacked (gzip or none) chunk by chunk: past `limit` bytes it is
    dropped. A megabyte of gzip that unpacks to a gigabyte (httpx unpacks a whole network
    chunk at once, up to a thousandfold) took the app to 4 GB of memory."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "gzip"):
        raise ValueError(f"unexpected Content-Encoding {encoding!r}")
    unpacker = zlib.decompressobj(wbits=31) if encoding == "gzip" else None
    body = bytearray()
    for chunk in response.iter_raw():
        while chunk:
            if unpacker is None:
                body += chunk
                chunk = b""
            else:
                # Never more than the room left (plus one byte to notice the overflow).
                body += unpacker.decompress(chunk, limit - len(body) + 1)
                chunk = unpacker.unconsumed_tail
            if len(body) > limit:
                raise ServerFault(
                    f"Die Antwort des Servers war unerwartet groß (über {limit // 2**20} MB) "
                    "und wurde verworfen. Neuer Versuch später; bleibt es so, bitte der "
                    "Koordinierungsstelle melden."
                )
    if unpacker is not None and body and not unpacker.eof:
        raise zlib.error("the gzip stream ended early")
    return bytes(body)
