"""A device for tests: a real local store and sync engine, enrolled with a real code."""

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from app.store import content
from app.store.database import Store, open_store
from app.sync.engine import SyncEngine
from sync_server import enrolment
from tests.support.server import Server
from wegweiser.model import ContactPoint, Offer
from wegweiser.protocol import Role


@dataclass
class Tablet:
    """One device: its store file, its engine, and the proxy it reaches the server by."""

    path: Path
    store: Store
    engine: SyncEngine

    def reopen(self) -> None:
        """Like an app restart: a new process opens the same file."""
        clock = self.engine.clock
        factory = self.engine.client_factory
        page, batch = self.engine.page_size, self.engine.push_batch
        self.store.close()
        self.store = open_store(self.path)
        self.engine = SyncEngine(self.store, factory, clock, push_batch=batch, page_size=page)


def enrolment_code(
    server: Server, role: Role, name: str | None = None, account_id: str | None = None
) -> str:
    """A one-time code for a new account `name`, or another device of `account_id`."""
    with Session(server.engine) as session:
        return enrolment.create_code(session, role, name, account_id).code


def contact_in(tablet: Tablet, kommune: str) -> ContactPoint:
    """A contact point of `kommune` alone, as the tablet holds it."""
    with tablet.store.session() as session:
        return next(
            c for c in session.exec(select(ContactPoint)).all() if c.kommune_keys == [kommune]
        )


def offers_on(tablet: Tablet) -> list[Offer]:
    """Every offer the tablet holds."""
    with tablet.store.session() as session:
        return list(session.exec(select(Offer)).all())


def local_contact(tablet: Tablet, record_id: str) -> ContactPoint | None:
    """The contact point `record_id` as the tablet holds it, if it does."""
    with tablet.store.session() as session:
        return content.get(session, ContactPoint, record_id)
