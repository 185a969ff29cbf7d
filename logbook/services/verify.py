"""Checking a report's fingerprint against the logbook, or an export, it claims to be made from."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from logbook.errors import LogbookError
from logbook.services.inputs import read_input
from logbook.storage.database import Logbook


def check_report(report: Path, logbook: Logbook, export: Path | None = None) -> tuple[dict, str, dict]:
    """(what changed, with the internship checked against; the source checked against; the report's fingerprint payload)."""
    from logbook.domain import fingerprint
    from logbook.domain.summary import select
    from logbook.services.log import need_internship

    payload = fingerprint.read_token(_report_text(report), str(report))
    if export is None:
        book = logbook.read()
        internship, entries, source = need_internship(book), book.entries(), str(book.path)
    else:
        import orjson

        from logbook.services.exports import read_document

        try:
            internship, entries = read_document(orjson.loads(read_input(export, "logbook export")), str(export))
        except orjson.JSONDecodeError as err:
            raise LogbookError(f"{export} is not valid JSON ({err})") from None
        source = str(export)
    scope = payload["scope"]
    try:
        first, last = date.fromisoformat(scope["from"]), date.fromisoformat(scope["to"])
    except (KeyError, TypeError, ValueError):
        raise LogbookError(f"{report}: its fingerprint is damaged (was the report edited?)") from None
    chosen = select(entries, first, last, scope.get("site"), scope.get("kind"))
    return {**fingerprint.compare(payload, internship, chosen), "internship": internship}, source, payload


def mismatch(report: Path, source: str, result: dict) -> LogbookError:
    """The refusal for a report that no longer matches: what was added, changed or removed."""
    changes = ", ".join(f"{len(result[k])} {k}" for k in ("added", "changed", "removed") if result[k])
    if result["internship_changed"]:
        changes = ", ".join(filter(None, ["the internship profile changed", changes]))
    return LogbookError(f"{report} does not match {source}: {changes or 'the entries differ'}")


def _report_text(report: Path) -> str:
    """The text a report carries its token in; a PDF keeps it in its metadata."""
    raw = read_input(report, "report")
    if raw.startswith(b"%PDF-"):
        from logbook.render.files.pdf_reader import token_text

        return token_text(raw, str(report))
    return raw.decode("utf-8", errors="replace")
