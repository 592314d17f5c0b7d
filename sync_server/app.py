"""The FastAPI application: routes, error documents, limits, compression."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from sqlalchemy import Engine

from sync_server import openapi, problems, restore
from sync_server.admission import Admission
from sync_server.db import init_db, make_engine
from sync_server.headers import SecurityHeaders
from sync_server.limits import BodyLimit
from sync_server.public import site
from sync_server.rate_limits import RateLimiter
from sync_server.routes import (
    admin,
    audit,
    enrol,
    exports,
    handouts,
    health,
    imports,
    reports,
    sync,
    update_requests,
)
from sync_server.self_service import mails, registrations
from sync_server.settings import Settings
from sync_server.shelf import Shelf

MAIL_ROUND_SECONDS = 60
"""How often waiting mail is tried again (a mail server that was down)."""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for `settings` (default: from the environment)."""
    settings = settings or Settings.from_env()
    # Before the database is opened: while this process serves, `restore` refuses to
    # replace it, and while a restore runs, this raises `restore.RestoreRunning`.
    lock = restore.serving_lock(settings)
    engine = make_engine(
        settings.database_url,
        connections=settings.working + 1,
        pooled=settings.database_pooled,
    )
    init_db(engine)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        postman = asyncio.create_task(_deliver_mail(engine, settings))
        try:
            yield
        finally:
            postman.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await postman
            if lock is not None:
                lock.close()

    app = FastAPI(title="Wegweiser Harz – Sync-Server", version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.engine = engine
    # `/health` has a connection of its own: while every connection of the pool is at
    # work, a busy server is still a healthy one.
    app.state.probe_engine = make_engine(
        settings.database_url, connections=1, pooled=settings.database_pooled
    )
    app.state.limiter = RateLimiter()
    app.state.handouts = Shelf.of_handouts(settings)
    app.state.first_syncs = Shelf.of_first_syncs(settings)
    problems.install(app)
    openapi.install(app)
    routers = (health, enrol, sync, reports, admin, audit, exports, imports, handouts)
    for module in (*routers, update_requests):
        app.include_router(module.router)
    site.install(app)
    # Pull pages are JSON that compresses about tenfold; tiny answers are left as they are.
    app.add_middleware(GZipMiddleware, minimum_size=500)
    # A request the server cannot take now is answered before it reaches any route...
    app.add_middleware(
        Admission,
        working=settings.working,
        waiting=settings.waiting,
        wait_seconds=settings.wait_seconds,
        retry_after=settings.retry_after,
    )
    # ...and counted only once its body is in (size and time bounded).
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes, seconds=settings.body_seconds)
    # Outside even those: their 503s, 413s and 408s carry the headers too.
    app.add_middleware(SecurityHeaders)
    return app


async def _deliver_mail(engine: Engine, settings: Settings) -> None:
    """Every minute, the mail whose turn it is, and registrations never confirmed are
    forgotten (off the event loop: SMTP and the database block)."""
    while True:
        try:
            await anyio.to_thread.run_sync(mails.deliver, engine, settings)
            await anyio.to_thread.run_sync(registrations.sweep, engine)
        except Exception:  # a busy or lost database: the next round tries again
            logging.getLogger(__name__).exception("Mailversand: Runde fehlgeschlagen")
        await asyncio.sleep(MAIL_ROUND_SECONDS)
