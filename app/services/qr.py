"""QR codes drawn on the device, offline: segno is pure Python, so it runs on a tablet."""

import io

import segno


def qr_png(text: str) -> bytes:
    """A QR code as PNG. Error correction M survives a scratched screen or a glare; the
    quiet zone of four modules is what scanners need."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()
