"""`/wegweiser/<Sprache>/publikationen`: every Kommune's printed Wegweiser and every sheet
as PDF, the same handouts the tablets print, made once per state of the data."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from sync_server import published
from sync_server.deps import SessionDep
from sync_server.handouts.budget import Budget
from sync_server.handouts.content import kommune_pdf, sheet_pdf
from sync_server.handouts.delivery import Make, pdf_answer, while_asked
from sync_server.public.cache import MAX_AGE
from sync_server.public.rendering import PREFIX, PageNotFound, page
from wegweiser.languages import LANGUAGE_NAMES

router = APIRouter(prefix=PREFIX, include_in_schema=False)


@router.get("/{language}/publikationen", response_class=HTMLResponse)
def publications(request: Request, language: str, session: SessionDep) -> Response:
    def values() -> dict[str, Any]:
        sheets = published.district_sheets(session, language)
        by_topic = [
            (topic, [s for s in sheets if s.original.topic_key == topic.key])
            for topic in published.topics(session)
        ]
        return {
            "title": "Publikationen",
            "kommunen": published.kommunen(session),
            "by_topic": [(topic, shown) for topic, shown in by_topic if shown],
            "language_name": LANGUAGE_NAMES.get(language, ""),
        }

    return page(request, session, language, "publications", values)


async def _pdf(
    request: Request, session: SessionDep, kind: str, key: str, language: str, make: Make
) -> Response:
    if language not in LANGUAGE_NAMES:
        raise PageNotFound("de")
    cache_control = f"public, max-age={MAX_AGE}"

    def answer(budget: Budget) -> Response:
        try:
            return pdf_answer(request, session, kind, key, language, make, budget, cache_control)
        except published.NotFound:
            raise PageNotFound(language) from None

    return await while_asked(request, answer)


@router.get("/{language}/publikationen/kommunen/{key}.pdf")
async def kommune(request: Request, language: str, key: str, session: SessionDep) -> Response:
    return await _pdf(request, session, "kommune", key, language, kommune_pdf)


@router.get("/{language}/publikationen/blaetter/{sheet_id}.pdf")
async def sheet(request: Request, language: str, sheet_id: str, session: SessionDep) -> Response:
    return await _pdf(request, session, "sheet", sheet_id, language, sheet_pdf)
