"""`/wegweiser/<Sprache>/…`: the start page, a Kommune, a topic, an information sheet and
the network's partners. Published entries only (`sync_server.published`); what a page
shows is read only when it is not in the render cache (`rendering.page`)."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from sync_server import published
from sync_server.deps import SessionDep
from sync_server.public.markdown import to_html
from sync_server.public.rendering import PREFIX, PageNotFound, entry_url, found, page
from wegweiser.languages import LANGUAGE_NAMES, RIGHT_TO_LEFT
from wegweiser.links import tappable_numbers

router = APIRouter(prefix=PREFIX, include_in_schema=False)
FIRST = 20
"""Contact points and offers a Kommune's page shows; the rest on their own pages."""
PAGE = 50
"""Entries one page of a Kommune's full list shows: a district of 25,000 entries keeps
every page under 30 KB compressed."""
LISTS = {"anlaufstellen": "contacts", "angebote": "offers"}


@router.get("/{language}/", response_class=HTMLResponse)
def start(request: Request, language: str, session: SessionDep) -> Response:
    """Choose a Kommune; what the Wegweiser is and who keeps it."""

    def values() -> dict[str, Any]:
        return {
            "title": "Wegweiser Harz",
            "kommunen": published.kommunen(session),
            "region": published.region(session),
        }

    return page(request, session, language, "start", values)


@router.get("/{language}/kommunen/{key}", response_class=HTMLResponse)
def kommune(request: Request, language: str, key: str, session: SessionDep) -> Response:
    """A Kommune: its topics, contact points and offers, and the way to its partners."""

    def values() -> dict[str, Any]:
        place = found(language, lambda: published.kommune(session, key))
        return {
            "title": place.name,
            "kommune": place,
            "topics": published.topics_of(session, key),
            "contacts": published.contacts_part(session, key, 0, FIRST),
            "offers": published.offers_part(session, key, 0, FIRST),
            "partners": published.partners_of(session, key),
        }

    return page(request, session, language, "kommune", values)


@router.get("/{language}/kommunen/{key}/themen/{topic_key}", response_class=HTMLResponse)
def topic(
    request: Request, language: str, key: str, topic_key: str, session: SessionDep
) -> Response:
    """A topic in a Kommune: its sheets, and the contact points and offers listed under it."""

    def values() -> dict[str, Any]:
        place = found(language, lambda: published.kommune(session, key))
        subject = found(language, lambda: published.topic(session, topic_key))
        return {
            "title": f"{subject.title_in(language)} – {place.name}",
            "kommune": place,
            "topic": subject,
            "sheets": published.sheets_of(session, key, language, topic_key),
            "contacts": published.contacts_of(session, key, topic_key),
            "offers": published.offers_of(session, key, topic_key),
        }

    return page(request, session, language, "topic", values)


@router.get("/{language}/kommunen/{key}/netzwerk", response_class=HTMLResponse)
def partners(request: Request, language: str, key: str, session: SessionDep) -> Response:
    """The network's partners in a Kommune; a person's contact only with their consent."""

    def values() -> dict[str, Any]:
        place = found(language, lambda: published.kommune(session, key))
        return {
            "title": place.name,
            "kommune": place,
            "partners": published.partners_of(session, key),
            "language_names": LANGUAGE_NAMES,
        }

    return page(request, session, language, "partners", values, personal=True)


@router.get("/{language}/blaetter/{sheet_id}", response_class=HTMLResponse)
def sheet(request: Request, language: str, sheet_id: str, session: SessionDep) -> Response:
    """An information sheet, in the visitor's language where it is translated; its phone
    numbers are links that call, as in the app."""

    def values() -> dict[str, Any]:
        shown = found(language, lambda: published.sheet(session, sheet_id, language))
        body = to_html(tappable_numbers(shown.sheet.body), entry_url(language))
        return {
            "title": shown.sheet.title,
            "shown": shown,
            "sheet_dir": "rtl" if shown.sheet.language in RIGHT_TO_LEFT else "ltr",
            "body": Markup(body),
        }

    return page(request, session, language, "sheet", values)


# After the Kommune's other pages (themen, netzwerk): the last part is the list's name.
@router.get("/{language}/kommunen/{key}/{kind}", response_class=HTMLResponse)
def entries(
    request: Request, language: str, key: str, kind: str, session: SessionDep, seite: str = "1"
) -> Response:
    """All contact points (`anlaufstellen`) or offers (`angebote`) of a Kommune, a page
    of them at a time (`?seite=2`)."""
    # Six ASCII digits at most: "²" or a thirty-digit number is no page, not an error.
    number = int(seite) if seite.isascii() and seite.isdigit() and len(seite) <= 6 else 0
    if kind not in LISTS or number < 1:
        raise PageNotFound(language)

    def values() -> dict[str, Any]:
        place = found(language, lambda: published.kommune(session, key))
        part = published.contacts_part if kind == "anlaufstellen" else published.offers_part
        shown = part(session, key, (number - 1) * PAGE, PAGE)
        pages = max(1, -(-shown.total // PAGE))
        if number > pages:
            raise PageNotFound(language)
        return {
            "title": place.name,
            "kommune": place,
            "kind": kind,
            "what": LISTS[kind],
            "shown": shown.entries,
            "number": number,
            "pages": pages,
        }

    return page(request, session, language, "entries", values)
