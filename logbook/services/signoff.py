"""Building the sign-off sheets of a logbook: the base SITE names, or every base, ready to render."""

from __future__ import annotations

from datetime import date

from logbook.storage.database import Logbook


def sheets_of(logbook: Logbook, site: str | None, *, every: bool = False, sign: bool = False) -> dict:
    """The sheet of the one logged base `site` names (or of every base, in the order first worked there)."""
    from logbook.domain.dates import today
    from logbook.domain.signoff import bases_logged, choose_base, sheets
    from logbook.domain.summary import period
    from logbook.services.log import need_internship

    book = logbook.read()
    internship, entries = need_internship(book), book.entries()
    first, last = period(internship, None, None)
    bases = bases_logged(entries, first, last)
    if every:
        if not bases:
            choose_base(bases, "", {})  # refuses: no base logged
        chosen = list(bases.values())
    else:
        everywhere = bases_logged(entries, date.min, date.max)
        chosen = [choose_base(bases, site or "", everywhere)]
    return sheets(internship, entries, chosen, today=today(), sign=sign)
