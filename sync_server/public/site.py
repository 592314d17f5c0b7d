"""The open Wegweiser put together on the server: its pages, its stylesheet, the 404 for
every other address under `/wegweiser`, and the clock that says what is open now."""

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sync_server.public import contacts, pages, publications, search
from sync_server.public.rendering import HERE, MAX_AGE, PREFIX, PageNotFound, berlin_now, not_found
from sync_server.public.search_index import PublicIndex

STYLESHEET = HERE / "static" / "wegweiser.css"
router = APIRouter(prefix=PREFIX, include_in_schema=False)


@router.get("", response_class=RedirectResponse)
@router.get("/", response_class=RedirectResponse)
def entrance() -> RedirectResponse:
    return RedirectResponse(f"{PREFIX}/de/", status_code=307)


@router.get("/static/wegweiser.css")
def stylesheet() -> Response:
    return Response(
        STYLESHEET.read_bytes(),
        media_type="text/css",
        headers={"Cache-Control": f"public, max-age={MAX_AGE}"},
    )


# Last: any other address under the pages is the same plain 404 as an unknown entry.
fallback = APIRouter(prefix=PREFIX, include_in_schema=False)


@fallback.get("/{language}/{rest:path}", response_class=HTMLResponse)
def elsewhere(language: str, rest: str) -> Response:
    raise PageNotFound(language)


def install(app: FastAPI) -> None:
    """The pages on `app`, when the settings have them on."""
    if not app.state.settings.public_pages:
        return
    app.state.clock = berlin_now
    app.state.public_index = PublicIndex(app.state.settings.data_dir / "public-search")
    for each in (
        router,
        pages.router,
        contacts.router,
        search.router,
        publications.router,
        fallback,
    ):
        app.include_router(each)
    app.add_exception_handler(PageNotFound, not_found)
