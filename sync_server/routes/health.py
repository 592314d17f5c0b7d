"""`/health`: the only route without a device token, for load balancers and operators."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

router = APIRouter()


@router.get("/health", tags=["betrieb"])
def health(request: Request) -> JSONResponse:
    """200 when the database answers, 503 otherwise."""
    try:
        with request.app.state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        return JSONResponse({"status": "error", "database": "nicht erreichbar"}, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok"})
