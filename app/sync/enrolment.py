"""A device's sign-in: trading an enrolment code for a token, and wiping private data
when the device is revoked (or signs out)."""

from urllib.parse import parse_qs, urlencode, urlsplit

from app.store.database import Store
from app.sync import apply, outbox, problems
from app.sync import state as sync_state
from app.sync.client import ClientFactory, SyncClient
from app.sync.errors import PlainHttp, SyncError
from app.sync.state import SyncState
from wegweiser.hosts import is_loopback

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
    if not code or server_host(server) is None:
        return None
    return server, code


def server_host(server_url: str) -> str | None:
    """The machine an address leads to, in lower case; None for an address that is no
    http(s) address or hides it (`https://wegweiser.kreis-hz.de@10.0.0.9` goes to
    10.0.0.9: whatever stands before an "@" is refused)."""
    host = destination(server_url)
    parts = urlsplit(server_url.strip())
    if parts.scheme not in ("http", "https") or "@" in parts.netloc or not host:
        return None
    if any(c.isspace() for c in server_url.strip()):
        return None
    return host


def destination(server_url: str) -> str | None:
    """The machine an address really connects to (after any "@"), shown on the first
    start as the address is typed; None while it names none."""
    try:
        parts = urlsplit(server_url.strip())
        parts.port  # noqa: B018 - raises for a port that is no number
    except ValueError:
        return None
    return parts.hostname or None


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
