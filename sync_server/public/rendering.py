"""How a public page is made: its template with what every page shows, the 404 that names
nothing, and the ETag and cache headers that let a browser or a proxy ask again cheaply.

The language is in the address (`/wegweiser/ar/…`), never in a cookie, so a link sent on
reads the same for everyone.
"""

import hashlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlmodel import Session

from sync_server import etags, published
from sync_server.public.cache import MAX_AGE, Kept, PageCache, address_of
from sync_server.public.labels import words
from sync_server.public.markdown import EntryUrl
from wegweiser.languages import LANGUAGE_NAMES, RIGHT_TO_LEFT

PREFIX = "/wegweiser"
HERE = Path(__file__).parent
BERLIN = ZoneInfo("Europe/Berlin")
PLACES = {"info_sheet": "blaetter", "contact_point": "anlaufstellen", "offer": "angebote"}
"""Where the page of an entry of each kind lives (a partner's is its Kommune's network)."""

templates = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
)
T = TypeVar("T")


class PageNotFound(LookupError):
    """Answered as the plain 404 page in the visitor's language."""

    def __init__(self, language: str) -> None:
        super().__init__(language)
        self.language = language if language in LANGUAGE_NAMES else "de"


def berlin_now() -> datetime:
    """The wall clock in the Landkreis, as opening hours are written (naive)."""
    return datetime.now(BERLIN).replace(tzinfo=None)


def now(request: Request) -> datetime:
    """The time a page is made at: `app.state.clock`, which a test may set."""
    clock: Callable[[], datetime] = request.app.state.clock
    return clock()


def found(language: str, find: Callable[[], T]) -> T:
    """What `find` reads, or the 404 page when it is not published."""
    try:
        return find()
    except published.NotFound:
        raise PageNotFound(language) from None


def page(
    request: Request,
    session: Session,
    language: str,
    template: str,
    values: Callable[[], dict[str, Any]],
    varies: str = "",
    until: datetime | None = None,
    personal: bool = False,
) -> Response:
    """`template` filled with `values()` as an answer with its ETag; 304 when the visitor
    has it already, and kept for the next visitor (`cache.KeptPages` answers those).

    The tag holds the data's state and the page's address (two Kommunen's pages differ at
    the same state) and `varies`: what else the page shows that changes without an edit
    (a contact point's "open now"; `until` is when that changes). As anything published
    changes the state, `values` may also decide that the page does not exist
    (PageNotFound): a kept page never outlives what it shows. A `personal` page (people's
    contact details, shown by their consent) is asked for again at every visit (a cheap
    304), so that a withdrawn consent takes them off at once, not after `MAX_AGE`.
    """
    if language not in LANGUAGE_NAMES:
        raise PageNotFound("de")
    address = address_of(request.scope)
    state = published.data_state(session)
    digest = hashlib.sha256(f"{address}|{varies}".encode()).hexdigest()[:16]
    tag = f'"{state}-{digest}"'
    control = "public, no-cache" if personal else f"public, max-age={MAX_AGE}"
    cache = {"ETag": tag, "Cache-Control": control, "Vary": "Accept-Encoding"}
    # Whether the page exists is known only from `values`: "*" gets the page itself.
    if etags.matches(request.headers.get("if-none-match"), tag, exists=False):
        return Response(status_code=304, headers=cache)
    pages: PageCache = request.app.state.page_cache
    kept = pages.get(address)
    if kept is None or kept.tag != tag:
        html = render(request, session, language, template, **values()).encode()
        kept = Kept.of(tag, html, state, until, control)
        pages.put(address, kept)
    if "gzip" in request.headers.get("accept-encoding", ""):
        # Packed once, when it was kept; the GZip middleware leaves it as it is.
        packed = {**cache, "Content-Encoding": "gzip"}
        return Response(kept.gzipped, media_type="text/html; charset=utf-8", headers=packed)
    return Response(kept.html, media_type="text/html; charset=utf-8", headers=cache)


def render(
    request: Request,
    session: Session,
    language: str,
    template: str,
    is_found: bool = True,
    **values: Any,
) -> str:
    """`template` with what every page shows: language, direction, the other languages
    (the same page in each; from a 404 page, each language's start page, so that the
    page repeats nothing of the address asked for)."""
    rest = request.url.path.removeprefix(f"{PREFIX}/{language}") if is_found else "/"
    base = str(request.app.state.settings.public_base_url).rstrip("/")
    others = [(code, f"{PREFIX}/{code}{rest}") for code in LANGUAGE_NAMES]
    return templates.get_template(f"{template}.html").render(
        lang=language,
        dir="rtl" if language in RIGHT_TO_LEFT else "ltr",
        t=words(language),
        root=f"{PREFIX}/{language}",
        static=f"{PREFIX}/static",
        prefix=PREFIX,
        languages=[(code, LANGUAGE_NAMES[code], href) for code, href in others],
        alternates=[(code, f"{base}{href}") for code, href in others] if is_found else [],
        example=published.example_data(session),
        **values,
    )


def entry_url(language: str) -> EntryUrl:
    """Where an `eintrag:` link of a sheet leads on these pages (None: it has no page of
    its own, and the link is shown as its words)."""

    def address(kind: str, entry_id: str) -> str | None:
        place = PLACES.get(kind)
        return f"{PREFIX}/{language}/{place}/{entry_id}" if place else None

    return address


def not_found(request: Request, error: Exception) -> Response:
    """The 404 page: says nothing about what was asked for (a draft reads as unknown)."""
    assert isinstance(error, PageNotFound)
    with Session(request.app.state.engine) as session:
        title = words(error.language)["not_found_title"]
        html = render(request, session, error.language, "not_found", is_found=False, title=title)
    return HTMLResponse(html, status_code=404, headers={"Cache-Control": "no-store"})
