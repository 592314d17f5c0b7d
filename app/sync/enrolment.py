"""A device's sign-in: trading an enrolment code for a token, and wiping private data
when the device is revoked (or signs out)."""

from urllib.parse import parse_qs, urlencode, urlsplit

from app.store.database import Store
from app.sync import apply, outbox, problems
from app.sync import state as sync_state
from app.sync.client import ClientFactory, SyncClient
from app.sync.state import SyncState

LINK_SCHEME = "wegweiser-harz"
"""Links that open the app's first start (the QR code on the office's screen holds one)."""


def enrolment_link(server_url: str, code: str) -> str:
    """What a new device needs to sign in, as one link: server address and code."""
    return f"{LINK_SCHEME}://enrol?{urlencode({'server': server_url, 'code': code})}"


def read_enrolment_link(text: str) -> tuple[str, str] | None:
    """(server, code) from an enrolment link - or from the web app's address with the same
    `?server=…&code=…` - or None when the text is no such link (a code typed by hand)."""
    parts = urlsplit(text.strip())
    if not parts.query:
        return None
    query = parse_qs(parts.query)
    server, code = query.get("server", [""])[0], query.get("code", [""])[0]
    if not code or urlsplit(server).scheme not in ("http", "https"):
        return None
    return server, code


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
        state.revoked = False
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
