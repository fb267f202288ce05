"""QR codes for adding CADS to an authenticator app, as inline SVG (no file, no network)."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg


def qr_code_data_uri(text: str) -> str:
    """An SVG QR code of `text` as a data: URI for an <img> (CSP allows data: images)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
