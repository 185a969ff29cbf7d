"""Reading a logbook PDF back for `logbook verify`: the verification token kept in the document's keywords."""

from __future__ import annotations

from io import BytesIO

from logbook.errors import LogbookError


def token_text(data: bytes, source: str) -> str:
    """The PDF's keywords, where `summary --sign` puts the token (empty when there are none)."""
    from pypdf import PdfReader  # pure Python; only verify of a PDF needs it
    from pypdf.errors import PyPdfError

    try:
        metadata = PdfReader(BytesIO(data)).metadata
    except (PyPdfError, ValueError, KeyError, TypeError) as err:
        raise LogbookError(f"{source} is not a readable PDF ({err})") from None
    keywords = metadata.get("/Keywords") if metadata else None
    return str(keywords) if keywords else ""
