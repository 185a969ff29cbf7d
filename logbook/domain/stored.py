"""The domain's checks of what a logbook stores, table by table (an entry's here): the seam the storage checks a file through.

The storage never imports the domain; whoever opens a logbook hands these in (`Logbook(path, validators())`).
Each check returns the document as the logbook stores it, so a document stored otherwise
("hours": "6" where 6.0 belongs) is found damaged by `logbook doctor`, not by a crash in `summary`.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from logbook.domain.entries import (COMMON, KINDS, MAX_COUNT, MAX_HOURS_PER_DAY, MAX_LONG_TEXT, MAX_TEXT, check_fields,
                                    check_id, check_stamp, is_id, parse_kind)
from logbook.domain.dates import parse_iso
from logbook.domain.involvement import LEVELS
from logbook.errors import InvalidValue

_LEVEL_NAMES = frozenset(LEVELS)
_STORED_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def validators() -> dict:
    from logbook.domain.internship import check_internship
    from logbook.domain.reflections import check_stored_reflection
    from logbook.domain.synonyms import check_stored_synonym, one_name_each
    from logbook.domain.targets import check_stored_target

    return {
        "internship": lambda profile, where: check_internship(profile),
        "entries": lambda entry, where: entry if stored_as_is(entry) else check_stored(entry, where),
        "targets": check_stored_target,
        "reflections": check_stored_reflection,
        "synonyms": check_stored_synonym,
        "entries together": days_over_full,
        "synonyms together": one_name_each,
        # Not damage, so no write is stopped by them: what `import` would refuse in this logbook's export.
        "entries warnings": ahead_of_today("entries"),
        "targets warnings": ahead_of_today("targets"),
        "reflections warnings": ahead_of_today("reflections"),
    }


def ahead_of_today(table: str):
    """The rule `add` and `import` keep, applied to what a logbook holds: no day after today, no stamp more than
    a day ahead of the clock. A hand edit or a wrong clock can store either; `import` then refuses the export."""

    def check(docs: list[dict]) -> list[str]:
        from logbook.domain.dates import today
        from logbook.domain.entries import SHORT_ID, stamp_limit, stamps_ahead

        day, limit, found = today().isoformat(), stamp_limit(), []
        for doc in docs:
            if table == "reflections":
                what = f"The reflection of {doc['date']}"
            else:
                what = f"{'Entry' if table == 'entries' else 'Target'} {doc['id'][:SHORT_ID]}"
            if "date" in doc and doc["date"] > day:
                fix = f"; `logbook edit {doc['id'][:SHORT_ID]} --date DAY` corrects it" if table == "entries" else ""
                found.append(f"{what} is dated {doc['date']}, after today ({day}); `import` refuses such a day, "
                             f"so this logbook's export will not import as it is{fix}")
            for stamp in stamps_ahead(doc, limit):
                found.append(f"{what}, {stamp}: {doc[stamp]!r} is more than a day ahead of this machine's clock; "
                             "`import` refuses it (it would win every later merge): check the clock")
        return found

    return check


def days_over_full(entries: list[dict]) -> list[str]:
    """Days holding more clinical hours than a day has, as `add` and `import` refuse them (a hand edit can make one)."""
    hours: dict[str, float] = {}
    for entry in entries:
        if entry["kind"] == "clinical":
            hours[entry["date"]] = hours.get(entry["date"], 0.0) + entry["hours"]
    # Rounded: hours have two decimals, and 17.19 + 0.42 + 6.39 is 24.000000000000004 in floating point.
    return [f"Day {day} holds {round(total, 2):g} clinical hours; a day holds at most {MAX_HOURS_PER_DAY:g}"
            for day, total in sorted(hours.items()) if round(total, 2) > MAX_HOURS_PER_DAY]


def check_stored(raw: object, where: str) -> dict:
    """Validate an entry read from an import file; the message names the entry and the field."""
    try:
        if not isinstance(raw, dict):
            raise InvalidValue("entry", "is not an object")
        kind = parse_kind(raw.get("kind"))
        check_id(raw.get("id"))
        parse_iso(raw.get("date"), "date")
        for stamp in ("created_at", "updated_at"):
            check_stamp(raw.get(stamp), stamp)
        fields, _ = KINDS[kind]
        extra = set(raw) - set(fields) - set(COMMON)
        if extra:
            raise InvalidValue(sorted(extra)[0], f"is not a field of a {kind} entry")
        return {**{k: raw[k] for k in COMMON}, "kind": kind, **check_fields(kind, {f: raw.get(f) for f in fields})}
    except InvalidValue as err:
        raise InvalidValue(f"{where}, {err.field}", err.message.split(": ", 1)[-1]) from None


def stored_as_is(raw: object) -> bool:
    """Whether `raw` is an entry exactly as `check_stored` returns it, tested in one quick pass.

    The storage checks every entry before every write (10,000 entries: ~15 ms this way, ~80 ms
    through check_stored); anything this does not accept goes through check_stored, which says
    what is wrong. It accepts nothing check_stored would change or refuse (tests/test_storage.py).
    """
    try:
        fields, required = KINDS[raw["kind"]]
        if len(raw) != len(fields) + len(COMMON) or not is_id(raw["id"]):
            return False
        if not _STORED_DATE.fullmatch(raw["date"]):  # parse_iso's form, ASCII digits only; then a day of the calendar
            return False
        date.fromisoformat(raw["date"])
        datetime.fromisoformat(raw["created_at"]), datetime.fromisoformat(raw["updated_at"])
        for field in fields:
            value = raw[field]
            if field == "hours":
                if type(value) not in (float, int) or not (0 < value <= MAX_HOURS_PER_DAY) or round(value, 2) != value:
                    return False
            elif field == "count":
                if type(value) is not int or not 1 <= value <= MAX_COUNT:
                    return False
            elif field == "role":
                if value not in _LEVEL_NAMES and (value is not None or field in required):
                    return False
            elif value is None:
                if field in required:
                    return False
            elif type(value) is not str or not value.strip() or not (value.isascii() or _encodes(value)):
                return False
            elif len(value) > MAX_LONG_TEXT.get(field, MAX_TEXT):
                return False
        return True
    except (KeyError, TypeError, ValueError, InvalidValue):
        return False


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False
