"""Mails waiting to be delivered, kept until they are, and what became of each.

A mail is queued in the transaction of what causes it; it is composed only when it is
delivered (by the `compose` function the caller passes), so that a personal link's token
is made for the mail that carries it and stored nowhere else. A mail server that is down
is tried again with growing pauses; one that refuses the address ends the attempts. The
office reads each mail's state and reason.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from email.message import EmailMessage
from enum import StrEnum

from sqlalchemy import Engine, update
from sqlmodel import Field, Session, SQLModel, col, select

from sync_server import changes
from sync_server.mail import transport
from sync_server.settings import Settings
from wegweiser.model import enum_column, new_id

PAUSES = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
    timedelta(hours=3),
    timedelta(hours=6),
    timedelta(hours=12),
)
"""Waits after the first, second, … failed attempt; after the last, the mail is given up
(a day and a half of a mail server being down)."""
CLAIM = timedelta(minutes=5)
"""How long one server process holds a mail it is delivering, so that two do not both."""


class MailState(StrEnum):
    WAITING = "waiting"
    SENT = "sent"
    FILED = "filed"
    """No mail server set: written into the mail folder, for the office to send."""
    FAILED = "failed"


STATE_TEXT = {
    MailState.WAITING: "wird versendet",
    MailState.SENT: "versendet",
    MailState.FILED: "nicht versendet – als Datei abgelegt",
    MailState.FAILED: "nicht zustellbar",
}
"""What the office reads for each state (the reason, if any, follows)."""


class OutgoingMail(SQLModel, table=True):
    """One mail: to whom, why (`purpose` and the id of what it is about), and its state."""

    __tablename__ = "outgoing_mail"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    created_at: datetime
    recipient: str = Field(max_length=200)
    purpose: str = Field(max_length=32)
    subject_id: str = Field(max_length=36, index=True)
    state: MailState = Field(
        default=MailState.WAITING, sa_type=enum_column(MailState, 8), index=True
    )
    attempts: int = 0
    next_attempt_at: datetime | None = None
    claimed_until: datetime | None = None
    reason: str | None = Field(default=None, max_length=300)
    """Why the last attempt failed, in German."""
    done_at: datetime | None = None
    filed_as: str | None = Field(default=None, max_length=300)
    """The file's name in the mail folder, for a filed mail."""


Compose = Callable[[Session, OutgoingMail], EmailMessage | None]
"""The mail for a queued row, made at delivery; None: nothing to send any more (the
request it belonged to was withdrawn meanwhile)."""


def queue(session: Session, recipient: str, purpose: str, subject_id: str) -> OutgoingMail:
    """A mail to deliver after the session commits."""
    mail = OutgoingMail(
        created_at=changes.now(),
        recipient=recipient,
        purpose=purpose,
        subject_id=subject_id,
        next_attempt_at=changes.now(),
    )
    session.add(mail)
    return mail


def deliver_waiting(engine: Engine, settings: Settings, compose: Compose) -> int:
    """Deliver (or file) every mail whose turn it is; returns how many were handled."""
    now = changes.now()
    with Session(engine) as session:
        due = session.exec(
            select(OutgoingMail.id).where(
                OutgoingMail.state == MailState.WAITING,
                col(OutgoingMail.next_attempt_at) <= now,
            )
        ).all()
    handled = 0
    for mail_id in due:
        if _claim(engine, mail_id, now):
            _deliver_one(engine, settings, compose, mail_id)
            handled += 1
    return handled


def _claim(engine: Engine, mail_id: str, now: datetime) -> bool:
    with Session(engine) as session:
        result = session.exec(
            update(OutgoingMail)
            .where(
                col(OutgoingMail.id) == mail_id,
                col(OutgoingMail.state) == MailState.WAITING,
                (col(OutgoingMail.claimed_until).is_(None))
                | (col(OutgoingMail.claimed_until) < now),
            )
            .values(claimed_until=now + CLAIM)
        )
        session.commit()
        return bool(result.rowcount == 1)


def _deliver_one(engine: Engine, settings: Settings, compose: Compose, mail_id: str) -> None:
    with Session(engine) as session:
        mail = session.get(OutgoingMail, mail_id)
        assert mail is not None
        now = changes.now()
        refusal = None
        try:
            message = compose(session, mail)
        except ValueError as refused:  # a recipient that is not one plain address
            message, refusal = None, str(refused)[:300]
        # What composing stored (a new link's hash) is committed before the mail leaves:
        # a link that is in a mail must open, even if this process dies right after.
        session.commit()
        if message is None:
            mail.state, mail.done_at = MailState.FAILED, now
            mail.reason = refusal or "nicht mehr nötig"
        elif not settings.smtp_host:
            name = f"{now:%Y%m%d-%H%M%S}-{mail.purpose}-{mail.id[:8]}"
            transport.file(message, settings.mail_folder, name)
            mail.state, mail.done_at, mail.filed_as = MailState.FILED, now, f"{name}.eml"
        else:
            _send(mail, message, settings, now)
        mail.claimed_until = None
        session.add(mail)
        session.commit()


def _send(mail: OutgoingMail, message: EmailMessage, settings: Settings, now: datetime) -> None:
    mail.attempts += 1
    try:
        transport.send(message, settings)
    except transport.NotDelivered as failure:
        mail.reason = failure.reason
        if failure.lasting or mail.attempts > len(PAUSES):
            mail.state, mail.done_at = MailState.FAILED, now
        else:
            mail.next_attempt_at = now + PAUSES[mail.attempts - 1]
        return
    mail.state, mail.done_at, mail.reason = MailState.SENT, now, None


def state_text(mail: OutgoingMail) -> str:
    """The mail's state for the office, with the reason of a failure."""
    text = STATE_TEXT[mail.state]
    return f"{text}: {mail.reason}" if mail.reason and mail.state != MailState.SENT else text
