"""Learning targets (a procedure at a level, hours at a clinical base) and progress against them."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from logbook.domain.counting import count_hours, count_procedure
from logbook.domain.dates import days_between
from logbook.domain.entries import check_id, check_stamp, now_stamp, parse_count, parse_hours, parse_text
from logbook.domain.names import same_name
from logbook.errors import InvalidValue
from logbook.domain.involvement import parse_level, rank

KINDS = ("procedure", "hours")
MAX_TARGET_HOURS = 10_000.0
# Each kind's fields in export order.
FIELDS = {"procedure": ("procedure", "role", "count"), "hours": ("site", "hours")}
COMMON = ("id", "kind", "created_at", "updated_at")


def check_target_fields(kind: str, values: dict) -> dict:
    """A target's own fields, validated and complete, in export order."""
    if kind == "procedure":
        return {
            "procedure": parse_text("procedure", values.get("procedure"), True),
            "role": parse_level(values["role"]) if values.get("role") is not None else "observed",
            "count": parse_count(values.get("count")) if values.get("count") is not None else _missing("count"),
        }
    return {
        "site": parse_text("site", values.get("site"), True),
        "hours": parse_hours(values.get("hours"), MAX_TARGET_HOURS) if values.get("hours") is not None else _missing("hours"),
    }


def _missing(field: str):
    raise InvalidValue(field, "is required")


def new_target(kind: str, values: dict) -> dict:
    stamp = now_stamp()
    return {"id": uuid.uuid4().hex, "kind": kind, "created_at": stamp, "updated_at": stamp,
            **check_target_fields(kind, values)}


def key(target: dict) -> tuple[str, ...]:
    """What makes two targets the same target: one per procedure and level, one per site."""
    if target["kind"] == "procedure":
        return ("procedure", same_name(target["procedure"]), target["role"])
    return ("hours", same_name(target["site"]))


def label(target: dict) -> str:
    if target["kind"] == "procedure":
        return f"{target['procedure']} ({target['role']} or more hands-on)"
    return f"Hours at {target['site']}"


def amount(target: dict) -> float:
    return target["count"] if target["kind"] == "procedure" else target["hours"]


def check_stored_target(raw: object, where: str) -> dict:
    """Validate a target read from an import file; the message names the target and the field."""
    try:
        if not isinstance(raw, dict):
            raise InvalidValue("target", "is not an object")
        kind = raw.get("kind")
        if kind not in KINDS:
            raise InvalidValue("kind", f"{kind!r} is not a kind of target; use one of {', '.join(KINDS)}")
        check_id(raw.get("id"))
        for stamp in ("created_at", "updated_at"):
            check_stamp(raw.get(stamp), stamp)
        extra = set(raw) - set(FIELDS[kind]) - set(COMMON)
        if extra:
            raise InvalidValue(sorted(extra)[0], f"is not a field of {'an' if kind == 'hours' else 'a'} {kind} target")
        if kind == "procedure" and raw.get("role") is None:
            raise InvalidValue("role", "is required")
        return {**{k: raw[k] for k in COMMON}, **check_target_fields(kind, raw)}
    except InvalidValue as err:
        raise InvalidValue(f"{where}, {err.field}", err.message.split(": ", 1)[-1]) from None


def days_so_far(internship: dict, as_of: date) -> tuple[int, int]:
    """(internship days completed by the end of `as_of`, all internship days)."""
    days = days_between(date.fromisoformat(internship["start"]), date.fromisoformat(internship["end"]))
    return sum(1 for d in days if d <= as_of), len(days)


def last_complete_day(today: date) -> date:
    # Today is not over yet: a resident checking in the morning is not behind for today's work.
    return today - timedelta(days=1)


def pace_date(internship: dict, today: date, last: date | None = None) -> date:
    """The day pace is measured to, by `targets` and every report alike: the last complete day, within the internship."""
    return min(last or date.fromisoformat(internship["end"]), date.fromisoformat(internship["end"]),
               last_complete_day(today))


def progress(targets: list[dict], entries: list[dict], internship: dict, as_of: date) -> list[dict]:
    """Each target with what was achieved, the share done, the pro-rata pace and a status.

    A procedure counts toward a target at its level or a more hands-on one (teaching as independent);
    hours count at the target's site. Status: met, on pace, behind (less than the share of the
    internship's days so far), or not met (the internship is over).
    """
    elapsed, total = days_so_far(internship, as_of)
    share = elapsed / total if total else 1.0
    hours_by_site, procedures = _counted(entries) if targets else ({}, {})
    rows = []
    for target in targets:
        goal = amount(target)
        done = achieved(target["kind"], target.get("procedure") or target["site"], target.get("role"), hours_by_site, procedures)
        expected = round(goal * share, 2)
        if done >= goal:
            status = "met"
        elif elapsed >= total:
            status = "not met"
        elif done < expected:
            status = "behind"
        else:
            status = "on pace"
        rows.append({
            "id": target["id"], "kind": target["kind"], "label": label(target),
            "procedure": target.get("procedure"), "role": target.get("role"), "site": target.get("site"),
            "target": goal, "achieved": done, "percent": round(100 * done / goal, 1),
            "expected": expected, "status": status,
        })
    return rows


def pace_of(internship: dict, as_of: date) -> dict:
    elapsed, total = days_so_far(internship, as_of)
    return {"as_of": as_of.isoformat(), "days_elapsed": elapsed, "days_total": total}


def achieved(kind: str, name: str, role: str | None, hours_by_site: dict, procedures: dict) -> float:
    """What counts toward a target, from counted tables (domain.counting, keyed by same_name).

    A procedure counts at the target's level or a more hands-on one; hours count at the target's site.
    """
    if kind == "procedure":
        row, floor = procedures.get(same_name(name)), rank(role or "observed")
        return sum(count for level, count in row["by_role"].items() if rank(level) >= floor) if row else 0
    row = hours_by_site.get(same_name(name))
    return round(row["hours"], 2) if row else 0.0


def _counted(entries: list[dict]) -> tuple[dict, dict]:
    hours_by_site: dict = {}
    procedures: dict = {}
    for e in entries:
        if e["kind"] == "clinical":
            count_hours(hours_by_site, same_name(e["site"]), e["hours"], e["date"])
        elif e["kind"] == "procedure":
            count_procedure(procedures, same_name(e["procedure"]), e["procedure"], e["role"], e["count"])
    return hours_by_site, procedures
