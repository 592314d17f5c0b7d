"""Links that hand over to the phone: maps, calls, e-mail; in the app and on the public
pages alike."""

import re
from typing import Literal
from urllib.parse import quote, urlencode

MapsApp = Literal["geo", "apple", "web"]
"""Where a place opens: Android's maps apps (geo:), Apple Maps on iOS, a web map."""


# Emergency and help numbers, and German phone numbers (leading 0 or +49, seven or more
# characters), standing on their own: not postal codes, years or parts of a link.
_PHONE_NUMBER = re.compile(
    r"(?<![\w/\[(+.-])(11[02]|116 ?117|116 ?016|(?:\+49 ?|0)\d[\d /-]{4,}\d)(?![\w\])])"
)
# What must stay as it is: links, autolinks, code.
_KEEP = re.compile(r"\[[^\]]*\]\([^)]*\)|<[^>]+>|`[^`]*`")


def tappable_numbers(markdown: str) -> str:
    """A sheet's Markdown with its phone numbers as tel: links, so that "112" in an
    emergency sheet calls with one tap."""
    parts: list[str] = []
    last = 0
    for kept in _KEEP.finditer(markdown):
        parts.append(_link_numbers(markdown[last : kept.start()]))
        parts.append(kept.group(0))
        last = kept.end()
    parts.append(_link_numbers(markdown[last:]))
    return "".join(parts)


def phone_numbers(markdown: str) -> list[str]:
    """The phone numbers a sheet names, each once, in the order they stand: an emergency
    sheet's "112" and "116117" as buttons a finger hits (inline links are a line tall)."""
    found: dict[str, str] = {}
    for match in _PHONE_NUMBER.finditer(_KEEP.sub(" ", markdown)):
        found.setdefault(phone_url(match.group(1)), match.group(1))
    return list(found.values())


def _link_numbers(text: str) -> str:
    return _PHONE_NUMBER.sub(lambda m: f"[{m.group(1)}]({phone_url(m.group(1))})", text)


def phone_url(number: str) -> str:
    """A tel: link; spaces and dashes are dropped, a leading + is kept."""
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    return f"tel:{digits}"


def mail_url(address: str) -> str:
    """A mailto: link to exactly this address: "?", "&" and "," are escaped, so an
    address that slipped past the rules cannot add a hidden copy ("?bcc=…")."""
    return "mailto:" + quote(address.strip(), safe="@.+-_'!#$%*/^`{|}~")


def maps_app(platform: str) -> MapsApp:
    """The maps a platform opens (`page.platform`'s value: "android", "ios", ...)."""
    return {"android": "geo", "ios": "apple"}.get(platform, "web")  # type: ignore[return-value]


def map_url(latitude: float, longitude: float, label: str, maps: MapsApp) -> str:
    """geo: on Android (any maps app), Apple Maps on iOS (which knows no geo:), and
    OpenStreetMap in a browser."""
    if maps == "geo":
        return (
            f"geo:{latitude:.6f},{longitude:.6f}?q={latitude:.6f},{longitude:.6f}({quote(label)})"
        )
    if maps == "apple":
        query = urlencode({"ll": f"{latitude:.6f},{longitude:.6f}", "q": label})
        return f"https://maps.apple.com/?{query}"
    return (
        f"https://www.openstreetmap.org/?mlat={latitude:.6f}&mlon={longitude:.6f}"
        f"#map=17/{latitude:.6f}/{longitude:.6f}"
    )
