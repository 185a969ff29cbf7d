"""Building the end-of-internship report from a logbook: the selection and the counting, ready to render."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from logbook.storage.database import Logbook


def summary_of(logbook: Logbook, start: str | None = None, end: str | None = None, *, site: str | None = None,
               kind: str | None = None, sign: bool = False) -> dict:
    """The report's content for the days, site and kind chosen; with `sign`, its fingerprint."""
    from logbook.domain.dates import today
    from logbook.domain.entries import parse_kind
    from logbook.domain.summary import summarize
    from logbook.services.log import need_internship

    book = logbook.read()
    return summarize(
        need_internship(book), book.entries(), start and date.fromisoformat(start), end and date.fromisoformat(end),
        site=site, kind=parse_kind(kind) if kind else None, targets=book.targets(), reflections=book.reflections(),
        today=today(), sign=sign,
    )


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
