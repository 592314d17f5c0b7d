"""A server with the example data that mails through a real SMTP server in this process."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from tests.support.mail import Inbox, smtp_server
from tests.support.server import Device, Server, prepare_database, start_server
from wegweiser.dataset import Dataset
from wegweiser.model import ContactPoint, Publication
from wegweiser.protocol import Role


@dataclass
class Mailing:
    server: Server
    inbox: Inbox
    office: Device
    contact: ContactPoint
    """A published contact point with an e-mail address."""


@pytest.fixture
def mailing(database_url: str, tmp_path: Path, demo_dataset: Dataset) -> Iterator[Mailing]:
    prepare_database(database_url, demo_dataset).dispose()
    with smtp_server() as inbox:
        server = start_server(
            database_url,
            tmp_path,
            smtp_host="127.0.0.1",
            smtp_port=inbox.port,
            smtp_security="none",
            public_base_url="https://wegweiser.example.de",
        )
        with Session(server.engine) as session:
            contact = session.exec(
                select(ContactPoint)
                .where(col(ContactPoint.email).is_not(None))
                .where(ContactPoint.status == Publication.PUBLISHED)
                .order_by(col(ContactPoint.name))
            ).first()
        assert contact is not None
        office = server.enrol(Role.KOORDINATION, "Koordinierungsstelle")
        yield Mailing(server, inbox, office, contact)
        server.stop()
        server.engine.dispose()
