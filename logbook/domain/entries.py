"""Entries of the logbook (clinical participation, procedures, cultural visits) and their rules."""

from __future__ import annotations

import math
import re
import uuid
from datetime import date, datetime, timezone

from logbook.domain.dates import parse_iso
from logbook.errors import InvalidValue, NotFound
from logbook.domain.involvement import LEVELS, parse_level
from logbook.domain.names import same_name

# Each kind's fields in export order, and which of them must be given.
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "clinical": (("site", "department", "hours", "activity", "role", "supervisor", "note"), ("site", "hours", "activity")),
    "procedure": (("procedure", "role", "count", "site", "supervisor", "note"), ("procedure", "role")),
    "cultural": (("place", "category", "note"), ("place",)),
}
COMMON = ("id", "kind", "date", "created_at", "updated_at")
TEXT_FIELDS = ("site", "department", "activity", "supervisor", "note", "procedure", "place", "category")
MAX_HOURS_PER_DAY = 24.0
MAX_COUNT = 10_000
SHORT_ID = 8
_LEVEL_NAMES = frozenset(LEVELS)

# New ids are 32 hex digits; an import may bring canonical UUIDs (str(uuid4())), kept as they are.
_ID = re.compile(r"[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HOURS_CLOCK = re.compile(r"([0-9]{1,2}):([0-5][0-9])")
_HOURS_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_COUNT = re.compile(r"[+-]?[0-9]+")


def now_stamp() -> str:
    """The current moment as stored in created_at / updated_at (UTC, milliseconds)."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def parse_kind(text: object) -> str:
    if isinstance(text, str) and text.strip().lower() in KINDS:
        return text.strip().lower()
    raise InvalidValue("kind", f"{text!r} is not a kind; use one of {', '.join(KINDS)}")


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
    return value


def parse_hours(value: object, most: float = MAX_HOURS_PER_DAY) -> float:
    """Hours as a number (7.5) or as h:mm (7:30); more than 0 and at most `most` (a day: 24), kept to two decimals."""
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
    if hours is None or not math.isfinite(hours):
        raise InvalidValue("hours", f"{value!r} is not a number of hours; use e.g. 6, 7.5 or 7:30 (more than 0, at most {most:g})")
    # Checked before and after rounding: 24.001 is over a day, and 0.001 must not be stored as 0 hours.
    if not (0 < hours <= most and round(hours, 2) > 0):
        raise InvalidValue("hours", f"{value!r} is out of range; hours must be more than 0 and at most {most:g}")
    return round(hours, 2)


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
        if len(raw) != len(fields) + len(COMMON) or not _ID.fullmatch(raw["id"]):
            return False
        parse_iso(raw["date"])
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
        return True
    except (KeyError, TypeError, ValueError, InvalidValue):
        return False


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


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


def find(entries: list[dict], given: str, what: str = "entry", lister: str = "logbook list") -> dict:
    """The entry (or target) whose id is `given` or starts with it, as git resolves abbreviated hashes."""
    wanted = id_prefix(given, what, lister)
    matches = [e for e in entries if e["id"].replace("-", "").startswith(wanted)]
    if not matches:
        raise NotFound(f"id: no {what} has the id {given!r}; `{lister}` shows the ids")
    if len(matches) > 1:
        shown = ", ".join(e["id"][: len(wanted) + 2] for e in matches[:5])
        raise NotFound(f"id: {given!r} is ambiguous ({len(matches)} {what}s: {shown}); give more characters")
    return matches[0]


def id_prefix(given: str, what: str = "entry", lister: str = "logbook list") -> str:
    """The hex digits of an id or of its first characters; a UUID's hyphens are ignored, as in the id itself."""
    wanted = given.strip().lower().replace("-", "")
    if len(wanted) < 4 or not re.fullmatch(r"[0-9a-f]+", wanted):
        article = "an" if what[0] in "aeiou" else "a"
        raise NotFound(f"id: {given!r} is not {article} {what} id; use the id shown by `{lister}` (at least 4 hex characters)")
    return wanted


def short_id_length(entries: list[dict]) -> int:
    """The shortest prefix length, at least 8, that tells every entry of this logbook apart."""
    ids = sorted(e["id"] for e in entries)
    longest = max((_common(a, b) for a, b in zip(ids, ids[1:])), default=0)
    return max(SHORT_ID, longest + 1)


def _common(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


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
    if site and site.casefold() not in (entry.get("site") or "").casefold():
        return False
    if search:
        needle = search.casefold()
        return any(needle in entry[f].casefold() for f in TEXT_FIELDS if entry.get(f))
    return True


def title(entry: dict) -> str:
    """What the entry is about, in one phrase: the activity, procedure or place."""
    return entry.get("activity") or entry.get("procedure") or entry.get("place") or ""


# Fields that carry over within a day: the next entry of that day is logged at the same site, under the same supervisor.
DAY_DEFAULTS = ("site", "supervisor")


def day_defaults(entries: list[dict], kind: str, day: str, values: dict) -> dict[str, str]:
    """The site and supervisor last used on `day`, for the fields of `kind` that `values` leaves out."""
    fields, _ = KINDS[kind]
    wanted = [f for f in DAY_DEFAULTS if f in fields and values.get(f) is None]
    found: dict[str, str] = {}
    for entry in reversed(in_date_order([e for e in entries if e["date"] == day])):
        for field in wanted:
            if field not in found and entry.get(field):
                found[field] = entry[field]
    return found


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
