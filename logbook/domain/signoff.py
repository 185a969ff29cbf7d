"""The sheet a clinical base signs: its days, hours, departments, procedures and supervisors, counted as the summary counts."""

from __future__ import annotations

from datetime import date

from logbook.domain.dates import days_between
from logbook.domain.entries import in_date_order
from logbook.domain.names import named_by_part, near_by_part, same_name
from logbook.domain.summary import WEEKEND, hours_over_time, period, summarize
from logbook.errors import LogbookError, NotOneName

# A day on a base's sheet: worked there, at another base, a weekend, or a weekday with no clinical entry.
HERE, ELSEWHERE, WEEKEND_DAY, NO_CLINICAL = "here", "elsewhere", "weekend", "no clinical entry"


def clinical(entry: dict) -> bool:
    """Clinical work and procedures are what a base signs for; a cultural visit is no base's."""
    return entry["kind"] != "cultural"


def bases_logged(entries: list[dict], first: date, last: date) -> dict[str, str]:
    """The clinical bases of the period's entries, in the order first worked there: {compared form: first spelling}."""
    lo, hi = first.isoformat(), last.isoformat()
    bases: dict[str, str] = {}
    for e in in_date_order([e for e in entries if lo <= e["date"] <= hi and clinical(e) and e.get("site")]):
        bases.setdefault(same_name(e["site"]), e["site"])
    return bases


def choose_base(bases: dict[str, str], typed: str, elsewhere: dict[str, str]) -> str:
    """The one logged base SITE names, matched as `summary --site` matches (any part, any case); the whole name wins.

    `elsewhere`: bases logged only outside the period, named in the refusal so the resident knows why.
    """
    logged = "; ".join(bases.values())
    if not bases:
        raise LogbookError("no clinical base is logged in the internship's dates, so there is no sheet to sign; "
                           "log clinical work with `logbook add clinical --site SITE ...`")
    if not typed.strip():
        raise LogbookError(f"SITE is empty; give any part of a logged site's name. The logged sites: {logged}")
    found = named_by_part(typed, list(bases.values()))
    if len(found) == 1:
        return found[0]
    if found:
        raise NotOneName(f"SITE {typed!r} is part of {len(found)} logged sites ({'; '.join(found)}); give more of "
                         f"the name. The logged sites: {logged}")
    outside = [name for key, name in elsewhere.items() if key not in bases and typed.casefold() in name.casefold()]
    why = f" ({'; '.join(outside)} is logged only outside the internship's dates)" if outside else ""
    near = near_by_part(typed, list(bases.values())) if not outside else []
    hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else "."
    raise NotOneName(f"SITE {typed!r} is not part of any logged site{why}{hint} The logged sites: {logged}")


def sheet(internship: dict, entries: list[dict], site: str, first: date, last: date) -> dict:
    """One base's sheet: what the summary counts of its entries, and every day of the period as seen from there."""
    key, lo, hi = same_name(site), first.isoformat(), last.isoformat()
    here = [e for e in entries if clinical(e) and same_name(e.get("site") or "") == key]
    shown = [e for e in here if lo <= e["date"] <= hi]
    counted = summarize(internship, shown, first, last)
    worked = [d["date"] for d in counted["calendar"] if d["entries"]]
    daily = _days(entries, key, first, last)
    return {
        "site": site,
        "first_day": worked[0] if worked else None,
        "last_day": worked[-1] if worked else None,
        "days_here": len(worked),
        "entries": {k: counted["entries"][k] for k in ("clinical", "procedure")},
        "total_hours": counted["total_hours"],
        "hours_by_department": counted["hours_by_department"],
        "procedures": counted["procedures"],
        "procedures_by_role": counted["procedures_by_role"],
        "total_procedures": counted["total_procedures"],
        "supervisors": counted["sign_off"][0]["supervisors"] if counted["sign_off"] else [],
        "days": _runs(daily),
        # On paper a residency's days are counted per week or month (`by`); `days` above keeps every one.
        "over_time": _periods(daily),
        "outside_dates": len(here) - len(shown),  # a sheet says what it leaves out
        "log": counted["log"],
    }


def sheets(internship: dict, entries: list[dict], sites: list[str], *, today: date | None = None,
           sign: bool = False) -> dict:
    """The sheets of these bases over the internship's days, with one fingerprint covering every entry they show."""
    first, last = period(internship, None, None)
    made = [sheet(internship, entries, site, first, last) for site in sites]
    lo, hi = first.isoformat(), last.isoformat()
    shown = in_date_order([e for s in made for e in s["log"]])
    scope = {"from": lo, "to": hi, "site": None, "kind": None, "bases": list(sites)}
    signature = None
    if sign:
        from logbook.domain import fingerprint  # hashlib and zlib, only for --fingerprint

        signature = fingerprint.sign(internship, shown, scope)
    return {
        "internship": internship,
        "generated_on": today.isoformat() if today else None,
        "period": {"from": lo, "to": hi},
        # What `verify` compares with the fingerprint's scope; the bases say which sheets.
        "selection": {"site": None, "kind": None},
        "bases": list(sites),
        "sheets": made,
        "log": shown,
        "signature": signature,
    }


def on_sheets(entries: list[dict], first: date, last: date, bases: list[str]) -> list[dict]:
    """The entries the sheets of these bases show, for `verify`: clinical entries at exactly those bases, in the period."""
    keys, lo, hi = {same_name(b) for b in bases}, first.isoformat(), last.isoformat()
    return in_date_order([e for e in entries if lo <= e["date"] <= hi and clinical(e)
                          and same_name(e.get("site") or "") in keys])


def _days(entries: list[dict], key: str, first: date, last: date) -> list[dict]:
    """Every day of the period from the base's side."""
    lo, hi = first.isoformat(), last.isoformat()
    by_day: dict[str, list[dict]] = {}
    for e in entries:
        if lo <= e["date"] <= hi and clinical(e):
            by_day.setdefault(e["date"], []).append(e)
    return [_day(day.isoformat(), day.weekday() in WEEKEND, in_date_order(by_day.get(day.isoformat(), [])), key)
            for day in days_between(first, last)]


def _runs(daily: list[dict]) -> list[dict]:
    """The days, a run of like days away from the base (the same other bases, a weekend) as one row."""
    rows: list[dict] = []
    for row in daily:
        before = rows[-1] if rows else None
        if before and row["status"] != HERE and (before["status"], before["elsewhere"]) == (row["status"], row["elsewhere"]):
            rows[-1] = {**before, "to": row["to"]}
        else:
            rows.append(row)
    return rows


def _periods(daily: list[dict]) -> dict:
    """Beyond a month, the days counted per week (up to about six months) or per month, as the summary groups hours."""
    calendar = [{"date": d["from"], "weekday": "", "hours": d["hours"], "status": "logged" if d["status"] == HERE else d["status"]}
                for d in daily]
    grouped = hours_over_time(calendar)
    if grouped["by"] == "day":  # a month or less: the days themselves are the sheet's table
        return {"by": "day", "rows": []}
    status = {d["from"]: d["status"] for d in daily}
    rows = []
    for bar in grouped["bars"]:
        days = [status[d.isoformat()] for d in days_between(date.fromisoformat(bar["from"]), date.fromisoformat(bar["to"]))]
        rows.append({"from": bar["from"], "to": bar["to"], "days_here": bar["clinical_days"], "hours": bar["hours"],
                     "days_elsewhere": days.count(ELSEWHERE),
                     "days_without_clinical": days.count(WEEKEND_DAY) + days.count(NO_CLINICAL)})
    return {"by": grouped["by"], "rows": rows}


def _day(iso: str, weekend: bool, worked: list[dict], key: str) -> dict:
    here = [e for e in worked if same_name(e.get("site") or "") == key]
    others: dict[str, str | None] = {}
    for e in worked:
        if e not in here:  # a procedure logged without a site is clinical work at a base not named: None
            others.setdefault(same_name(e["site"]) if e.get("site") else "", e.get("site"))
    departments: dict[str, str] = {}
    for e in here:
        if e.get("department"):
            departments.setdefault(same_name(e["department"]), e["department"])
    status = HERE if here else ELSEWHERE if others else WEEKEND_DAY if weekend else NO_CLINICAL
    return {"from": iso, "to": iso, "status": status, "elsewhere": list(others.values()),
            "departments": list(departments.values()),
            "hours": round(sum(e["hours"] for e in here if e["kind"] == "clinical"), 2), "entries": len(here)}
