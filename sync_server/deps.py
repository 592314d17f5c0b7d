"""What routes depend on, as Annotated aliases: the database session, the settings, and
the calling device with the roles a route admits.

A route names what it needs in its signature (`session: SessionDep, caller: StaffCaller`)
and FastAPI provides it; nothing else in the server knows about requests.
"""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine
from sqlmodel import Session

from sync_server.auth import Caller, caller_for, check_role
from sync_server.rate_limits import RateLimiter
from sync_server.settings import Settings
from sync_server.shared_limits import SharedRateLimiter
from wegweiser.protocol import Role
from wegweiser.roles import STAFF

# Dependencies that only read what the app holds are `async`: FastAPI runs a plain `def`
# dependency in a worker thread, and a hop there and back costs more than the lookup.


async def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    """A session per request on the app's engine."""
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        yield session


async def get_limiter(request: Request) -> RateLimiter:
    limiter: RateLimiter = request.app.state.limiter
    return limiter


async def get_address(request: Request) -> str:
    """The client's network address (a trusted reverse proxy's X-Forwarded-For is
    already applied by uvicorn, see docs/deployment.md)."""
    return request.client.host if request.client else "unbekannt"


EngineDep = Annotated[Engine, Depends(get_engine)]
LimiterDep = Annotated[RateLimiter, Depends(get_limiter)]
"""This process's buckets: for what only sheds load."""
AddressDep = Annotated[str, Depends(get_address)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session)]


async def get_shared_limiter(session: SessionDep) -> SharedRateLimiter:
    return SharedRateLimiter(session)


SharedLimiterDep = Annotated[SharedRateLimiter, Depends(get_shared_limiter)]
"""Buckets every server process spends from, through the request's session: for what
must hold across them."""


def get_caller(request: Request, session: SessionDep) -> Caller:
    """The enrolled device behind the request (401/403 problems otherwise)."""
    return caller_for(session, request.headers.get("authorization", ""))


async def _any_role(caller: Annotated[Caller, Depends(get_caller)]) -> Caller:
    return check_role(caller, tuple(Role))


async def _staff(caller: Annotated[Caller, Depends(get_caller)]) -> Caller:
    return check_role(caller, STAFF)


async def _admin(caller: Annotated[Caller, Depends(get_caller)]) -> Caller:
    return check_role(caller, (Role.ADMIN,))


AnyCaller = Annotated[Caller, Depends(_any_role)]
"""Any enrolled device: guides, coordination, admins."""
StaffCaller = Annotated[Caller, Depends(_staff)]
"""A device of the Koordinierungsstelle (or an admin)."""
AdminCaller = Annotated[Caller, Depends(_admin)]
"""An admin's device (replacing a whole region's data)."""
