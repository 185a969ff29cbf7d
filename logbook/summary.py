"""The end-of-internship summary as plain data: attendance, hours, procedures, culture, notes."""

from __future__ import annotations

from datetime import date

from logbook.dates import days_between
from logbook.entries import in_date_order, title
from logbook.involvement import LEVELS


def summarize(internship: dict, entries: list[dict], start: date | None = None, end: date | None = None) -> dict:
    """Everything the home university asks for, over the internship or the chosen period."""
    first = start or date.fromisoformat(internship["start"])
    last = end or date.fromisoformat(internship["end"])
    lo, hi = first.isoformat(), last.isoformat()
    chosen = in_date_order([e for e in entries if lo <= e["date"] <= hi])

    window = [d.isoformat() for d in days_between(first, last)] if first <= last else []
    logged = {e["date"] for e in chosen}
    hours: dict[str, dict] = {}
    procedures: dict[str, dict] = {}
    for entry in chosen:
        if entry["kind"] == "clinical":
            site = hours.setdefault(_key(entry["site"]), {"site": entry["site"], "hours": 0.0, "days": set()})
            site["hours"] += entry["hours"]
            site["days"].add(entry["date"])
        elif entry["kind"] == "procedure":
            row = procedures.setdefault(
                _key(entry["procedure"]),
                {"procedure": entry["procedure"], "by_role": dict.fromkeys(LEVELS, 0), "total": 0},
            )
            row["by_role"][entry["role"]] += entry["count"]
            row["total"] += entry["count"]

    by_role = dict.fromkeys(LEVELS, 0)
    for row in procedures.values():
        for role, count in row["by_role"].items():
            by_role[role] += count
    return {
        "internship": internship,
        "period": {"from": lo, "to": hi},
        "days": {
            "total": len(window),
            "with_entries": sum(1 for d in window if d in logged),
            "without_entries": [d for d in window if d not in logged],
        },
        "entries": {kind: sum(1 for e in chosen if e["kind"] == kind) for kind in ("clinical", "procedure", "cultural")},
        "hours_by_site": [
            {"site": s["site"], "hours": round(s["hours"], 2), "days": len(s["days"])}
            for s in sorted(hours.values(), key=lambda s: (-s["hours"], s["site"].casefold()))
        ],
        "total_hours": round(sum(s["hours"] for s in hours.values()), 2),
        "procedures": sorted(procedures.values(), key=lambda r: (-r["total"], r["procedure"].casefold())),
        "procedures_by_role": by_role,
        "total_procedures": sum(by_role.values()),
        "cultural": [
            {"date": e["date"], "place": e["place"], "category": e["category"], "note": e["note"]}
            for e in chosen
            if e["kind"] == "cultural"
        ],
        "notes": [
            {"date": e["date"], "kind": e["kind"], "about": title(e), "note": e["note"]} for e in chosen if e.get("note")
        ],
    }


def _key(name: str) -> str:
    # "Caesarean section" and "caesarean section " are one procedure in the totals.
    return " ".join(name.casefold().split())
