"""Mail as the tests receive it: a real SMTP server (aiosmtpd) on 127.0.0.1 in this
process, the .eml files a server without one files, and the personal link in a mail."""

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

from tests.support.server import Server, free_port, serving
from wegweiser.dataset import Dataset

LINK = re.compile(r"https?://\S+/wegweiser/(?:aktualisieren|mitmachen/[a-z]+)/[A-Za-z0-9_-]{43}")


@dataclass
class Inbox:
    """What the SMTP server received; `refuse` makes it answer RCPT with that code."""

    port: int
    received: list[EmailMessage] = field(default_factory=list)
    refuse: int | None = None

    def wait(self, count: int = 1, seconds: float = 15) -> list[EmailMessage]:
        deadline = time.monotonic() + seconds
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(self.received) >= count, f"{len(self.received)} of {count} mails arrived"
        return self.received


class _Handler:
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if self.inbox.refuse is not None:
            return f"{self.inbox.refuse} 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.inbox.received.append(parsed)
        return "250 Message accepted"


@contextmanager
def smtp_server() -> Iterator[Inbox]:
    inbox = Inbox(free_port())
    controller = Controller(_Handler(inbox), hostname="127.0.0.1", port=inbox.port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


@contextmanager
def serving_with_mail(folder: Path, dataset: Dataset) -> Iterator[tuple[Server, Inbox]]:
    """The server with `dataset` (in a thread), mailing through a real SMTP server here."""
    with (
        smtp_server() as inbox,
        serving(
            folder, dataset, smtp_host="127.0.0.1", smtp_port=inbox.port, smtp_security="none"
        ) as server,
    ):
        yield server, inbox


def filed(data_dir: Path, count: int = 1, seconds: float = 15) -> list[EmailMessage]:
    """The mails a server without SMTP wrote into its mail folder, oldest first."""
    folder = data_dir / "mail"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        files = sorted(folder.glob("*.eml")) if folder.exists() else []
        if len(files) >= count:
            return [_read(path) for path in files]
        time.sleep(0.05)
    raise AssertionError(f"fewer than {count} mails filed in {folder}")


def _read(path: Path) -> EmailMessage:
    parsed = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def html_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


def link_in(message: EmailMessage) -> str:
    found = LINK.search(text_of(message))
    assert found, text_of(message)
    return found.group(0)
