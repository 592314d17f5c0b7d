"""Reading QR codes back, as a phone's camera would: from the PNG the app drew, or from a
screenshot of the screen that shows it."""

import io
from pathlib import Path

import zxingcpp
from PIL import Image


def decode_qr(image: bytes | Path) -> str:
    """The text of the one QR code in a PNG (bytes or a file)."""
    data = image.read_bytes() if isinstance(image, Path) else image
    # QR codes only: printed text read at another scale can pass for a 1-D barcode (a
    # letter's random link did, once in a run).
    found = zxingcpp.read_barcodes(
        Image.open(io.BytesIO(data)), formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    )
    assert len(found) == 1, [(str(each.format), each.text) for each in found]
    return str(found[0].text)
