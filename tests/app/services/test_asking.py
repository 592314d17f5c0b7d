"""Asking contact points from Aktualität, on an office tablet against the real server
(without a mail server, so each mail is filed): the request, where it stands in the due
list, and the lines for every state a request can be in."""

import asyncio
from datetime import UTC, date, datetime, timedelta

from sqlmodel import select

from app.services.asking import AskingService
from app.services.due import DueEntry, DueService
from app.sync.errors import SyncError
from app.views.due import Asking, due_view, standing_line
from tests.support.controls import button, click, texts
from tests.support.server import Server
from wegweiser.model import ContactPoint
from wegweiser.protocol import Role
from wegweiser.self_service import UpdateRequestView

TODAY = date(2026, 12, 5)


def _view(**changes: object) -> UpdateRequestView:
    asked = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    values: dict[str, object] = {
        "id": "r",
        "record_id": "c",
        "title": "Beratung",
        "recipient": "stelle@example.org",
        "created_at": asked,
        "expires_at": asked + timedelta(days=60),
        "withdrawn_at": None,
        "reminded_at": None,
        "answered_at": None,
        "answer": None,
        "report_id": None,
        "mail_state": "sent",
        "mail_reason": None,
    }
    return UpdateRequestView.model_validate(values | changes)


def test_each_state_of_a_request_reads_as_one_line() -> None:
    answered = datetime(2026, 11, 20, tzinfo=UTC)
    assert standing_line(_view(), date(2026, 11, 3)) == "Angefragt am 02.11.2026"
    assert standing_line(_view(), TODAY) == (
        "Angefragt am 02.11.2026 · seit 33 Tagen keine Antwort"
    )
    reminded = _view(reminded_at=datetime(2026, 11, 16, tzinfo=UTC))
    assert "erinnert am 16.11.2026" in standing_line(reminded, TODAY)
    confirmed = _view(answered_at=answered, answer="confirmed")
    assert standing_line(confirmed, TODAY) == "Von der Anlaufstelle bestätigt am 20.11.2026"
    changed = _view(answered_at=answered, answer="changed")
    assert "Änderung der Anlaufstelle am 20.11.2026" in standing_line(changed, TODAY)
    assert "Link abgelaufen" in standing_line(_view(), date(2027, 2, 1))
    withdrawn = _view(withdrawn_at=answered)
    assert standing_line(withdrawn, TODAY) == "Anfrage zurückgezogen am 20.11.2026"
    failed = _view(mail_state="failed", mail_reason="Der Mailserver nimmt die Adresse nicht an")
    assert standing_line(failed, date(2026, 11, 3)).endswith(
        "E-Mail nicht zustellbar: Der Mailserver nimmt die Adresse nicht an"
    )
    filed = _view(mail_state="filed")
    assert standing_line(filed, date(2026, 11, 3)).endswith("nicht versendet – als Datei abgelegt")


def test_the_office_asks_from_aktualitaet_and_sees_where_it_stands(
    make_tablet, sync_server: Server
) -> None:
    office = make_tablet("koordination", role=Role.KOORDINATION)
    office.engine.sync()
    asking = AskingService(office.engine)
    with office.store.session() as session:
        contact = session.exec(
            select(ContactPoint).where(ContactPoint.email != None)  # noqa: E711
        ).first()
    assert contact is not None
    entries = [
        e for e in DueService(office.store).due(TODAY, months=0) if e.record_id == contact.id
    ]
    asked: list[str] = []
    screen = due_view(
        entries,
        12,
        print,
        print,
        print,
        asking=Asking(TODAY, {}, lambda entry: asked.append(entry.record_id)),
    )
    click(screen, "Um Bestätigung bitten")
    assert asked == [contact.id]

    counts = asking.ask(asked)
    assert counts["asked"] == 1
    assert asking.ask(asked)["open"] == 1  # one open request an entry
    standing = asking.standing()
    assert standing[contact.id].mail_state in ("waiting", "filed")
    shown = "\n".join(
        texts(due_view(entries, 12, print, print, print, asking=Asking(TODAY, standing)))
    )
    assert f"Angefragt am {datetime.now(UTC):%d.%m.%Y}" in shown

    guide = make_tablet("lotsin", role=Role.LOTSE)
    try:
        AskingService(guide.engine).standing()
    except SyncError as exc:
        assert exc.message == "Die Rolle „lotse“ darf das nicht."
    else:
        raise AssertionError("a guide's device saw the office's requests")


def test_a_letter_for_an_entry_without_mail(make_tablet, sync_server: Server) -> None:
    office = make_tablet("koordination", role=Role.KOORDINATION)
    office.engine.sync()
    with office.store.session() as session:
        no_mail = session.exec(
            select(ContactPoint).where(ContactPoint.email == None)  # noqa: E711
        ).first()
    assert no_mail is not None
    due = DueService(office.store).due(TODAY, months=0)
    entries = [entry for entry in due if entry.record_id == no_mail.id]
    printed: list[str] = []

    async def letter(entry: DueEntry) -> None:
        printed.append(entry.record_id)

    screen = due_view(entries, 12, print, print, print, asking=Asking(TODAY, letter=letter))
    asyncio.run(button(screen, "Brief drucken").on_click(None))
    assert printed == [no_mail.id]

    asking = AskingService(office.engine)
    pdf = asking.letter(no_mail.id)
    assert pdf.startswith(b"%PDF")
    standing = asking.standing()[no_mail.id]
    assert standing.recipient == "" and standing.mail_state is None
    assert standing_line(standing, TODAY).endswith("per Brief")
