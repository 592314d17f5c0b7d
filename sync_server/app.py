"""The FastAPI application."""

from fastapi import FastAPI

from sync_server.db import init_db, make_engine
from sync_server.routes import health
from sync_server.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for `settings` (default: from the environment)."""
    settings = settings or Settings.from_env()
    engine = make_engine(settings.database_url)
    init_db(engine)
    app = FastAPI(title="Wegweiser Harz – Sync-Server", version="0.1.0")
    app.state.settings = settings
    app.state.engine = engine
    app.include_router(health.router)
    return app
