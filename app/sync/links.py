"""What an address or an enrolment link says, read without any network or store: the
first start shows it as it is typed, and the app reads a link before its first frame."""

from urllib.parse import parse_qs, urlencode, urlsplit

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
