"""What a resident reads back from a logbook: entries chosen by filters, one entry, a day, the targets."""

from __future__ import annotations

from logbook.domain.dates import today
from logbook.domain.entries import TEXT_FIELDS, in_date_order, parse_kind
from logbook.domain.ids import find, id_prefix, short_id_length
from logbook.services.log import need_internship
from logbook.storage.database import Logbook
from logbook.storage import queries


def entries_as_they_are(chosen: str | None) -> list[dict]:
    """Every entry of the logbook `chosen` names, read without locking, migrating or writing (for completion)."""
    from logbook.services.log import open_logbook

    return open_logbook(chosen).read(upgrade=False).entries()


def internship(logbook: Logbook) -> dict:
    """The internship profile; refuses, saying how to create one, when there is none yet."""
    return need_internship(logbook.read())


def entries_matching(logbook: Logbook, kind: str | None, start: str | None, end: str | None,
                     site: str | None, search: str | None, procedure: str | None = None) -> tuple[list[dict], int]:
    """The entries that pass every filter, oldest first, and how many id characters tell all entries apart.

    Words and a procedure speak the catalogue: "lscs" finds every Caesarean section, however it was typed.
    """
    wanted = parse_kind(kind) if kind else None
    book = logbook.read()
    from logbook.domain.names import name_contains  # the rule `summary --site` matches by, Cyrillic by its Latin letters

    query = queries.entries_matching(wanted, start, end, site, search, TEXT_FIELDS, _meant(search), procedure, _meant(procedure),
                                     site_contains=name_contains)
    chosen = in_date_order(book.entries(query))
    return chosen, short_id_length(book.entries())


def _meant(words: str | None) -> frozenset[str]:
    if not words:
        return frozenset()
    from logbook.domain.catalogue import catalogue
    from logbook.domain.phrases import procedures_meant

    return procedures_meant(words, catalogue())


def entry(logbook: Logbook, ident: str) -> dict:
    return find(logbook.read().entries(queries.id_starts_with(id_prefix(ident))), ident)


def day_record(logbook: Logbook, day: str) -> tuple[list[dict], dict | None, int]:
    """One day's entries in order, its reflection (or None), and the id length that tells all entries apart."""
    book = logbook.read()
    everything = book.entries()
    reflection = next((r for r in book.reflections() if r["date"] == day), None)
    return in_date_order(book.entries(queries.on_day(day))), reflection, short_id_length(everything)


def targets(logbook: Logbook) -> list[dict]:
    return logbook.read().targets()


def target_progress(logbook: Logbook) -> tuple[list[dict], dict]:
    """Each target's progress up to the last complete day, and the pace the internship has reached."""
    from logbook.domain.targets import pace_date, pace_of, progress

    book = logbook.read()
    profile = need_internship(book)
    as_of = pace_date(profile, today())  # the date every report's pace is stated against
    return progress(book.targets(), book.entries(), profile, as_of), pace_of(profile, as_of)


def logged_site(logbook: Logbook, typed: str) -> str:
    """The logged site `typed` names, matched as `summary --site` matches; a site nobody logged yet stays as typed.

    A slip ("Perinatl") is a LikelyTypo when one logged site is near, refused naming them when several are.
    """
    from logbook.domain.entries import known_values
    from logbook.domain.names import closest, name_key, named_by_part, near_by_part
    from logbook.domain.synonyms import by_field
    from logbook.errors import LikelyTypo, NotOneName

    if not typed.strip():
        return typed
    book = logbook.read()
    if (own := by_field(book.synonyms()).get("site", {}).get(name_key(typed))) is not None:
        return own  # the logbook's own spelling of a site (`rename --remember`) comes first, as in `add`
    logged = known_values(book.entries(), "site")
    if len(found := named_by_part(typed, logged)) == 1:
        return found[0]
    if found:
        raise NotOneName(f"site: {typed!r} is part of {len(found)} logged sites ({'; '.join(found)}); give more of the "
                         f"name, or add --as-typed to keep {typed!r}")
    keys = {name_key(n): n for n in reversed(logged)}  # the latest spelling of a name wins
    if (whole := closest(typed, list(keys))) is not None:  # a slip in the whole name is the likeliest
        raise LikelyTypo("site", typed, keys[whole])
    if len(near := near_by_part(typed, logged)) == 1:
        raise LikelyTypo("site", typed, near[0])
    if near:
        raise NotOneName(f"site: {typed!r} is not part of any logged site; did you mean "
                         f"{' or '.join(repr(n) for n in near)}? Type one, or add --as-typed to keep {typed!r}")
    return typed


def unlogged_name_note(logbook: Logbook, target: dict) -> str | None:
    """A target counts entries by exact name (any case and spacing): a note when no entry has its name yet."""
    from logbook.domain.names import same_name

    field = "procedure" if target["kind"] == "procedure" else "site"
    logged = {e[field] for e in logbook.read().entries() if e.get(field)}
    if not logged or same_name(target[field]) in {same_name(n) for n in logged}:
        return None
    near = sorted(n for n in logged if same_name(target[field]) in same_name(n) or same_name(n) in same_name(target[field]))
    hint = f"; did you mean {', '.join(repr(n) for n in near[:3])}?" if near else ""
    return f"Note: no {field} named {target[field]!r} is logged yet{hint}"
