"""Reading a logbook PDF back for `logbook verify`: the verification token kept in the document's keywords."""

from __future__ import annotations

from io import BytesIO

from logbook.errors import LogbookError


def token_text(data: bytes, source: str) -> str:
    """The PDF's keywords, where `summary --fingerprint` puts the token, and its subject (empty when there are none)."""
    import logging

    from pypdf import PdfReader  # pure Python; only verify of a PDF needs it

    # pypdf logs each oddity of a crafted PDF (thousands of lines); the refusal below says it in one.
    quiet = logging.getLogger("pypdf")  # its modules' loggers inherit this level
    was = quiet.level
    quiet.setLevel(logging.CRITICAL + 1)
    try:
        metadata = PdfReader(BytesIO(data)).metadata
        # The token rides in the keywords; what the report shows, in the subject.
        return "\n".join(str(metadata.get(key) or "") for key in ("/Keywords", "/Subject")) if metadata else ""
    except Exception as err:  # a crafted PDF can break the parser in any of a dozen ways; each is "not readable"
        reason = str(err).splitlines()[0][:200] if str(err) else type(err).__name__
        raise LogbookError(f"{source} is not a readable PDF ({reason})") from None
    finally:
        quiet.setLevel(was)
