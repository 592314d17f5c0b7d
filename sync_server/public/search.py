"""`/wegweiser/<Sprache>/suche?q=…`: search over what is published, by the app's rules
(`wegweiser.search`: stems, compounds, typos, synonyms), with "Meinten Sie" and, when
nothing is found, what to try instead."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from sync_server import published
from sync_server.deps import SessionDep
from sync_server.public.rendering import PLACES, PREFIX, page
from sync_server.public.search_index import PublicIndex
from wegweiser.model import NetworkPartner, scope_of
from wegweiser.search.results import SearchResults, search_results
from wegweiser.search.terms import SearchHit

router = APIRouter(prefix=PREFIX, include_in_schema=False)
MAX_QUERY = 200
"""Characters of a query read; a longer one is cut (nobody types more into a search)."""


@router.get("/{language}/suche", response_class=HTMLResponse)
def search(
    request: Request, language: str, session: SessionDep, q: str = "", kommune: str = ""
) -> Response:
    query = q.strip()[:MAX_QUERY]

    def values() -> dict[str, Any]:
        kommunen = published.kommunen(session)
        chosen = next((k for k in kommunen if k.key == kommune), None)
        results: SearchResults | None = None
        links: dict[str, str | None] = {}
        if query:
            index: PublicIndex = request.app.state.public_index
            scope = scope_of(chosen) if chosen else None
            results = search_results(
                index.connection(session), query, scope, published.topics(session)
            )
            root = f"{PREFIX}/{language}"
            links = {
                hit.record_id: _address(session, root, hit, chosen.key if chosen else None)
                for hits in results.groups.values()
                for hit in hits
            }
        return {
            "title": query or "Suche",
            "query": query,
            "kommunen": kommunen,
            "chosen": chosen,
            "results": results,
            "links": links,
        }

    return page(request, session, language, "search", values, varies=f"{query}\n{kommune}")


def _address(session: Session, root: str, hit: SearchHit, kommune: str | None) -> str | None:
    """The page of a hit; a partner's is the network page of the chosen Kommune (the
    search found it there), else of its first Kommune (none for a district-wide partner
    while no Kommune is chosen)."""
    if hit.kind in PLACES:
        return f"{root}/{PLACES[hit.kind]}/{hit.record_id}"
    partner = session.get(NetworkPartner, hit.record_id)
    key = kommune or (partner.kommune_keys[0] if partner and partner.kommune_keys else None)
    return f"{root}/kommunen/{key}/netzwerk#p-{hit.record_id}" if key else None
