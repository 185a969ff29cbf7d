"""Reading a logbook PDF back for `logbook verify`: the token kept in the document's keywords, and the text it shows."""

from __future__ import annotations

from io import BytesIO

from logbook.errors import LogbookError


def token_text(data: bytes, source: str) -> str:
    """The PDF's keywords, where `summary --fingerprint` puts the token, and its subject (empty when there are none)."""
    # The token rides in the keywords; what the report shows, in the subject.
    return _read(data, source, lambda pdf: "\n".join(str(pdf.metadata.get(key) or "") for key in ("/Keywords", "/Subject"))
                 if pdf.metadata else "")


def shown_text(data: bytes, source: str) -> str:
    """The text the PDF's pages show a reader, in the order it is drawn."""
    return _read(data, source, lambda pdf: "\n".join(page.extract_text() or "" for page in pdf.pages))


def _read(data: bytes, source: str, read):
    import logging

    from pypdf import PdfReader  # pure Python; only verify of a PDF needs it

    # pypdf logs each oddity of a crafted PDF (thousands of lines); the refusal below says it in one.
    quiet = logging.getLogger("pypdf")  # its modules' loggers inherit this level
    was = quiet.level
    quiet.setLevel(logging.CRITICAL + 1)
    try:
        return read(PdfReader(BytesIO(data)))
    except Exception as err:  # a crafted PDF can break the parser in any of a dozen ways; each is "not readable"
        reason = str(err).splitlines()[0][:200] if str(err) else type(err).__name__
        raise LogbookError(f"{source} is not a readable PDF ({reason})") from None
    finally:
        quiet.setLevel(was)
