"""`python -m sync_server request-updates`, as a district's timer runs it: every due
contact point with an e-mail address asked once, the unanswered reminded once, never
twice; `--dry-run` sends nothing."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlmodel import Session, SQLModel, col, func, select

from sync_server.db import make_engine
from sync_server.mail.outbox import OutgoingMail
from sync_server.self_service.tables import UpdateRequest
from tests.support.mail import filed
from tests.support.server import cli_in_process, prepare_database
from wegweiser.dataset import Dataset
from wegweiser.freshness import is_due
from wegweiser.model import ContactPoint


def _count(url: str, what: type[SQLModel]) -> int:
    with Session(make_engine(url)) as session:
        return int(session.exec(select(func.count()).select_from(what)).one())


def test_asked_once_and_reminded_once(tmp_path: Path, demo_dataset: Dataset) -> None:
    url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    prepare_database(url, demo_dataset).dispose()
    with Session(make_engine(url)) as session:
        contacts = session.exec(select(ContactPoint).where(col(ContactPoint.email).is_not(None)))
        with_mail = sum(
            1
            for contact in contacts
            if contact.status == "published" and is_due(contact.last_verified, date.today())
        )
    assert with_mail >= 5
    dry = cli_in_process(tmp_path, "request-updates", "--dry-run", database_url=url)
    assert dry.returncode == 0, dry.stderr
    assert f"{with_mail} Anlaufstellen würden angefragt" in dry.stdout
    assert _count(url, UpdateRequest) == 0

    first = cli_in_process(tmp_path, "request-updates", database_url=url)
    assert first.returncode == 0, first.stderr
    assert f"{with_mail} Anlaufstellen angefragt, 0 erinnert" in first.stdout
    assert len(filed(tmp_path, with_mail)) == with_mail

    second = cli_in_process(tmp_path, "request-updates", database_url=url)
    assert "0 Anlaufstellen angefragt, 0 erinnert" in second.stdout  # open requests

    with Session(make_engine(url)) as session:
        for request in session.exec(select(UpdateRequest)):
            request.created_at = datetime.now(UTC) - timedelta(days=15)
            session.add(request)
        session.commit()
    third = cli_in_process(tmp_path, "request-updates", database_url=url)
    assert f"0 Anlaufstellen angefragt, {with_mail} erinnert" in third.stdout
    fourth = cli_in_process(tmp_path, "request-updates", database_url=url)
    assert "0 Anlaufstellen angefragt, 0 erinnert" in fourth.stdout
    assert _count(url, OutgoingMail) == 2 * with_mail
    reminders = [m for m in filed(tmp_path, 2 * with_mail) if "Erinnerung" in m["Subject"]]
    assert len(reminders) == with_mail
