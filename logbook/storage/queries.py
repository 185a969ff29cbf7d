"""TinyDB queries for the ways a resident looks for entries: by kind, period, site, words, day and id."""

from __future__ import annotations

from functools import reduce
from operator import and_, or_

from tinydb import Query
from tinydb.queries import QueryLike

entry = Query()


def entries_matching(kind: str | None = None, start: str | None = None, end: str | None = None, site: str | None = None,
                     search: str | None = None, text_fields: tuple[str, ...] = (), searched_procedures: frozenset[str] = frozenset(),
                     procedure: str | None = None, procedures: frozenset[str] = frozenset()) -> QueryLike | None:
    """The entries `logbook list` asks for: dates as ISO text (they compare in order), site and words in any case.

    `searched_procedures` are the procedures the words name (a synonym: "lscs"), found whatever an entry's text;
    `procedure` keeps the procedures whose name holds it, or that are one of `procedures` (what it names).
    """
    parts = []
    if kind:
        parts.append(entry.kind == kind)
    if start:
        parts.append(entry.date >= start)
    if end:
        parts.append(entry.date <= end)
    if site:
        parts.append(entry.site.test(_contains, site.casefold()))
    if search:
        words = (entry[field].test(_contains, search.casefold()) for field in text_fields)
        parts.append(reduce(or_, words, entry.procedure.one_of(list(searched_procedures))))
    if procedure:
        parts.append(entry.procedure.one_of(list(procedures)) | entry.procedure.test(_contains, procedure.casefold()))
    return reduce(and_, parts) if parts else None


def on_day(day: str) -> QueryLike:
    return entry.date == day


def id_starts_with(prefix: str) -> QueryLike:
    """Ids that start with `prefix`, hyphens ignored on both sides (a canonical UUID and its hex are one id)."""
    return entry.id.test(_id_starts_with, prefix.replace("-", ""))


def _contains(value: object, needle: str) -> bool:
    return isinstance(value, str) and needle in value.casefold()


def _id_starts_with(value: object, prefix: str) -> bool:
    return isinstance(value, str) and value.replace("-", "").startswith(prefix)
