"""`/wegweiser/…`: the open Wegweiser, server-rendered HTML without an account.

The language is in the address (`/wegweiser/ar/…`), never in a cookie, so a link sent on
reads the same for everyone. Each page carries an ETag of the data's state: a visitor's
browser or a proxy in front asks again cheaply (304) until something is published.
"""

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from sqlmodel import Session

from sync_server import published
from sync_server.deps import SessionDep
from sync_server.public.labels import words
from sync_server.public.markdown import EntryUrl, to_html
from sync_server.tables import SyncState
from wegweiser.languages import LANGUAGE_NAMES, RIGHT_TO_LEFT

PREFIX = "/wegweiser"
HERE = Path(__file__).parent
STYLESHEET = HERE / "static" / "wegweiser.css"
MAX_AGE = 300
"""Seconds a browser or proxy may keep a page without asking: an edit published by the
office reaches every visitor within five minutes."""

templates = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
)
router = APIRouter(prefix=PREFIX, include_in_schema=False)
T = TypeVar("T")


class PageNotFound(LookupError):
    """Answered as the plain 404 page in the visitor's language."""

    def __init__(self, language: str) -> None:
        super().__init__(language)
        self.language = language if language in LANGUAGE_NAMES else "de"


def _found(language: str, find: Callable[[], T]) -> T:
    """What `find` reads, or the 404 page when it is not published."""
    try:
        return find()
    except published.NotFound:
        raise PageNotFound(language) from None


def _state(session: Session) -> str:
    state = session.get(SyncState, 1)
    return f"{state.epoch}.{state.last_seq}" if state else "0"


def _page(
    request: Request, session: Session, language: str, template: str, **values: Any
) -> Response:
    if language not in LANGUAGE_NAMES:
        raise PageNotFound("de")
    # The page's address in the tag: two Kommunen's pages differ at the same state.
    address = hashlib.sha256(request.url.path.encode()).hexdigest()[:16]
    tag = f'"{_state(session)}-{address}"'
    cache = {"ETag": tag, "Cache-Control": f"public, max-age={MAX_AGE}", "Vary": "Accept-Encoding"}
    if request.headers.get("if-none-match") == tag:
        return Response(status_code=304, headers=cache)
    html = render(request, session, language, template, **values)
    return HTMLResponse(html, headers=cache)


def render(
    request: Request,
    session: Session,
    language: str,
    template: str,
    found: bool = True,
    **values: Any,
) -> str:
    """`template` with what every page shows: language, direction, the other languages
    (the same page in each; from a 404 page, each language's start page, so that the
    page repeats nothing of the address asked for)."""
    rest = request.url.path.removeprefix(f"{PREFIX}/{language}") if found else "/"
    base = str(request.app.state.settings.public_base_url).rstrip("/")
    others = [(code, f"{PREFIX}/{code}{rest}") for code in LANGUAGE_NAMES]
    return templates.get_template(f"{template}.html").render(
        lang=language,
        dir="rtl" if language in RIGHT_TO_LEFT else "ltr",
        t=words(language),
        root=PREFIX,
        languages=[(code, LANGUAGE_NAMES[code], href) for code, href in others],
        alternates=[(code, f"{base}{href}") for code, href in others] if found else [],
        example=published.example_data(session),
        **values,
    )


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


@router.get("/{language}/", response_class=HTMLResponse)
def start(request: Request, language: str, session: SessionDep) -> Response:
    """Choose a Kommune; what the Wegweiser is and who keeps it."""
    return _page(
        request,
        session,
        language,
        "start",
        title="Wegweiser Harz",
        kommunen=published.kommunen(session),
        region=published.region(session),
    )


@router.get("/{language}/kommunen/{key}", response_class=HTMLResponse)
def kommune(request: Request, language: str, key: str, session: SessionDep) -> Response:
    """A Kommune: its topics with their sheets, its contact points and offers."""
    found = _found(language, lambda: published.kommune(session, key))
    return _page(
        request,
        session,
        language,
        "kommune",
        title=found.name,
        kommune=found,
        topics=published.topics_of(session, key, language),
        contacts=published.contacts_of(session, key),
        offers=published.offers_of(session, key),
    )


@router.get("/{language}/blaetter/{sheet_id}", response_class=HTMLResponse)
def sheet(request: Request, language: str, sheet_id: str, session: SessionDep) -> Response:
    """An information sheet, in the visitor's language where it is translated."""
    shown = _found(language, lambda: published.sheet(session, sheet_id, language))
    return _page(
        request,
        session,
        language,
        "sheet",
        title=shown.sheet.title,
        shown=shown,
        sheet_dir="rtl" if shown.sheet.language in RIGHT_TO_LEFT else "ltr",
        body=Markup(to_html(shown.sheet.body, _entry_url(language))),
    )


def _entry_url(language: str) -> EntryUrl:
    """Where an `eintrag:` link of a sheet leads on these pages (sheets so far)."""

    def address(kind: str, entry_id: str) -> str | None:
        if kind == "info_sheet":
            return f"{PREFIX}/{language}/blaetter/{entry_id}"
        return None

    return address


@router.get("/{language}/{rest:path}", response_class=HTMLResponse)
def elsewhere(language: str, rest: str) -> Response:
    """Any other address under the pages: the same plain 404 as an unknown entry."""
    raise PageNotFound(language)


def not_found(request: Request, error: Exception) -> Response:
    """The 404 page: says nothing about what was asked for (a draft reads as unknown)."""
    assert isinstance(error, PageNotFound)
    engine = request.app.state.engine
    with Session(engine) as session:
        title = words(error.language)["not_found_title"]
        html = render(request, session, error.language, "not_found", found=False, title=title)
    return HTMLResponse(html, status_code=404, headers={"Cache-Control": "no-store"})


def install(app: FastAPI) -> None:
    """The pages on `app`, when the settings have them on."""
    if not app.state.settings.public_pages:
        return
    app.include_router(router)
    app.add_exception_handler(PageNotFound, not_found)
