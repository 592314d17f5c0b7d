"""Reading QR codes back, as a phone's camera would: from the PNG the app drew, or from a
screenshot of the screen that shows it."""

import io
from pathlib import Path

import zxingcpp
from PIL import Image


def decode_qr(image: bytes | Path) -> str:
    """The text of the one QR code in a PNG (bytes or a file)."""
    data = image.read_bytes() if isinstance(image, Path) else image
    [found] = zxingcpp.read_barcodes(Image.open(io.BytesIO(data)))
    return str(found.text)
