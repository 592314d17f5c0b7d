"""A handout as an answer: the PDF with its ETag and file name, or 304 when the asker
holds this state of it already. For the devices' `/handouts/…` and the public pages'
Publikationen alike."""

from collections.abc import Callable
from datetime import date

from fastapi import Request
from fastapi.responses import Response
from sqlmodel import Session

from sync_server import etags
from sync_server.handouts.content import state_tag
from sync_server.handouts.shelf import Shelf

Make = Callable[[Session, str, str, date], bytes]
"""(session, key or id, language, today) -> the PDF, made anew; raises
`published.NotFound`."""


def pdf_answer(
    request: Request,
    session: Session,
    kind: str,
    key: str,
    language: str,
    make: Make,
    cache_control: str | None = None,
    before_making: Callable[[], None] = lambda: None,
) -> Response:
    """The handout `kind` ("sheet" or "kommune") of `key` in `language`, from the shelf
    or made (`before_making` may refuse that: it costs seconds of CPU)."""
    today = date.today()
    tag = state_tag(session, kind, key, language, today)
    headers = {"ETag": tag} | ({"Cache-Control": cache_control} if cache_control else {})
    if etags.matches(request.headers.get("if-none-match"), tag):
        return Response(status_code=304, headers=headers)
    shelf: Shelf = request.app.state.handouts
    if not shelf.holds(tag):
        before_making()
    data = shelf.get_or_make(tag, lambda: make(session, key, language, today))
    name = f"wegweiser-{key[:8] if kind == 'sheet' else key}-{language}.pdf"
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'} | headers,
    )
