"""The internship profile: who the resident is, where and when the internship runs."""

from __future__ import annotations

from datetime import date

from logbook.domain.dates import days_between, parse_iso
from logbook.domain.entries import parse_text
from logbook.errors import InvalidValue

FIELDS = ("resident", "specialty", "home_institution", "host_institution", "start", "end")
REQUIRED = ("resident", "specialty", "host_institution", "start", "end")
MAX_YEARS = 8
# Each required field in words, and the option that gives it, for "missing: …" and for the questions init asks.
IN_WORDS = {"resident": "resident", "specialty": "specialty", "host_institution": "host institution",
            "start": "start date", "end": "end date"}
OPTIONS = {"resident": "--resident", "specialty": "--specialty", "host_institution": "--host", "start": "--start",
           "end": "--end"}


def missing_fields(current: dict | None, given: dict) -> list[str]:
    """The required fields that neither the profile already has nor `given` gives, in the profile's order.

    A blank value is missing too: `--host ""` is named in words, not refused as "host_institution: is required".
    """
    have = {**(current or {}), **{k: v for k, v in given.items() if v is not None}}
    return [f for f in REQUIRED if not (isinstance(have.get(f), str) and have[f].strip())]


# Fields that make two logbooks the same internship (used by import).
IDENTITY = ("resident", "host_institution", "start", "end")


def check_internship(values: dict) -> dict:
    """Validate a complete profile (from init or an import file)."""
    if not isinstance(values, dict):
        raise InvalidValue("internship", "is not an object")
    clean = {f: parse_text(f, values.get(f), f in REQUIRED) for f in FIELDS if f not in ("start", "end")}
    start = parse_iso(values.get("start"), "start")
    end = parse_iso(values.get("end"), "end")
    if end < start:
        raise InvalidValue("end", f"{end.isoformat()} is before the start {start.isoformat()}")
    if (end - start).days > MAX_YEARS * 366:
        raise InvalidValue("end", f"an internship may last at most {MAX_YEARS} years (a neurosurgery residency lasts 7)")
    return {**clean, "start": start.isoformat(), "end": end.isoformat()}


def days(internship: dict) -> list[date]:
    return days_between(date.fromisoformat(internship["start"]), date.fromisoformat(internship["end"]))


def check_in_window(internship: dict, day: date, field: str = "date") -> None:
    """Refuse a day outside the internship, naming the window."""
    if not internship["start"] <= day.isoformat() <= internship["end"]:
        raise InvalidValue(
            field,
            f"{day.isoformat()} is outside the internship ({internship['start']} to {internship['end']}); "
            "use --outside to log it anyway",
        )


def same_internship(a: dict, b: dict) -> bool:
    return all(a.get(f) == b.get(f) for f in IDENTITY)
