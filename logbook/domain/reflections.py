"""Reflections: at most one free-text reflection per internship day, editable."""

from __future__ import annotations

from datetime import date

from logbook.domain.dates import parse_iso
from logbook.domain.entries import check_stamp, now_stamp, parse_text
from logbook.errors import InvalidValue

FIELDS = ("date", "text", "created_at", "updated_at")
MAX_LENGTH = 20_000


def check_text(value: object) -> str:
    text = parse_text("text", value, True)
    if len(text) > MAX_LENGTH:
        raise InvalidValue("text", f"is {len(text)} characters long; a reflection holds at most {MAX_LENGTH}")
    return text


def reflection(day: date, text: str, current: dict | None) -> dict:
    """The day's reflection with this text; a replaced one keeps when it was first written."""
    stamp = now_stamp()
    return {
        "date": day.isoformat(),
        "text": check_text(text),
        "created_at": current["created_at"] if current else stamp,
        "updated_at": stamp,
    }


def check_stored_reflection(raw: object, where: str) -> dict:
    """Validate a reflection read from an import file; the message names it and the field."""
    try:
        if not isinstance(raw, dict):
            raise InvalidValue("reflection", "is not an object")
        extra = set(raw) - set(FIELDS)
        if extra:
            raise InvalidValue(sorted(extra)[0], "is not a field of a reflection")
        parse_iso(raw.get("date"), "date")
        for stamp in ("created_at", "updated_at"):
            check_stamp(raw.get(stamp), stamp)
        return {"date": raw["date"], "text": check_text(raw.get("text")),
                "created_at": raw["created_at"], "updated_at": raw["updated_at"]}
    except InvalidValue as err:
        raise InvalidValue(f"{where}, {err.field}", err.message.split(": ", 1)[-1]) from None
