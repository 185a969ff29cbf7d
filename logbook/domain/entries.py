"""Entries of the logbook (clinical participation, procedures, cultural visits) and their rules."""

from __future__ import annotations

import math
import re
import uuid
from datetime import date, datetime, timedelta, timezone

from logbook.errors import InvalidValue, LikelyTypo, UnknownWord
from logbook.domain.involvement import parse_level
from logbook.domain.names import name_contains, name_key, same_name, suggest

# Each kind's fields in export order, and which of them must be given.
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "clinical": (("site", "department", "hours", "activity", "role", "supervisor", "note"), ("site", "hours", "activity")),
    # details: the words typed about a procedure beside its name ("emergency", "left", "for ectopic").
    "procedure": (("procedure", "details", "role", "count", "site", "supervisor", "note"), ("procedure", "role")),
    "cultural": (("place", "category", "note"), ("place",)),
}
COMMON = ("id", "kind", "date", "created_at", "updated_at")
TEXT_FIELDS = ("site", "department", "activity", "supervisor", "note", "procedure", "details", "place", "category")
MAX_HOURS_PER_DAY = 24.0
MAX_COUNT = 10_000
# The longest text a field holds, in characters: a name, site or procedure fits on a line, a note on a few
# pages, a day's reflection a little more. Longer is a paste gone wrong, and would slow every screen.
MAX_TEXT = 200
MAX_LONG_TEXT = {"note": 10_000, "text": 20_000}
SHORT_ID = 8

# New ids are 32 hex digits; an import may bring canonical UUIDs (str(uuid4())), kept as they are.
_ID = re.compile(r"[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HOURS_CLOCK = re.compile(r"([0-9]{1,2}):([0-5][0-9])")
_HOURS_RANGE = re.compile(r"([0-9]{1,2})(?::([0-5][0-9]))?\s*[-\u2013\u2014]\s*([0-9]{1,2})(?::([0-5][0-9]))?")
_HOURS_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_COUNT = re.compile(r"[+-]?[0-9]+")


def now_stamp() -> str:
    """The current moment as stored in created_at / updated_at (UTC, milliseconds)."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def parse_kind(text: object) -> str:
    if isinstance(text, str) and text.strip().lower() in KINDS:
        return text.strip().lower()
    if isinstance(text, str) and (meant := suggest(text, {kind: kind for kind in KINDS})) is not None:
        raise UnknownWord("kind", f"{text!r} is not a kind; did you mean {meant}? Kinds: {', '.join(KINDS)}", meant)
    raise UnknownWord("kind", f"{text!r} is not a kind; use one of {', '.join(KINDS)}")


# The cultural programme's categories; another is kept only with --as-typed (the report groups by these).
CATEGORIES = ("landmark", "mosque", "madrasa", "mausoleum", "museum", "bazaar", "performance", "other")


def parse_category(text: str) -> str:
    """A category of the list in any case; a slip ("bazar") names the one meant; anything else is refused."""
    if (found := name_key(text)) in CATEGORIES:
        return found
    if (meant := suggest(text, {c: c for c in CATEGORIES})) is not None:
        raise LikelyTypo("category", text, meant, "a category")
    raise UnknownWord("category", f"{text!r} is not a category; use one of {', '.join(CATEGORIES)}, or add --as-typed to keep it")


def parse_text(field: str, value: object, required: bool) -> str | None:
    """Free text is kept exactly as typed; only emptiness and broken encodings are refused."""
    if value is None or (isinstance(value, str) and not value.strip() and not required):
        if required:
            raise InvalidValue(field, "is required and cannot be empty")
        return None
    if not isinstance(value, str):
        raise InvalidValue(field, f"must be text, not {type(value).__name__}")
    if not value.strip():
        raise InvalidValue(field, "is required and cannot be empty")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidValue(field, "is not valid UTF-8 text (check the terminal's encoding)") from None
    longest = text_limit(field)
    if len(value) > longest:
        holder = "a reflection" if field == "text" else f"a {field}"
        raise InvalidValue(field, f"is {len(value):,} characters long; {holder} holds at most {longest:,}")
    return value


def text_limit(field: str) -> int:
    """The most characters a text field holds (README: Limits)."""
    return MAX_LONG_TEXT.get(field, MAX_TEXT)


def parse_hours(value: object, most: float = MAX_HOURS_PER_DAY) -> float:
    """Hours as a number (7.5), as h:mm (7:30) or as a time range (08:00-14:30; 20:00-08:00 runs over midnight).

    More than 0 and at most `most` (a day: 24), kept to two decimals.
    """
    hours: float | None = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        hours = float(value)
    elif isinstance(value, str):
        # ASCII digits only: float() would also take '1_0', '1e1' or '²', which nobody means as hours.
        text = value.strip().replace(",", ".")
        if m := _HOURS_CLOCK.fullmatch(text):
            hours = int(m[1]) + int(m[2]) / 60
        elif _HOURS_DECIMAL.fullmatch(text):
            hours = float(text)
        elif m := _HOURS_RANGE.fullmatch(text):
            hours = _range_hours(value, m)
    if hours is None or not math.isfinite(hours):
        raise InvalidValue("hours", f"{value!r} is not a number of hours; use e.g. 6, 7.5, 7:30 or 08:00-14:30 "
                                    f"(more than 0, at most {most:g})")
    # Checked before and after rounding: 24.001 is over a day, and 0.001 must not be stored as 0 hours.
    if not (0 < hours <= most and round(hours, 2) > 0):
        raise InvalidValue("hours", f"{value!r} is out of range; hours must be more than 0 and at most {most:g}")
    return round(hours, 2)


def _range_hours(value: object, m: re.Match) -> float:
    """The hours from one time of day to another; an end at or before the start is the next day."""
    start, end = (int(m[h]) * 60 + int(m[mm] or 0) for h, mm in ((1, 2), (3, 4)))
    if max(start, end) > 24 * 60:
        raise InvalidValue("hours", f"{value!r} is not a time range; times of day run from 00:00 to 24:00 (e.g. 08:00-14:30)")
    if start == end:
        raise InvalidValue("hours", f"{value!r} starts and ends at the same time; give e.g. 08:00-14:30, or 24 for a whole day")
    return (end - start if end > start else end + 24 * 60 - start) / 60


def parse_count(value: object) -> int:
    """A whole number of times, 1 to MAX_COUNT."""
    count: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        count = value
    elif isinstance(value, str) and _COUNT.fullmatch(value.strip()):
        # int() refuses over 4300 digits; a count that long is out of range anyway.
        count = int(value.strip()) if len(value.strip()) <= 12 else MAX_COUNT + 1
    if count is None:
        raise InvalidValue("count", f"{value!r} is not a whole number; count must be 1 to {MAX_COUNT}")
    if not 1 <= count <= MAX_COUNT:
        raise InvalidValue("count", f"{value!r} is out of range; count must be 1 to {MAX_COUNT}")
    return count


def check_fields(kind: str, values: dict) -> dict:
    """Validate one kind's fields; returns them complete, in export order, absent ones as None."""
    fields, required = KINDS[kind]
    unknown = set(values) - set(fields)
    if unknown:
        raise InvalidValue(sorted(unknown)[0], f"is not a field of a {kind} entry (fields: {', '.join(fields)})")
    clean: dict = {}
    for field in fields:
        value = values.get(field)
        if field == "hours":
            clean[field] = parse_hours(value) if value is not None else _missing(field)
        elif field == "count":
            clean[field] = parse_count(1 if value is None else value)
        elif field == "role":
            if value is None or (value == "" and field not in required):
                clean[field] = _missing(field) if field in required else None
            else:
                clean[field] = parse_level(value)
        else:
            clean[field] = parse_text(field, value, field in required)
    return clean


def _missing(field: str):
    raise InvalidValue(field, "is required")


def new_entry(kind: str, day: date, values: dict) -> dict:
    """A new entry with a fresh id that no other logbook will ever use."""
    stamp = now_stamp()
    return {
        "id": uuid.uuid4().hex,
        "kind": kind,
        "date": day.isoformat(),
        "created_at": stamp,
        "updated_at": stamp,
        **check_fields(kind, values),
    }


def edited(entry: dict, day: date | None, changes: dict) -> dict:
    """The entry with the changes applied and validated; id and created_at never change."""
    fields, _ = KINDS[entry["kind"]]
    values = {f: entry.get(f) for f in fields}
    values.update(changes)
    result = {
        **{k: entry[k] for k in COMMON},
        **check_fields(entry["kind"], values),
    }
    if day is not None:
        result["date"] = day.isoformat()
    if any(result[k] != entry.get(k) for k in result):
        result["updated_at"] = now_stamp()
    return result


def is_id(value: object) -> bool:
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def check_id(value: object) -> None:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise InvalidValue("id", f"{value!r} is not a logbook id (32 hex digits, or a UUID written 8-4-4-4-12)")


def check_stamp(value: object, field: str) -> None:
    instant(value, field)


def instant(value: object, field: str = "updated_at") -> datetime:
    """A stored timestamp as a moment in time, so '10:00+05:00' and '05:00Z' compare equal; no offset means UTC."""
    try:
        if not isinstance(value, str):
            raise ValueError
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidValue(field, f"{value!r} is not an ISO-8601 timestamp") from None
    # logbook writes every stamp in UTC; one without an offset can only have been written by hand.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


# A day of slack for clocks and time zones; a stamp further ahead than that would win every later merge.
STAMP_SLACK = timedelta(days=1)


def stamp_limit() -> datetime:
    """The latest instant a stored stamp may hold: a day ahead of this machine's clock."""
    return datetime.now(timezone.utc) + STAMP_SLACK


def stamps_ahead(item: dict, limit: datetime | None = None) -> list[str]:
    """Which of an item's stamps (created_at, updated_at, an export's exported_at) lie beyond `limit` (default: `stamp_limit()`)."""
    limit = stamp_limit() if limit is None else limit
    return [stamp for stamp in ("created_at", "updated_at", "exported_at") if stamp in item and instant(item[stamp], stamp) > limit]


def plural(count: int, noun: str) -> str:
    """'1 entry', '2 entries', '0 targets': the count with its English noun in the right number."""
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {noun[:-1] + 'ies' if noun.endswith('y') and noun[-2:-1] not in 'aeiou' else noun + 's'}"


def in_date_order(entries: list[dict]) -> list[dict]:
    """Oldest first; entries of one day in the order they were logged, even within one millisecond.

    The sort is stable and the logbook hands entries out in the order they were stored (TinyDB's
    document ids only grow), so two entries with the same created_at keep their order; a random id
    as the last key would swap them at random.
    """
    # One string per entry sorts faster than a tuple (docs/benchmark.md); NUL sorts below every character.
    return sorted(entries, key=lambda e: f"{e['date']}\0{e['created_at']}")


def matches(entry: dict, kind: str | None, start: str | None, end: str | None, site: str | None, search: str | None) -> bool:
    """Whether an entry passes the list/summary filters (dates as ISO strings compare in order)."""
    if kind and entry["kind"] != kind:
        return False
    if start and entry["date"] < start:
        return False
    if end and entry["date"] > end:
        return False
    if site and not name_contains(entry.get("site"), site):
        return False
    if search:
        needle = search.casefold()
        return any(needle in entry[f].casefold() for f in TEXT_FIELDS if entry.get(f))
    return True


def title(entry: dict) -> str:
    """What the entry is about, in one phrase: the activity, procedure (with its details) or place."""
    if entry.get("procedure") and entry.get("details"):
        return f"{entry['procedure']} — {entry['details']}"
    return entry.get("activity") or entry.get("procedure") or entry.get("place") or ""


# Fields that carry over within a day: the next entry of that day is logged at the same site, and under the
# supervisor last named at that site (a supervisor at the emergency hospital is not one at the university clinic).
DAY_DEFAULTS = ("site", "supervisor")


def day_defaults(entries: list[dict], kind: str, day: str, values: dict, fallback_site: str | None = None) -> dict[str, str]:
    """The site last used on `day` and the supervisor last named at that site that day, for the fields `values` leaves out.

    `fallback_site` is where the entry is when neither `values` nor the day name a site (e.g. the config's site).
    """
    fields, _ = KINDS[kind]
    latest_first = list(reversed(in_date_order([e for e in entries if e["date"] == day])))
    found: dict[str, str] = {}
    site = values.get("site")
    if "site" in fields and site is None:
        site = next((e["site"] for e in latest_first if e.get("site")), None)
        if site is not None:
            found["site"] = site
        else:
            site = fallback_site
    if "supervisor" in fields and values.get("supervisor") is None:
        here = same_name(site) if site else None
        supervisor = next((e["supervisor"] for e in latest_first if e.get("supervisor")
                           and (same_name(e["site"]) if e.get("site") else None) == here), None)
        if supervisor is not None:
            found["supervisor"] = supervisor
    return found


def same_entry(a: dict, b: dict) -> bool:
    """Whether two entries record the same thing: same kind, day and fields (text in any case or spacing, hours as numbers)."""
    if a["kind"] != b["kind"] or a["date"] != b["date"]:
        return False
    for field in KINDS[a["kind"]][0]:
        mine, theirs = a.get(field), b.get(field)
        if isinstance(mine, str) and isinstance(theirs, str):
            if same_name(mine) != same_name(theirs):
                return False
        elif mine != theirs:
            return False
    return True


def missing_fields(kind: str, values: dict) -> list[str]:
    """The required fields of `kind` that were not given at all (an empty value counts as given)."""
    _, required = KINDS[kind]
    return [f for f in required if values.get(f) is None]


def known_values(entries: list[dict], field: str) -> list[str]:
    """Every value logged for a text field, most recently logged first, each spelling of a name once."""
    seen: dict[str, str] = {}
    for entry in sorted(entries, key=lambda e: (e["created_at"], e["date"]), reverse=True):
        value = entry.get(field)
        if isinstance(value, str) and value.strip():
            seen.setdefault(same_name(value), value)
    return list(seen.values())
