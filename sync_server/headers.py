"""Headers every answer carries: nothing here is to be cached, framed, sniffed or sent on
as a referrer. Every API route but the health checks answers with one device's private
view (its notes, its Kommunen, the review queue), so no proxy or browser may keep a copy;
only the public pages (published content) say how long they may be kept."""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
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
    """ASGI middleware: add `SECURITY_HEADERS` to every HTTP answer."""

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
                for name, value in SECURITY_HEADERS.items():
                    if documentation and name == "Content-Security-Policy":
                        continue
                    if public and name == "Cache-Control" and name in headers:
                        continue
                    headers[name] = value
                if public:
                    headers["Content-Security-Policy"] = PAGE_POLICY
            await send(message)

        await self.app(scope, receive, with_headers)
