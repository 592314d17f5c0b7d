"""A device's sign-in: trading an enrolment code for a token, and wiping private data
when the device is revoked (or signs out)."""

from urllib.parse import urlsplit

from app.store.database import Store
from app.sync import apply, outbox, problems
from app.sync import state as sync_state
from app.sync.client import ClientFactory, SyncClient
from app.sync.errors import PlainHttp, SyncError
from app.sync.links import server_host
from app.sync.state import SyncState
from wegweiser.hosts import is_loopback


def check_server(server_url: str, plain_http_ok: bool = False) -> None:
    """Raise `SyncError` for an address that hides where it goes, `PlainHttp` for plain
    http to another machine unless the person said yes to it."""
    host = server_host(server_url)
    if host is None:
        raise SyncError(
            "Diese Serveradresse wird nicht verwendet: Sie muss mit https:// beginnen und "
            "darf vor dem Servernamen nichts mit „@“ enthalten (so tarnen sich fremde "
            "Server). Bitte die Adresse der Koordinierungsstelle verwenden."
        )
    if urlsplit(server_url.strip()).scheme == "http" and not (plain_http_ok or is_loopback(host)):
        raise PlainHttp(
            f"Die Verbindung zu {host} wäre unverschlüsselt (http://): Anmeldecode und "
            "Notizen könnten unterwegs gelesen werden. Nur fortfahren, wenn die "
            "Koordinierungsstelle diese Adresse so genannt hat."
        )


REVOKED_MESSAGE = (
    "Dieses Gerät wurde von der Koordinierungsstelle gesperrt. Private Notizen, Favoriten "
    "und Meldungen wurden vom Gerät gelöscht. Bitte melden Sie sich bei der "
    "Koordinierungsstelle."
)


def enrol(
    store: Store,
    server_url: str,
    code: str,
    device_name: str,
    kommunen: list[str],
    client_factory: ClientFactory = SyncClient,
) -> None:
    """Trade an enrolment code for a token and remember server and Kommunen."""
    client = client_factory(server_url, None)
    try:
        answer = client.enrol(code, device_name)
    finally:
        client.close()
    with store.session() as session:
        state = sync_state.load(session)
        state.server_url = server_url
        state.token = answer.token
        state.device_id = answer.device_id
        state.account_id = answer.account_id
        state.account_name = answer.account_name
        state.role = answer.role.value
        state.kommunen = sorted(set(kommunen))
        state.last_error = None
        state.revoked = state.token_refused = False
        sync_state.save(session, state)


def wipe(store: Store, reason: str) -> None:
    """Remove private data and credentials; public content and the scope stay."""
    with store.session() as session:
        apply.remove_owned(session)
        outbox.clear(session)
        problems.clear(session)
        apply.forget_seen(session)
        state = sync_state.load(session)
        sync_state.save(
            session,
            SyncState(
                kommunen=state.kommunen,
                cursor=state.cursor,
                last_error=reason,
                revoked=reason == REVOKED_MESSAGE,
                example_data=state.example_data,
            ),
        )
