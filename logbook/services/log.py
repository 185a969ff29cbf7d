"""What a resident does to a logbook (profile, entries, targets, reflections, imports), over the store and the rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from logbook.domain import entries as rules
from logbook.domain.dates import parse_date, today
from logbook.domain.ids import find
from logbook.errors import (ChangedMeanwhile, DoubledEntry, InvalidValue, LikelyTypo, MissingInput, NoInternship,
                            PrivacyRefusal, TwoProcedures)
from logbook.domain.internship import check_in_window, check_internship
from logbook.storage.database import Logbook, Snapshot
from logbook.storage.files import default_path
from logbook.storage.queries import on_day



def open_logbook(chosen: str | None) -> Logbook:
    """The logbook at the path chosen by an option, the environment or the config file, else the default one."""
    from pathlib import Path

    from logbook.domain.stored import validators

    return Logbook(Path(chosen).expanduser() if chosen else default_path(), validators())


def default_logbook_path():
    return default_path()


def need_internship(book: Snapshot) -> dict:
    if book.internship is None:
        raise NoInternship(
            f"{book.path} has no internship profile yet; create one with "
            "`logbook init --resident NAME --specialty TEXT --host TEXT --start DATE --end DATE`"
        )
    return book.internship


def profile_missing(logbook: Logbook, values: dict, can_ask: bool = True) -> list[str]:
    """The required profile fields that init must still be given (nothing when the profile has them all).

    With nobody to ask (`can_ask` false), a usage error naming each missing field and the option that gives it.
    """
    from logbook.domain.internship import IN_WORDS, OPTIONS, missing_fields

    missing = missing_fields(logbook.read(check=True).internship, values)  # a damaged file is named before any question
    if missing and not can_ask:
        raise MissingInput(f"missing: {', '.join(IN_WORDS[f] for f in missing)}; give "
                           f"{', '.join(OPTIONS[f] for f in missing)} (see `logbook init --help`)")
    return missing


def profile_start(logbook: Logbook, start: str | None) -> str | None:
    """The internship's first day as YYYY-MM-DD, as given to init (refused before any question) or as the profile has it."""
    if start is None:
        return (logbook.read().internship or {}).get("start")
    return parse_date(start, today(), "start", future=True).isoformat()


def init_internship(logbook: Logbook, values: dict, *, allow_identifiers: bool = False) -> tuple[dict, bool, dict]:
    """Create or update the profile; options not given keep their current value.

    Returns (the profile, whether it was updated, {"before": n, "now": m}: the entries dated outside the
    internship before and after), so that moving the dates never silently drops entries from the reports.
    """
    from logbook.domain.summary import outside_internship

    with logbook.change() as book:
        current = book.internship or {}
        given = {k: v for k, v in values.items() if v is not None}
        for field in ("start", "end"):
            if field in given:
                given[field] = parse_date(given[field], today(), field, future=True).isoformat()
        profile = check_internship({**current, **given})
        check_privacy(changed_text(profile, current), allow_identifiers)
        book.set_internship(profile)
        entries = book.entries()
        outside = {"before": len(outside_internship(entries, current)) if current else 0,
                   "now": len(outside_internship(entries, profile))}
        return profile, bool(current), outside


@dataclass
class Draft:
    """An entry about to be logged: what was given plus the defaults, and what is still missing."""

    kind: str
    day: date
    values: dict
    defaults: dict[str, tuple[str, str]]  # field -> (value, where it came from)
    missing: list[str]  # required fields nobody has given yet
    known: dict[str, list[str]]  # for each missing text field, the values logged before, latest first
    day_entries: list[dict]  # the entries already logged that day
    renamed: list[tuple[str, str, str, str]] = field(default_factory=list)  # names stored otherwise than typed
    parts: list[tuple[str, str, str]] = field(default_factory=list)  # new names that are part of a logged one


def _draft(book: Snapshot, kind: str, day_text: str | None, values: dict, fallback: dict | None, outside: bool,
           on: date | None) -> Draft:
    """Fill in what the resident left out: the site and supervisor last used that day, then `fallback`.

    `fallback` maps a field to (value, where it came from), e.g. the site from the config file.
    Checks the profile and the date first, so nobody is asked questions for an entry that cannot be logged.
    """
    kind = rules.parse_kind(kind)
    day = parse_date("today" if day_text is None else day_text, on or today())
    internship = need_internship(book)
    if not outside:
        check_in_window(internship, day)
    that_day = book.entries(on_day(day.isoformat()))
    fallback_site = (fallback or {}).get("site", (None, None))[0]
    defaults = {f: (v, "as earlier that day") for f, v
                in rules.day_defaults(that_day, kind, day.isoformat(), values, fallback_site).items()}
    fields, _ = rules.KINDS[kind]
    for name, (value, source) in (fallback or {}).items():
        if value is not None and name in fields and values.get(name) is None and name not in defaults:
            defaults[name] = (value, source)
    filled = {**values, **{f: v for f, (v, _) in defaults.items()}}
    missing = rules.missing_fields(kind, filled)
    asked = [f for f in missing if f in rules.TEXT_FIELDS]
    everything = book.entries() if asked else []  # values logged before, offered when prompting
    known = {f: rules.known_values(everything, f) for f in asked}
    return Draft(kind, day, filled, defaults, missing, known, that_day)


def log_entry(
    logbook: Logbook, kind: str, day_text: str | None, values: dict, *, fallback: dict | None = None,
    outside: bool = False, allow_identifiers: bool = False, asks: bool = False, as_typed: bool = False,
    again: bool = False, asks_slips: bool = False,
) -> tuple[Draft, dict | None]:
    """Draft an entry and, when nothing is missing and nothing is to be asked (`asks`), log it: (draft, entry).

    One locked read serves both, so a logbook is read and checked once; when the resident must be
    asked first, nothing is written and the entry is None (then `add_entry` after the questions).
    A likely slip in a name (services/names.py) is such a question when `asks_slips`, else a LikelyTypo.
    """
    from logbook.services.names import settle_names

    with logbook.change() as book:
        draft = _draft(book, kind, day_text, values, fallback, outside, None)
        if draft.missing or asks:
            return draft, None
        try:
            named = settle_names(book.entries, draft.values, as_typed=as_typed, day_entries=draft.day_entries, phrases=True,
                                 new_entry=True, synonyms=book.synonyms())
        except (LikelyTypo, TwoProcedures):
            if asks_slips:
                return draft, None
            raise
        draft.values, draft.renamed, draft.parts = named.values, named.renamed, named.parts
        draft.defaults.update(named.defaults)
        return draft, _add(book, draft.kind, draft.day, draft.values, outside, allow_identifiers, again, draft.defaults)


def add_entry(
    logbook: Logbook, kind: str, day_text: str | None, values: dict, *, outside: bool = False,
    allow_identifiers: bool = False, on: date | None = None, again: bool = False, carried: dict | None = None,
) -> dict:
    """Log one entry; `on` is the day the resident is logging on (default: today).

    `carried` maps a field to (value, where it came from) for values the resident did not type (Draft.defaults).
    An entry identical to one already logged that day is refused, naming it, unless `again` says it happened twice.
    """
    kind = rules.parse_kind(kind)
    day = parse_date("today" if day_text is None else day_text, on or today())
    with logbook.change() as book:
        return _add(book, kind, day, values, outside, allow_identifiers, again, carried)


def _add(book, kind: str, day: date, values: dict, outside: bool, allow_identifiers: bool, again: bool = False,
         carried: dict | None = None) -> dict:
    internship = need_internship(book)
    if not outside:
        check_in_window(internship, day)
    entry = rules.new_entry(kind, day, values)
    that_day = book.entries(on_day(day.isoformat()))
    if not again and (twin := next((e for e in that_day if rules.same_entry(e, entry)), None)):
        raise DoubledEntry(
            f"{kind}: the same entry is already logged on {entry['date']}: {twin['id'][:rules.SHORT_ID]} ({rules.title(twin)}); "
            "add --again to log it a second time")
    _check_day_hours(that_day, entry)
    if not allow_identifiers:
        _check_new_text(book, changed_text(entry, {}), carried or {})
    book.add([entry])
    return entry


def _check_new_text(book, text: dict, carried: dict[str, tuple[str, str]]) -> None:
    """Refuse identifiers the entry would add; text this logbook already holds in that field passed (or was allowed) before.

    So a site kept once with --allow-identifiers carries over to the day's next entry without being refused again.
    """
    from logbook.domain.privacy import findings

    flagged = {field for field, _, _ in findings(text)}
    if not flagged:
        return
    held = {(field, e.get(field)) for e in book.entries() for field in flagged}
    new = {field: text[field] for field in flagged if (field, text[field]) not in held}
    for field, (value, source) in carried.items():
        if new.get(field) == value:
            _, label, found = findings({field: value})[0]
            raise PrivacyRefusal(
                f"{field}: {found!r} in the {field} {value!r}, carried over {source}, looks like {label}; a logbook must "
                f"not hold patient-identifiable data. Give --{field} for this entry, or add --allow-identifiers if it "
                "identifies no patient")
    check_privacy(new, False)


# No value to compare with: a command that did not wait between reading and writing.
UNCHECKED = object()


def edit_entry(
    logbook: Logbook, ident: str, day_text: str | None, changes: dict, *, outside: bool = False, allow_identifiers: bool = False,
    note_was: object = UNCHECKED,
) -> tuple[dict, dict]:
    """Change some fields of an entry; returns (before, after).

    `note_was` is the note as read before the editor opened: if another command changed it since, the
    change is refused (ChangedMeanwhile) rather than written over what that command saved.
    """
    with logbook.change() as book:
        internship = need_internship(book)
        everything = book.entries()
        before = find(everything, ident)  # a copy: TinyDB hands out copies, so `before` stays as read
        if note_was is not UNCHECKED and before.get("note") not in (note_was, changes.get("note")):
            raise ChangedMeanwhile(
                f"the note of entry {before['id'][:rules.SHORT_ID]} was changed by another logbook command while the "
                f"editor was open, so yours was not saved over it (`logbook show {before['id'][:rules.SHORT_ID]}` shows "
                "it now)", before.get("note"))
        day = parse_date(day_text, today()) if day_text is not None else None
        if day and not outside:
            check_in_window(internship, day)
        after = rules.edited(before, day, changes)
        _check_day_hours([e for e in everything if e["id"] != before["id"]], after)
        # Only what changes: a note kept with --allow-identifiers does not block a change of its hours.
        check_privacy(changed_text(after, before), allow_identifiers)
        if after != before:
            book.replace([after])
        return before, after


def delete_entry(logbook: Logbook, ident: str, shown: dict | None = None) -> dict:
    """Delete an entry; `shown` is the entry as the resident saw it when asked (read before the lock, so a
    question left open blocks no other command): if it was changed or deleted since, nothing is deleted."""
    with logbook.change() as book:
        if shown is None:
            entry = find(book.entries(), ident)
        else:
            entry = next((e for e in book.entries() if e["id"] == shown["id"]), None)
            short = shown["id"][:rules.SHORT_ID]
            if entry is None:
                raise ChangedMeanwhile(f"entry {short} was deleted by another logbook command while you were asked; "
                                       "nothing more to delete")
            if entry != shown:
                raise ChangedMeanwhile(f"entry {short} was changed by another logbook command while you were asked, "
                                       f"so it was not deleted; run `logbook delete {short}` again to see it as it is now",
                                       entry)
        book.remove(entry["id"])
        return entry


def set_target(logbook: Logbook, kind: str, values: dict, *, allow_identifiers: bool = False) -> tuple[dict, dict | None]:
    """Set a target; setting one again for the same procedure and level (or site) changes its amount.

    Returns (the target, the one it replaced or None).
    """
    from logbook.domain import targets as goals

    candidate = goals.new_target(kind, values)
    check_privacy({f: candidate.get(f) for f in ("procedure", "site")}, allow_identifiers)
    with logbook.change() as book:
        need_internship(book)
        found = next((t for t in book.targets() if goals.key(t) == goals.key(candidate)), None)
        current = found
        if current is None:
            book.put_targets([candidate])
            return candidate, None
        if goals.amount(current) == goals.amount(candidate):
            return current, current
        changed = {**candidate, "id": current["id"], "created_at": current["created_at"]}
        book.put_targets([changed])
        return changed, current


def remove_target(logbook: Logbook, ident: str) -> dict:
    with logbook.change() as book:
        target = find(book.targets(), ident, "target", "logbook target list")
        book.remove_target(target["id"])
        return target


def check_privacy(values: dict, allow_identifiers: bool, where: str = "") -> None:
    """Refuse text that looks like a patient identifier, unless the resident says it identifies nobody."""
    if not allow_identifiers:
        from logbook.domain.privacy import refuse_identifiers  # its patterns take ~9 ms to compile; reports need none
        refuse_identifiers(values, where)


def changed_text(record: dict, before: dict) -> dict:
    """The text fields of an entry or profile that differ from what it was."""
    return {k: v for k, v in record.items() if isinstance(v, str) and v != before.get(k) and k not in NOT_FREE_TEXT}


# Fields the logbook writes itself, or checks against a fixed form: they hold no free text.
NOT_FREE_TEXT = {"id", "kind", "date", "created_at", "updated_at", "role", "start", "end"}


def _check_day_hours(others: list[dict], entry: dict) -> None:
    if entry["kind"] != "clinical":
        return
    total = entry["hours"] + sum(e["hours"] for e in others if e["kind"] == "clinical" and e["date"] == entry["date"])
    # Rounded: hours have two decimals, and 17.19 + 0.42 + 6.39 is 24.000000000000004 in floating point.
    total = round(total, 2)
    if total > rules.MAX_HOURS_PER_DAY:
        raise InvalidValue(
            "hours", f"{entry['date']} would have {total:g} clinical hours; a day holds at most 24"
        )


def reflection_day(logbook: Logbook, day_text: str | None, *, outside: bool = False) -> tuple[date, str | None]:
    """The day a reflection is for (checked against the internship) and its current text, if any."""
    day = parse_date("today" if day_text is None else day_text, today())
    book = logbook.read()
    if not outside:
        check_in_window(need_internship(book), day)
    current = next((r for r in book.reflections() if r["date"] == day.isoformat()), None)
    return day, current["text"] if current else None


def reflect(logbook: Logbook, day: date, text: str, *, outside: bool = False, allow_identifiers: bool = False,
            was: object = UNCHECKED):
    """Write the day's reflection, replacing the one it had. Returns (reflection, replaced), or None if unchanged.

    `was` is the day's text (or None) as read before the editor opened: if another command changed it since,
    the reflection is refused (ChangedMeanwhile) rather than written over what that command saved.
    """
    from logbook.domain.reflections import check_text, reflection

    check_text(text)
    check_privacy({"text": text}, allow_identifiers)
    with logbook.change() as book:
        internship = need_internship(book)
        if not outside:
            check_in_window(internship, day)
        current = next((r for r in book.reflections() if r["date"] == day.isoformat()), None)
        now = current["text"] if current else None
        if was is not UNCHECKED and now != was and now != text:
            raise ChangedMeanwhile(
                f"the reflection of {day.isoformat()} was {'written' if was is None else 'changed'} by another logbook "
                f"command while the editor was open, so yours was not saved over it (`logbook day {day.isoformat()}` "
                "shows it now)", now)
        if current is not None and current["text"] == text:
            return None
        stored = reflection(day, text, current)
        book.put_reflections([stored])
        return stored, current is not None
