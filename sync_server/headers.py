"""Headers every answer carries: nothing here is to be cached or sniffed, and what a
browser renders (pages, documents, the API docs) is not to be framed or sent on as a
referrer. Every API route but the health checks answers with one device's private view
(its notes, its Kommunen, the review queue), so no proxy or browser may keep a copy; only
the public pages (published content) say how long they may be kept.

JSON answers carry only the two headers that matter for data: a tablet's periodic "nothing
new" is mostly headers, and framing, referrer and script policies mean nothing to a
document no browser renders (measured in bench/bench_sync_wire.py).

An answer that asks the client to come back (Retry-After) also closes the connection:
a client waiting out the pause would otherwise reuse a kept-alive connection just as the
server's idle timeout closes it, and see a transport error instead of an answer.
"""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DATA_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
"""What every answer carries, JSON included."""

SECURITY_HEADERS = {
    **DATA_HEADERS,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}

PAGES = "/wegweiser"
PAGE_POLICY = (
    "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; "
    "form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
"""The open Wegweiser's pages (sync_server/public): published content a proxy may keep
(each page sets its own Cache-Control), our stylesheet and nothing from elsewhere."""

# FastAPI's interactive documentation loads its page scripts; it is the one exception to
# the strict policy (it shows no data; every call from it still needs a token).
_DOCS = ("/docs", "/redoc")


class SecurityHeaders:
    """ASGI middleware: `DATA_HEADERS` on JSON answers, `SECURITY_HEADERS` on any other;
    `Connection: close` on an answer with Retry-After."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        documentation = path.startswith(_DOCS)
        public = path == PAGES or path.startswith(f"{PAGES}/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                data = headers.get("content-type", "").split(";")[0].endswith("json")
                for name, value in (DATA_HEADERS if data else SECURITY_HEADERS).items():
                    if documentation and name == "Content-Security-Policy":
                        continue
                    if public and name == "Cache-Control" and name in headers:
                        continue
                    headers[name] = value
                if public:
                    headers["Content-Security-Policy"] = PAGE_POLICY
                if "retry-after" in headers:
                    headers["Connection"] = "close"
            await send(message)

        await self.app(scope, receive, with_headers)
