"""Mail that cannot go now is kept and tried again; mail that never can says why; without
a mail server it is filed for the office; nothing a stranger typed becomes a header or
HTML."""

import re
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path

from sqlmodel import Session, select

from sync_server.db import init_db, make_engine
from sync_server.mail import outbox
from sync_server.mail.compose import Link, compose
from sync_server.mail.outbox import MailState, OutgoingMail
from sync_server.self_service import mails, requests
from sync_server.self_service.tables import UpdateRequest
from sync_server.settings import Settings
from tests.support.mail import filed, html_of, link_in, smtp_server, text_of
from tests.support.server import free_port, prepare_database
from wegweiser.dataset import Dataset
from wegweiser.model import ContactPoint, Region

HOSTILE = 'Beratung\r\nBcc: alle@example.org <img src="https://evil.example/x">'


def _settings(tmp_path: Path, **values: object) -> Settings:
    url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    return Settings(database_url=url, data_dir=tmp_path, **values)  # type: ignore[arg-type]


def _asked(tmp_path: Path, demo_dataset: Dataset, settings: Settings) -> str:
    """A request queued for a contact point with e-mail, as the office's route makes it."""
    prepare_database(settings.database_url, demo_dataset).dispose()
    engine = make_engine(settings.database_url)
    init_db(engine)
    with Session(engine) as session:
        contact = session.exec(select(ContactPoint).where(ContactPoint.email != None)).first()  # noqa: E711
        assert contact is not None
        outcome, request = requests.ask(session, None, contact.id)
        assert outcome == "asked" and request is not None
        session.commit()
        return request.id


def _mail(settings: Settings) -> OutgoingMail:
    with Session(make_engine(settings.database_url)) as session:
        return session.exec(select(OutgoingMail)).one()


def _due_now(settings: Settings) -> None:
    with Session(make_engine(settings.database_url)) as session:
        mail = session.exec(select(OutgoingMail)).one()
        mail.next_attempt_at = datetime.now(UTC) - timedelta(seconds=1)
        session.add(mail)
        session.commit()


def test_a_mail_server_that_is_down_gets_the_mail_when_it_is_back(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    port = free_port()  # nothing listens here yet
    settings = _settings(tmp_path, smtp_host="127.0.0.1", smtp_port=port, smtp_security="none")
    _asked(tmp_path, demo_dataset, settings)
    engine = make_engine(settings.database_url)
    assert mails.deliver(engine, settings) == 1
    waiting = _mail(settings)
    assert waiting.state == MailState.WAITING and waiting.attempts == 1
    assert waiting.reason is not None and "nicht erreichbar" in waiting.reason
    assert outbox.state_text(waiting).startswith("wird versendet: Mailserver nicht erreichbar")
    # Not before its pause is over.
    assert mails.deliver(engine, settings) == 0
    with smtp_server() as inbox:
        settings = settings.model_copy(update={"smtp_port": inbox.port})
        _due_now(settings)
        assert mails.deliver(engine, settings) == 1
        received = inbox.wait()
    sent = _mail(settings)
    assert sent.state == MailState.SENT and sent.reason is None and sent.attempts == 2
    assert "/wegweiser/aktualisieren/" in link_in(received[0])


def test_an_address_the_server_refuses_ends_the_attempts_with_its_reason(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    with smtp_server() as inbox:
        inbox.refuse = 550
        settings = _settings(
            tmp_path, smtp_host="127.0.0.1", smtp_port=inbox.port, smtp_security="none"
        )
        _asked(tmp_path, demo_dataset, settings)
        mails.deliver(make_engine(settings.database_url), settings)
    failed = _mail(settings)
    assert failed.state == MailState.FAILED
    assert failed.reason == "Der Mailserver nimmt die Adresse nicht an (550)."
    assert inbox.received == []
    # The timer's round leaves it (it would be refused again); the office, naming the
    # entry (perhaps with its address corrected), asks anew and the old request closes.
    with Session(make_engine(settings.database_url)) as session:
        old = session.exec(select(UpdateRequest)).one()
        assert requests.ask(session, None, old.record_id)[0] == "open"
        outcome, new = requests.ask(session, None, old.record_id, again=True)
        session.commit()
        assert outcome == "asked" and new is not None and new.id != old.id
        closed = session.get(UpdateRequest, old.id)
        assert closed is not None and closed.withdrawn_at is not None
        assert len(session.exec(select(OutgoingMail)).all()) == 2


def test_a_mail_server_that_gives_up_after_the_last_pause(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    settings = _settings(
        tmp_path, smtp_host="127.0.0.1", smtp_port=free_port(), smtp_security="none"
    )
    _asked(tmp_path, demo_dataset, settings)
    engine = make_engine(settings.database_url)
    for _ in range(len(outbox.PAUSES) + 1):
        _due_now(settings)
        mails.deliver(engine, settings)
    assert _mail(settings).state == MailState.FAILED
    assert _mail(settings).attempts == len(outbox.PAUSES) + 1


def test_without_a_mail_server_each_mail_is_filed_for_the_office(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    settings = _settings(tmp_path)
    _asked(tmp_path, demo_dataset, settings)
    mails.deliver(make_engine(settings.database_url), settings)
    mail = _mail(settings)
    assert mail.state == MailState.FILED
    assert outbox.state_text(mail) == "nicht versendet – als Datei abgelegt"
    (message,) = filed(tmp_path)
    assert link_in(message).startswith(f"http://{settings.host}:{settings.port}/wegweiser/")
    assert (tmp_path / "mail" / str(mail.filed_as)).stat().st_mode & 0o077 == 0


def test_a_withdrawn_request_sends_no_mail(tmp_path: Path, demo_dataset: Dataset) -> None:
    settings = _settings(tmp_path)
    request_id = _asked(tmp_path, demo_dataset, settings)
    engine = make_engine(settings.database_url)
    with Session(engine) as session:
        request = session.get(UpdateRequest, request_id)
        assert request is not None
        request.withdrawn_at = datetime.now(UTC)
        session.add(request)
        session.commit()
    mails.deliver(engine, settings)
    assert _mail(settings).state == MailState.FAILED
    assert not (tmp_path / "mail").exists()


def test_nothing_typed_becomes_a_header_or_markup(tmp_path: Path) -> None:
    region = Region(
        key="x",
        name="Landkreis",
        coordination_name="Koordinierungsstelle\nBcc: b@example.org",
        coordination_email="integration@example.org",
        coordination_address="Friedrich-Ebert-Straße 42, 38820 Halberstadt",
    )
    message = compose(
        _settings(tmp_path),
        region,
        "stelle@example.org",
        f"Ihr Eintrag „{HOSTILE}“",
        [f"Guten Tag, {HOSTILE}"],
        Link("Ansehen", "https://wegweiser.example.de/wegweiser/aktualisieren/abc"),
    )
    head = bytes(message).decode().split("\n\n", 1)[0]
    reread = message_from_bytes(bytes(message), policy=policy.default)
    # Flattened into the line it was typed in, never a line of its own.
    assert not re.search(r"^Bcc:", head, re.MULTILINE) and reread["Bcc"] is None
    assert "Beratung Bcc: alle@example.org" in str(reread["Subject"])
    assert "<img" not in html_of(message) and "&lt;img" in html_of(message)
    assert HOSTILE.replace("\r\n", "\n") in text_of(message).replace("\r\n", "\n")


def test_a_recipient_that_is_not_one_address_is_refused(tmp_path: Path) -> None:
    for recipient in ("a@example.org, b@example.org", "a@example.org\r\nBcc: b@x.org", "kein"):
        try:
            compose(_settings(tmp_path), None, recipient, "Betreff", ["Text"])
        except ValueError:
            continue
        raise AssertionError(recipient)


def test_a_mail_that_cannot_be_written_fails_with_its_reason(
    tmp_path: Path, demo_dataset: Dataset
) -> None:
    settings = _settings(tmp_path)
    _asked(tmp_path, demo_dataset, settings)
    engine = make_engine(settings.database_url)
    with Session(engine) as session:
        mail = session.exec(select(OutgoingMail)).one()
        mail.recipient = "zwei@example.org, adressen@example.org"
        session.add(mail)
        session.commit()
    assert mails.deliver(engine, settings) == 1
    failed = _mail(settings)
    assert failed.state == MailState.FAILED
    assert failed.reason is not None and "keine einzelne E-Mail-Adresse" in failed.reason
    assert mails.deliver(engine, settings) == 0  # never again


def test_mail_settings_that_cannot_work_are_warned_about(tmp_path: Path) -> None:
    plain = _settings(tmp_path, smtp_host="mail.kreis-hz.de", smtp_security="none")
    said = " ".join(plain.warnings())
    assert "WEGWEISER_PUBLIC_BASE_URL fehlt" in said
    assert "ohne Verschlüsselung" in said
    good = _settings(
        tmp_path, smtp_host="mail.kreis-hz.de", public_base_url="https://wegweiser.kreis-hz.de"
    )
    assert good.warnings() == []
    assert _settings(tmp_path).warnings() == []  # no mail server: files, nothing to warn
