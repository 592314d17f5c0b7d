"""The open Wegweiser put together on the server: its pages, its stylesheet, the 404 for
every other address under `/wegweiser`, the clock that says what is open now, and the
limit of pages one network address may ask for a minute."""

from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from sync_server.deps import LimiterDep
from sync_server.public import (
    contacts,
    pages,
    publications,
    registration_form,
    search,
    update_form,
)
from sync_server.public.cache import DataState, KeptPages, PageCache
from sync_server.public.labels import words
from sync_server.public.rendering import (
    HERE,
    PREFIX,
    PageNotFound,
    berlin_now,
    not_found,
    render,
)
from sync_server.public.search_index import PublicIndex
from sync_server.rate_limits import Rate
from wegweiser.languages import LANGUAGE_NAMES

FONTS = Path(__file__).resolve().parents[1] / "handouts" / "fonts"
router = APIRouter(prefix=PREFIX, include_in_schema=False)


@router.get("", response_class=RedirectResponse)
@router.get("/", response_class=RedirectResponse)
def entrance() -> RedirectResponse:
    return RedirectResponse(f"{PREFIX}/de/", status_code=307)


STATIC = {
    "wegweiser.css": (HERE / "static" / "wegweiser.css", "text/css"),
    "arabic.css": (HERE / "static" / "arabic.css", "text/css"),
    # The printed handouts' font files, not a copy of them.
    "fonts/NotoSansArabic-Regular.ttf": (FONTS / "NotoSansArabic-Regular.ttf", "font/ttf"),
    "fonts/NotoSansArabic-Bold.ttf": (FONTS / "NotoSansArabic-Bold.ttf", "font/ttf"),
}
"""Every file the pages load besides themselves: two stylesheets and, on Arabic-script
pages only, the Arabic font."""


@router.get("/static/{name:path}")
def static(name: str) -> Response:
    if name not in STATIC:
        raise PageNotFound("de")
    path, media_type = STATIC[name]
    # A day: the files change only with a new server version.
    return Response(
        path.read_bytes(), media_type=media_type, headers={"Cache-Control": "public, max-age=86400"}
    )


# Last: any other address under the pages is the same plain 404 as an unknown entry.
fallback = APIRouter(prefix=PREFIX, include_in_schema=False)


@fallback.get("/{language}/{rest:path}", response_class=HTMLResponse)
def elsewhere(language: str, rest: str) -> Response:
    raise PageNotFound(language)


class TooManyPages(Exception):
    """One address asked for more pages than its share; answered with the busy page."""

    def __init__(self, language: str, wait: int) -> None:
        super().__init__(language)
        self.language = language if language in LANGUAGE_NAMES else "de"
        self.wait = wait


def limit_pages(request: Request, limiter: LimiterDep) -> None:
    """Each address may ask for `pages_per_address_minute` pages a minute (a burst of
    that many at once). Behind a proxy, uvicorn's --forwarded-allow-ips makes the
    visitor's address the one counted (docs/deployment.md)."""
    address = request.client.host if request.client else "unknown"
    rate = Rate(request.app.state.settings.pages_per_address_minute, 60)
    wait = limiter.take(f"page:{address}", rate)
    if wait is not None:
        raise TooManyPages(str(request.path_params.get("language", "de")), wait)


def too_many_pages(request: Request, error: Exception) -> Response:
    assert isinstance(error, TooManyPages)
    with Session(request.app.state.engine) as session:
        title = words(error.language)["busy_title"]
        html = render(
            request,
            session,
            error.language,
            "busy",
            is_found=False,
            title=title,
            seconds=error.wait,
        )
    headers = {"Retry-After": str(error.wait), "Cache-Control": "no-store"}
    return HTMLResponse(html, status_code=429, headers=headers)


def install(app: FastAPI) -> None:
    """The pages on `app`, when the settings have them on."""
    if not app.state.settings.public_pages:
        return
    app.state.clock = berlin_now
    app.state.public_index = PublicIndex(app.state.settings.data_dir / "public-search")
    app.state.page_cache = PageCache(app.state.settings.page_cache_entries)
    app.state.data_state = DataState(app.state.engine)
    # Added first, so innermost: behind admission, inside compression and the headers.
    app.add_middleware(KeptPages)
    for each in (
        router,
        pages.router,
        contacts.router,
        search.router,
        publications.router,
        update_form.router,
        registration_form.router,
        fallback,
    ):
        app.include_router(each, dependencies=[Depends(limit_pages)])
    app.add_exception_handler(PageNotFound, not_found)
    app.add_exception_handler(TooManyPages, too_many_pages)
