"""QR codes as PNG images: the join link on the wall, an invitation's answer link in its letter."""

from __future__ import annotations

import io

import segno

__all__ = ["qr_png"]


def qr_png(link: str, *, scale: int = 8, border: int = 2) -> bytes:
    """A PNG of the QR code of ``link`` (error correction M: readable from a printed, folded letter).

    >>> qr_png("http://192.168.1.20:8501/?code=KQ7M2X").startswith(b"\\x89PNG")
    True
    """
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=scale, border=border)
    return buffer.getvalue()
