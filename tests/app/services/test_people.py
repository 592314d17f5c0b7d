"""Geräte und Personen against the real server: an enrolment code as a QR code that
decodes to what a first start needs, and revoking a whole account with its unused codes."""

from datetime import UTC, datetime, timedelta

import pytest

from app.services.people import PeopleService
from app.store.database import open_store
from app.sync import enrolment
from app.sync import state as sync_state
from app.sync.engine import SyncEngine
from app.sync.errors import Revoked, SyncError
from app.sync.links import enrolment_link, read_enrolment_link
from tests.support.qr import decode_qr
from tests.support.server import Server
from wegweiser.protocol import EnrolmentCodeRequest, Role


def stored_server(tablet) -> str | None:
    with tablet.store.session() as session:
        return sync_state.load(session).server_url


def test_an_enrolment_link_carries_server_and_code() -> None:
    link = enrolment_link("https://wegweiser.kreis-hz.de/api", "ABCD-EFGH-JKLM")
    assert link.startswith("wegweiser-harz://enrol?")
    assert read_enrolment_link(link) == ("https://wegweiser.kreis-hz.de/api", "ABCD-EFGH-JKLM")
    # The web app's own address with the same query works as well.
    web = "http://127.0.0.1:8550/?server=http%3A%2F%2F127.0.0.1%3A8765&code=X1"
    assert read_enrolment_link(web) == ("http://127.0.0.1:8765", "X1")
    for typed in (
        "ABCD-EFGH-JKLM",
        "",
        "wegweiser-harz://enrol?code=X",
        "x://y?server=ftp://a&code=Z",
    ):
        assert read_enrolment_link(typed) is None


def test_a_code_from_the_office_enrols_a_tablet_and_revoking_the_account_ends_it(
    make_tablet, sync_server: Server, tmp_path
) -> None:
    office = make_tablet("admin", role=Role.ADMIN)
    people = PeopleService(office.engine)
    made = people.create_code("Lotse Ben", Role.LOTSE)
    assert made.role == Role.LOTSE and made.account_name == "Lotse Ben"
    # What the QR code holds is exactly what the first start needs.
    linked = read_enrolment_link(decode_qr(made.qr_png))
    assert linked is not None
    server, code = linked
    assert code == made.code and server == stored_server(office)

    ben_store = open_store(tmp_path / "ben" / "wegweiser.sqlite")
    enrolment.enrol(ben_store, server, code, "Bens Tablet", ["thale"])
    ben = SyncEngine(ben_store)
    assert ben.sync().last_error is None
    [person] = [p for p in people.people() if p.name == "Lotse Ben"]
    assert person.active and [d.name for d in person.devices] == ["Bens Tablet"]
    assert person.devices[0].last_seen_at is not None

    # A second, unused code for Ben's account (an admin's to make) dies with the account.
    spare = office.engine.client().create_code(
        EnrolmentCodeRequest(account_id=person.account_id, role=Role.LOTSE)
    )
    people.revoke_account(person.account_id)
    with pytest.raises(Revoked) as revoked:
        ben.sync()
    assert "gesperrt" in revoked.value.message
    with pytest.raises(SyncError) as refused:
        enrolment.enrol(open_store(tmp_path / "c.sqlite"), server, spare.code, "Neu", ["thale"])
    assert not isinstance(refused.value, Revoked)
    [after] = [p for p in people.people() if p.name == "Lotse Ben"]
    assert not after.active and people.people()[-1] == after  # revoked accounts last
    ben.close()
    ben_store.close()


def test_an_account_whose_code_waits_is_listed_until_it_is_used_or_withdrawn(
    make_tablet,
) -> None:
    """Geräte und Personen listed no account whose code was still unused."""
    office = make_tablet("koordination", role=Role.KOORDINATION)
    people = PeopleService(office.engine)
    people.create_code("Ben Beispiel", Role.LOTSE)
    [ben] = [p for p in people.people() if p.name == "Ben Beispiel"]
    assert ben.devices == [] and ben.active and ben.code_until is not None
    assert ben.code_until > datetime.now(UTC) + timedelta(hours=71)
    people.revoke_account(ben.account_id)  # withdraws the code
    assert not [p for p in people.people() if p.name == "Ben Beispiel"]
