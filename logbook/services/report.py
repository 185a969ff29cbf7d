"""Building the end-of-internship report from a logbook: the selection and the counting, ready to render."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from logbook.storage.database import Logbook


def summary_of(logbook: Logbook, start: str | None = None, end: str | None = None, *, site: str | None = None,
               kind: str | None = None, sign: bool = False, working_days: str | None = None) -> dict:
    """The report's content for the days, site and kind chosen; with `sign`, its fingerprint.

    `working_days` as the config gives it (mon-fri when None). A --site or --kind that matches none of the
    period's entries is refused, naming what is logged: an empty report would read as a resident who did nothing.
    """
    from logbook.domain.dates import WORKING_WEEK, parse_working_days, today
    from logbook.domain.entries import parse_kind
    from logbook.domain.summary import period, summarize
    from logbook.services.log import need_internship

    book = logbook.read()
    internship, entries = need_internship(book), book.entries()
    first, last = period(internship, start and date.fromisoformat(start), end and date.fromisoformat(end))
    kind = parse_kind(kind) if kind else None
    if site or kind:
        refuse_empty_selection(entries, first, last, site, kind)
    return summarize(
        internship, entries, first, last, site=site, kind=kind, targets=book.targets(), reflections=book.reflections(),
        today=today(), sign=sign, working_days=parse_working_days(working_days or WORKING_WEEK),
    )


def refuse_empty_selection(entries: list[dict], first: date, last: date, site: str | None, kind: str | None) -> None:
    """Refuse a --site or --kind that leaves none of the period's entries, naming the sites and kinds logged then."""
    from logbook.domain.names import same_name
    from logbook.domain.summary import select
    from logbook.errors import InvalidValue

    if not entries or select(entries, first, last, site, kind):
        return
    dated = select(entries, first, last)
    when = f"from {first.isoformat()} to {last.isoformat()}"
    if not dated:
        return  # nothing logged in the period at all: the report says so, whatever the filter
    if kind and not select(entries, first, last, None, kind):
        kinds = sorted({e["kind"] for e in dated})
        raise InvalidValue("--kind", f"no {kind} entry is logged {when}; logged then: {', '.join(kinds)}; nothing was written")
    sites: dict[str, str] = {}
    for entry in select(entries, first, last, None, kind):
        if entry.get("site"):
            sites.setdefault(same_name(entry["site"]), entry["site"])
    which = f"{kind} entries" if kind else "entries"
    logged = f"sites of the {which} then: {'; '.join(sites.values())}" if sites else f"the {which} then name no site"
    raise InvalidValue("--site", f"{site!r} matches no site of the {which} {when}; {logged}; nothing was written")


def with_sections(s: dict, sections: str | None, fingerprint: bool = False) -> dict:
    """The report holding only the sections `summary --sections` names (a comma list), or all of them; a fingerprinted
    one must hold those `verify` reads back."""
    from logbook.domain.sections import parse_sections, refuse_unverifiable

    if sections is None:
        return s
    chosen = parse_sections(sections)
    if fingerprint:
        refuse_unverifiable(chosen)
    return {**s, "sections": chosen}


def demo_summary(path: Path) -> dict:
    """Log the sample internship into the logbook at `path` and return its report."""
    from logbook.services.demo import write_demo

    from logbook.domain.stored import validators

    logbook = Logbook(path, validators())
    write_demo(logbook)
    return summary_of(logbook)


def refuse_existing_keep(keep: Path, output: Path | None, force: bool = False) -> None:
    """`demo --keep FILE` makes a new demo logbook: an existing file (perhaps the resident's own) is left alone."""
    from logbook.errors import LogbookError

    if keep.exists() or keep.is_symlink():
        raise LogbookError(f"--keep {keep} already exists; the demo would be mixed into it without a backup; "
                           "name a new file; nothing was written")
    if output is not None and str(output) != "-":
        from logbook.services.outputs import refuse_output_over

        refuse_output_over(output, [(keep, "the demo logbook")], force)
