"""Links that hand over to the phone: maps, calls, e-mail."""

from typing import Literal
from urllib.parse import quote, urlencode

MapsApp = Literal["geo", "apple", "web"]
"""Where a place opens: Android's maps apps (geo:), Apple Maps on iOS, a web map."""


def phone_url(number: str) -> str:
    """A tel: link; spaces and dashes are dropped, a leading + is kept."""
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    return f"tel:{digits}"


def mail_url(address: str) -> str:
    return f"mailto:{address}"


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
