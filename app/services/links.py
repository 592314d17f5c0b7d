"""Links that hand over to the phone: maps, calls, e-mail."""

from urllib.parse import quote


def phone_url(number: str) -> str:
    """A tel: link; spaces and dashes are dropped, a leading + is kept."""
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    return f"tel:{digits}"


def mail_url(address: str) -> str:
    return f"mailto:{address}"


def map_url(latitude: float, longitude: float, label: str, native: bool) -> str:
    """geo: for phones and tablets with a maps app; OpenStreetMap everywhere else."""
    if native:
        return (
            f"geo:{latitude:.6f},{longitude:.6f}?q={latitude:.6f},{longitude:.6f}({quote(label)})"
        )
    return (
        f"https://www.openstreetmap.org/?mlat={latitude:.6f}&mlon={longitude:.6f}"
        f"#map=17/{latitude:.6f}/{longitude:.6f}"
    )
