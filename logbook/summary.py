"""The end-of-internship report as plain data: attendance, hours, procedures, targets, culture, reflections."""

from __future__ import annotations

from datetime import date

from logbook.dates import WEEKDAYS, days_between
from logbook.entries import in_date_order, matches, same_name, title
from logbook.involvement import LEVELS

WEEKEND = (5, 6)  # Saturday, Sunday


def select(entries: list[dict], first: date, last: date, site: str | None = None, kind: str | None = None) -> list[dict]:
    """The entries a report covers: its days, and optionally one kind and sites containing a text."""
    return in_date_order([e for e in entries if matches(e, kind, first.isoformat(), last.isoformat(), site, None)])


def period(internship: dict, start: date | None, end: date | None) -> tuple[date, date]:
    return start or date.fromisoformat(internship["start"]), end or date.fromisoformat(internship["end"])


def summarize(
    internship: dict, entries: list[dict], start: date | None = None, end: date | None = None, *,
    site: str | None = None, kind: str | None = None, targets: list[dict] = (), reflections: list[dict] = (),
    today: date | None = None, sign: bool = False,
) -> dict:
    """Everything the home university asks for, over the internship or the chosen period and selection.

    --site and --kind choose entries; reflections follow the period only. Targets count the chosen
    entries, paced against the internship's days completed by the period's end (or yesterday).
    """
    from logbook import signing
    from logbook.targets import last_complete_day, pace_of, progress

    first, last = period(internship, start, end)
    lo, hi = first.isoformat(), last.isoformat()
    chosen = select(entries, first, last, site, kind)

    window = days_between(first, last) if first <= last else []
    per_day: dict[str, dict] = {}
    hours: dict[str, dict] = {}
    departments: dict[tuple[str, str], dict] = {}
    procedures: dict[str, dict] = {}
    for entry in chosen:
        day = per_day.setdefault(entry["date"], {"entries": 0, "hours": 0.0})
        day["entries"] += 1
        if entry["kind"] == "clinical":
            day["hours"] += entry["hours"]
            for table, key, fields in (
                (hours, same_name(entry["site"]), {"site": entry["site"]}),
                (departments, (same_name(entry["site"]), same_name(entry["department"] or "")),
                 {"site": entry["site"], "department": entry["department"]}),
            ):
                row = table.setdefault(key, {**fields, "hours": 0.0, "days": set()})
                row["hours"] += entry["hours"]
                row["days"].add(entry["date"])
        elif entry["kind"] == "procedure":
            row = procedures.setdefault(
                same_name(entry["procedure"]),
                {"procedure": entry["procedure"], "by_role": dict.fromkeys(LEVELS, 0), "total": 0},
            )
            row["by_role"][entry["role"]] += entry["count"]
            row["total"] += entry["count"]

    by_role = dict.fromkeys(LEVELS, 0)
    for row in procedures.values():
        for role, count in row["by_role"].items():
            by_role[role] += count
    as_of = min(last, last_complete_day(today)) if today else last
    calendar = [_calendar_day(d, per_day.get(d.isoformat())) for d in window]
    return {
        "internship": internship,
        "generated_on": today.isoformat() if today else None,
        "period": {"from": lo, "to": hi},
        "selection": {"site": site, "kind": kind},
        "days": {
            "total": len(window),
            "with_entries": sum(1 for d in window if d.isoformat() in per_day),
            "without_entries": [d.isoformat() for d in window if d.isoformat() not in per_day],
        },
        "calendar": calendar,
        "hours_over_time": hours_over_time(calendar),
        "entries": {k: sum(1 for e in chosen if e["kind"] == k) for k in ("clinical", "procedure", "cultural")},
        "hours_by_site": _by_hours(hours.values(), ("site",)),
        "hours_by_department": _by_hours(departments.values(), ("site", "department")),
        "total_hours": round(sum(s["hours"] for s in hours.values()), 2),
        "procedures": sorted(procedures.values(), key=lambda r: (-r["total"], r["procedure"].casefold())),
        "procedures_by_role": by_role,
        "total_procedures": sum(by_role.values()),
        "targets": progress(list(targets), chosen, internship, as_of),
        "pace": pace_of(internship, as_of),
        "cultural": [
            {"date": e["date"], "place": e["place"], "category": e["category"], "note": e["note"]}
            for e in chosen
            if e["kind"] == "cultural"
        ],
        # Cultural visits show their notes in the cultural programme already.
        "notes": [
            {"date": e["date"], "kind": e["kind"], "about": title(e), "note": e["note"]}
            for e in chosen
            if e.get("note") and e["kind"] != "cultural"
        ],
        "reflections": [{"date": r["date"], "text": r["text"]} for r in reflections if lo <= r["date"] <= hi],
        "log": chosen,
        "signature": signing.sign(internship, chosen, {"from": lo, "to": hi, "site": site, "kind": kind}) if sign else None,
    }


def hours_over_time(calendar: list[dict]) -> dict:
    """Clinical hours per day for a chart; per week (Monday first) or month when a bar per day would be too many."""
    by = "day" if len(calendar) <= 62 else "week" if len(calendar) <= 434 else "month"
    bars: list[dict] = []
    for day in calendar:
        start = by == "day" or not bars or (by == "week" and date.fromisoformat(day["date"]).weekday() == 0) or (
            by == "month" and day["date"].endswith("-01"))
        if start:
            bars.append({"from": day["date"], "to": day["date"], "weekday": day["weekday"], "hours": 0.0})
        bars[-1]["to"] = day["date"]
        bars[-1]["hours"] = round(bars[-1]["hours"] + day["hours"], 2)
    return {"by": by, "bars": bars}


def _calendar_day(day: date, logged: dict | None) -> dict:
    weekend = day.weekday() in WEEKEND
    return {
        "date": day.isoformat(),
        "weekday": WEEKDAYS[day.weekday()][:3].title(),  # not strftime: the locale must not change it
        "weekend": weekend,
        "status": "logged" if logged else "weekend" if weekend else "not logged",
        "entries": logged["entries"] if logged else 0,
        "hours": round(logged["hours"], 2) if logged else 0.0,
    }


def _by_hours(rows, fields: tuple[str, ...]) -> list[dict]:
    return [
        {**{f: r[f] for f in fields}, "hours": round(r["hours"], 2), "days": len(r["days"])}
        for r in sorted(rows, key=lambda r: (-r["hours"], *((r[f] or "").casefold() for f in fields)))
    ]
