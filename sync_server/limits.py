"""Hard limits on a request's body, its size and the time it takes to arrive, checked
before admission counts the request and before any route reads the body."""

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync_server.problems import problem_response
from wegweiser.protocol import PROBLEM_BASE, Problem


class BodyLimit:
    """Answer 413 for bodies over `max_bytes`, whether or not Content-Length is sent, and
    408 for one not in within `seconds`.

    Outside admission: a request counts at work only once its body is in. Nine
    connections sending a body a byte a second took every place, and the tablets' pushes
    got 503."""

    def __init__(self, app: ASGIApp, max_bytes: int, seconds: float = 30.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.seconds = seconds

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
        try:
            async with asyncio.timeout(self.seconds):
                while more:
                    message = await receive()
                    if message["type"] != "http.request":
                        await self.app(scope, _replay([], message, receive), send)
                        return
                    chunk = message.get("body", b"")
                    received += len(chunk)
                    if received > self.max_bytes:
                        await self._too_large(scope, receive, send)
                        return
                    chunks.append(chunk)
                    more = message.get("more_body", False)
        except TimeoutError:
            await self._too_slow(scope, receive, send)
            return
        await self.app(scope, _replay(chunks, None, receive), send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail = f"Anfragen dürfen höchstens {self.max_bytes} Bytes groß sein."
        await _refuse(413, "zu-gross", "Anfrage zu groß", detail)(scope, receive, send)

    async def _too_slow(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail = f"Die Anfrage kam nicht innerhalb von {self.seconds:g} Sekunden an."
        answer = _refuse(408, "zu-langsam", "Anfrage zu langsam", detail, {"Connection": "close"})
        await answer(scope, receive, send)


def _refuse(
    status: int, kind: str, title: str, detail: str, headers: dict[str, str] | None = None
) -> ASGIApp:
    problem = Problem(type=PROBLEM_BASE + kind, title=title, status=status, detail=detail)
    return problem_response(problem, headers)


def _replay(chunks: list[bytes], then: Message | None, client: Receive) -> Receive:
    body = b"".join(chunks)
    delivered = False

    async def receive() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            if then is not None:
                return then
            return {"type": "http.request", "body": body, "more_body": False}
        # After the body the next message is the client going away, when it does (a
        # handout being made stops then: `sync_server.handouts.budget`).
        return await client()

    return receive
