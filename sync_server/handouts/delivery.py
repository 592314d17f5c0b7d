"""A handout as an answer: the PDF with its ETag and file name, or 304 when the asker
holds this state of it already. For the devices' `/handouts/…` and the public pages'
Publikationen alike.

Making one runs in a worker thread while the request watches its client: a client gone
stops the making (`budget.NobodyWaits`), and so does a document past its CPU budget."""

import asyncio
from collections.abc import Callable
from datetime import date

from fastapi import Request
from fastapi.responses import Response
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from sync_server import etags
from sync_server.handouts.budget import Budget, NobodyWaits, TooCostly
from sync_server.handouts.content import state_tag
from sync_server.problems import ProblemError
from sync_server.shelf import Shelf

Make = Callable[[Session, str, str, date, Budget], bytes]
"""(session, key or id, language, today, budget) -> the PDF, made anew; raises
`published.NotFound`."""

WATCH_SECONDS = 0.1
"""How often a request being answered looks whether its client is still there."""


def pdf_answer(
    request: Request,
    session: Session,
    kind: str,
    key: str,
    language: str,
    make: Make,
    budget: Budget,
    cache_control: str | None = None,
    before_making: Callable[[], None] = lambda: None,
) -> Response:
    """The handout `kind` ("sheet" or "kommune") of `key` in `language`, from the shelf
    or made within `budget` (`before_making` may refuse that: it costs seconds of CPU)."""
    today = date.today()
    tag = state_tag(session, kind, key, language, today)
    headers = {"ETag": tag} | ({"Cache-Control": cache_control} if cache_control else {})
    if etags.matches(request.headers.get("if-none-match"), tag):
        return Response(status_code=304, headers=headers)
    shelf: Shelf = request.app.state.handouts
    if not shelf.holds(tag):
        before_making()
    try:
        data = shelf.get_or_make(tag, lambda: make(session, key, language, today, budget))
    except TooCostly:
        raise ProblemError(
            422,
            "zu-aufwendig",
            "Handout zu umfangreich",
            f"Dieses Handout wäre zu umfangreich (mehr als {budget.cpu_seconds:.0f} s "
            "Rechenzeit). Bitte der Koordinierungsstelle melden.",
        ) from None
    except NobodyWaits:
        return Response(status_code=204)  # read by nobody
    name = f"wegweiser-{key[:8] if kind == 'sheet' else key}-{language}.pdf"
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'} | headers,
    )


async def while_asked(request: Request, answer: Callable[[Budget], Response]) -> Response:
    """`answer` in a worker thread, with a budget whose `stop` is set once the client
    has gone away (a tablet that gave up, a closed browser tab)."""
    budget = Budget(request.app.state.settings.handout_cpu_seconds)

    async def watch() -> None:
        while not await request.is_disconnected():
            await asyncio.sleep(WATCH_SECONDS)
        budget.stop.set()

    watcher = asyncio.create_task(watch())
    try:
        return await run_in_threadpool(answer, budget)
    finally:
        watcher.cancel()
