"""A hard limit on request body size, checked before any route reads the body."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync_server.problems import problem_response
from wegweiser.protocol import PROBLEM_BASE, Problem


class BodySizeLimit:
    """Answer 413 for bodies over `max_bytes`, whether or not Content-Length is sent."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._too_large(scope, receive, send)
            return
        # Read the whole body here, bounded, then hand it on: a route never sees a body
        # over the limit, also when the client sends no Content-Length (chunked).
        chunks: list[bytes] = []
        received = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([], message), send)
                return
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        await self.app(scope, _replay(chunks, None), send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        problem = Problem(
            type=PROBLEM_BASE + "zu-gross",
            title="Anfrage zu groß",
            status=413,
            detail=f"Anfragen dürfen höchstens {self.max_bytes} Bytes groß sein.",
        )
        await problem_response(problem)(scope, receive, send)


def _replay(chunks: list[bytes], then: Message | None) -> Receive:
    body = b"".join(chunks)
    delivered = False

    async def receive() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            if then is not None:
                return then
            return {"type": "http.request", "body": body, "more_body": False}
        # After the body, the app only waits for the client to go away.
        return {"type": "http.disconnect"}

    return receive
