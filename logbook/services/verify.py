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

    raw = read_input(report, "report")
    shown = _report_text(raw, str(report))
    payload = fingerprint.read_token(shown, str(report))
    _refuse_another_reports_token(report, shown, payload)
    if export is None:
        book = logbook.read()
        internship, entries, source = need_internship(book), book.entries(), str(book.path)
    else:
        from logbook.services.exports import read_document, read_export_file

        # Read as `import` reads it: JSON or JSON Lines, with or without a byte-order mark.
        internship, entries = read_document(read_export_file(export), str(export))
        source = str(export)
    scope = payload["scope"]
    try:
        first, last = date.fromisoformat(scope["from"]), date.fromisoformat(scope["to"])
    except (KeyError, TypeError, ValueError):
        raise LogbookError(f"{report}: its fingerprint is damaged (was the report edited?)") from None
    if "bases" in scope:  # sign-off sheets: the clinical entries at exactly these bases
        from logbook.domain.signoff import on_sheets

        if not (isinstance(scope["bases"], list) and all(isinstance(b, str) for b in scope["bases"])):
            raise LogbookError(f"{report}: its fingerprint is damaged (was the report edited?)")
        chosen = on_sheets(entries, first, last, scope["bases"])
    else:
        chosen = select(entries, first, last, scope.get("site"), scope.get("kind"), as_typed_only=payload["version"] == 1)
    result = fingerprint.compare(payload, internship, chosen)
    if result["matches"]:  # the entries are the ones the token covers: the report must show them
        _refuse_a_report_of_other_entries(report, raw, shown, internship, chosen, (first, last), scope)
    return {**result, "internship": internship}, source, payload


def _refuse_a_report_of_other_entries(report: Path, raw: bytes, shown: str, internship: dict, chosen: list[dict],
                                      period: tuple[date, date], scope: dict) -> None:
    """Refuse a report whose pages do not show what its token covers: a real token pasted into a report of other entries.

    JSON and CSV reports list their entries' ids, checked against the token already; the others must show the
    covered entries' attendance lines (in one of the report's languages), the resident, every clinical base and
    every procedure.
    """
    from logbook.domain.fingerprint import scope_words
    from logbook.domain.summary import summarize
    from logbook.render.files.wording import procedure_as_shown, what_it_shows

    if raw.startswith(b"%PDF-"):
        from logbook.render.files.pdf_reader import shown_text

        page, tables_whole = shown_text(raw, str(report)), True
    elif _is_json_or_csv(shown):
        return
    else:
        page = _without_markup(shown)
        # A text report wraps a long name inside its table's cell, between the other columns' words.
        tables_whole = "<!-- logbook-report:" in shown or '<meta name="logbook-report"' in shown
    summary = summarize(internship, chosen, *period, site=scope.get("site"), kind=scope.get("kind"))
    visible = _letters(page)
    # A sign-off sheet states no attendance line of the summary's; its bases and procedures are what it shows.
    lines = [] if "bases" in scope else min((missing for missing in ([line for line in said if _letters(line) not in visible]
                                                                      for said in what_it_shows(summary))), key=len)
    # Each name the report must show, in any of the forms a report may show it in (a procedure in the report's language).
    names = [[internship.get("resident") or ""]] + [[row["site"]] for row in summary["hours_by_site"]] + \
            [procedure_as_shown(row["procedure"]) for row in summary["procedures"]] if tables_whole else []
    missing = [f"'{text}'" for text in lines + [forms[0] for forms in names
                                                 if not any(_letters(name) in visible for name in forms)]]
    if missing:
        raise LogbookError(
            f"{report} does not show what its fingerprint covers ({scope_words(scope, len(chosen))}): "
            f"{missing[0]} is not in it; the fingerprint was made for another report and vouches for nothing in "
            "this one; make the report again with `logbook summary --fingerprint`")


def _is_json_or_csv(shown: str) -> bool:
    from logbook.domain.fingerprint import stated

    says = stated(shown)
    return (says is not None and says.get("ids") is not None) or _listed_in_csv(shown) is not None


def _without_markup(text: str) -> str:
    """What a Markdown, HTML or text report shows a reader: no comments, tags or character references."""
    import html
    import re

    return html.unescape(re.sub(r"<!--.*?-->|<[^>]*>", " ", text, flags=re.S))


def _letters(text: str) -> str:
    """Letters and digits only, in one case: wrapped lines, table rules and escapes do not hide a phrase.

    Control characters count as every report shows them, made visible (ESC as \\x1b).
    """
    import unicodedata

    from logbook.render.escaping import inert

    return "".join(ch for ch in unicodedata.normalize("NFKC", inert(text)).casefold() if ch.isalnum())


def _refuse_another_reports_token(report: Path, shown: str, payload: dict) -> None:
    """Refuse a report that says it shows other entries than its fingerprint covers: a token pasted from another report."""
    from logbook.domain.fingerprint import ID_CHARS, scope_words, stated

    says = stated(shown) or _listed_in_csv(shown)
    again = "make the report again with `logbook summary --fingerprint`"
    if says is None:  # its statement cut out, the page could be any report's: the token vouches for nothing in it
        raise LogbookError(f"{report} does not say what it shows (its logbook-report statement is missing), so its "
                           f"fingerprint vouches for nothing in it; {again}")
    if says.get("damaged"):
        raise LogbookError(f"{report}: what it says it shows is damaged or doubled (was the report edited?); {again}")
    scope, counted = payload["scope"], payload["entries"]
    agrees = all(says[k] == scope.get(k) for k in ("from", "to", "site", "kind", "bases") if k in says)
    uncounted = [i for i in says["ids"] or () if i[:ID_CHARS] not in counted]
    if agrees and says["entries"] == len(counted) and not uncounted:
        return
    what = scope_words({**scope, **says}, says["entries"]) if "from" in says else f"{says['entries']} entries"
    raise LogbookError(f"{report} shows {what}, but its fingerprint covers {scope_words(scope, len(counted))}: the "
                       f"fingerprint was made for another report and vouches for nothing in this one; {again}")


def _listed_in_csv(shown: str) -> dict | None:
    """The entries a CSV report lists (its id column); None if it is not a logbook CSV report."""
    import csv
    import io

    from logbook.domain.entries import is_id

    try:
        rows = [row for row in csv.reader(io.StringIO(shown)) if len(row) > 3]
    except csv.Error:  # e.g. a NUL byte: not a CSV report
        return None
    if not any(row[2] == "signature" for row in rows):
        return None
    ids = [row[3] for row in rows if row[2] != "signature" and is_id(row[3])]
    return {"entries": len(ids), "ids": ids}


def mismatch(report: Path, source: str, result: dict) -> LogbookError:
    """The refusal for a report that no longer matches: what was added, changed or removed."""
    changes = ", ".join(f"{len(result[k])} {k}" for k in ("added", "changed", "removed") if result[k])
    if result["internship_changed"]:
        changes = ", ".join(filter(None, ["the internship profile changed", changes]))
    return LogbookError(f"{report} does not match {source}: {changes or 'the entries differ'}")


def _report_text(raw: bytes, source: str) -> str:
    """The text a report carries its token in; a PDF keeps it in its metadata."""
    if raw.startswith(b"%PDF-"):
        from logbook.render.files.pdf_reader import token_text

        return token_text(raw, source)
    return raw.decode("utf-8", errors="replace")
