"""Reading the dates residents type: ISO, dd.mm.yyyy, today, yesterday, weekdays, `N days ago`."""

from __future__ import annotations

import os
import re
from datetime import date, timedelta

from logbook.errors import InvalidValue

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ACCEPTED = (
    "YYYY-MM-DD, DD.MM.YYYY, today, yesterday, a weekday name (e.g. monday), "
    "'last monday' or 'N days ago'"
)

# ASCII digits only: Python's \d and int() also take Arabic-Indic, Devanagari or fullwidth digits.
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DOTTED = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")
_SLASHED = re.compile(r"[0-9]{1,4}/[0-9]{1,2}/[0-9]{1,4}")
_DAYS_AGO = re.compile(r"([0-9]{1,4}) days? ago")


def today() -> date:
    # LOGBOOK_TODAY pins "today" for tests and demos that must not depend on the calendar.
    pinned = os.environ.get("LOGBOOK_TODAY")
    return date.fromisoformat(pinned) if pinned else date.today()


def parse_date(text: str, today: date, field: str = "date", future: bool = False) -> date:
    """Turn what the user typed into a date, never guessing; refuse future days unless asked."""
    refuse_other_digits(text, field, "a date")
    try:
        day = _read(" ".join(text.lower().split()), today, field, text)
    except OverflowError:
        raise InvalidValue(field, f"{text!r} is before the first day of the calendar") from None
    if day > today and not future:
        raise InvalidValue(field, f"{day.isoformat()} is in the future (today is {today.isoformat()})")
    return day


def parse_iso(text: object, field: str = "date") -> date:
    """Read a stored or imported YYYY-MM-DD date, and nothing else."""
    if isinstance(text, str):
        refuse_other_digits(text, field, "a date")
    if not isinstance(text, str) or not _ISO.fullmatch(text):
        raise InvalidValue(field, f"{text!r} is not a date in the form YYYY-MM-DD")
    return _calendar_day(int(text[:4]), int(text[5:7]), int(text[8:10]), field, text)


def refuse_other_digits(text: str, field: str, what: str) -> None:
    """Refuse digits other than 0-9 (e.g. '٠٣' or '０３'), which a reader of the logbook would not see as numbers."""
    other = next((ch for ch in text if ch.isdigit() and not ch.isascii()), None)
    if other is not None:
        raise InvalidValue(
            field, f"{text!r} has the digit {other!r} (U+{ord(other):04X}); write {what} with the digits 0-9"
        )


def _read(text: str, today: date, field: str, original: str) -> date:
    if text == "today":
        return today
    if text == "yesterday":
        return today - timedelta(days=1)
    if m := _ISO.fullmatch(text):
        return _calendar_day(int(m[1]), int(m[2]), int(m[3]), field, original)
    if m := _DOTTED.fullmatch(text):
        return _calendar_day(int(m[3]), int(m[2]), int(m[1]), field, original)
    if m := _DAYS_AGO.fullmatch(text):
        return today - timedelta(days=int(m[1]))
    last = text.startswith("last ")
    name = text[5:].strip() if last else text
    if name in WEEKDAYS:
        back = (today.weekday() - WEEKDAYS.index(name)) % 7
        # "monday" may be today; "last monday" is always an earlier day.
        return today - timedelta(days=back or (7 if last else 0))
    if _SLASHED.fullmatch(text):
        raise InvalidValue(
            field,
            f"{original!r} is ambiguous (day/month or month/day?); write it as YYYY-MM-DD or DD.MM.YYYY",
        )
    raise InvalidValue(field, f"{original!r} is not a date; use {ACCEPTED}")


def _calendar_day(year: int, month: int, day: int, field: str, original: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidValue(field, f"{original!r} is not a day of the calendar; check the day and the month") from None


def days_between(first: date, last: date) -> list[date]:
    """Every day from first to last, both included."""
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def show_day(iso: str, date_format: str = "iso") -> str:
    """A stored YYYY-MM-DD date as the resident chose to see dates: iso, or dd.mm.yyyy."""
    if date_format == "dd.mm.yyyy":
        return f"{iso[8:10]}.{iso[5:7]}.{iso[:4]}"
    return iso


# The days an internship works unless the config says otherwise (`working_days`): Monday to Friday.
WORKING_WEEK = "mon-fri"
_DAY_NAMES = {name[:3]: n for n, name in enumerate(WEEKDAYS)} | {name: n for n, name in enumerate(WEEKDAYS)}


def parse_working_days(text: object, field: str = "working_days") -> tuple[int, ...]:
    """The weekdays (0 Monday … 6 Sunday) a text names: "mon-fri", "mon-sat", "sun-thu" or "mon,tue,thu"."""
    accepted = "day names or ranges, e.g. mon-fri, mon-sat, sun-thu or mon,wed,fri"
    if not isinstance(text, str) or not text.strip():
        raise InvalidValue(field, f"{text!r} names no working days; give {accepted}")
    days: list[int] = []
    for part in text.lower().replace(" ", "").split(","):
        first, _dash, last = part.partition("-")
        if first not in _DAY_NAMES or (_dash and last not in _DAY_NAMES):
            raise InvalidValue(field, f"{part!r} is not a day of the week or a range of them; give {accepted}")
        start, end = _DAY_NAMES[first], _DAY_NAMES[last or first]
        days += [(start + k) % 7 for k in range((end - start) % 7 + 1)]  # sun-thu runs over the week's end
    return tuple(sorted(set(days)))


def working_days_text(days: tuple[int, ...]) -> str:
    """The working days as the config stores them: "mon-fri", or a list ("mon,wed,fri") when they do not run on."""
    given = set(days)
    for first in days:  # a run of three or more days, also over the week's end (sun-thu)
        if len(days) > 2 and all((first + k) % 7 in given for k in range(len(days))):
            return f"{WEEKDAYS[first][:3]}-{WEEKDAYS[(first + len(days) - 1) % 7][:3]}"
    return ",".join(WEEKDAYS[d][:3] for d in days)
