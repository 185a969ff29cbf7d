"""The end-of-internship report as plain data: attendance, hours, procedures, targets, culture, reflections."""

from __future__ import annotations

from datetime import date

from logbook.domain.counting import count_hours, count_procedure
from logbook.domain.dates import WEEKDAYS, days_between
from logbook.domain.entries import in_date_order, matches, title
from logbook.domain.names import name_contains, same_name
from logbook.domain.involvement import LEVELS

WORKING_DAYS = (0, 1, 2, 3, 4)  # Monday to Friday, unless the config's working_days says otherwise
WEEKEND = tuple(d for d in range(7) if d not in WORKING_DAYS)  # the days off of the default week
# Why a report leaves an entry out, in the order each reason is checked (an entry is counted under the first).
LEFT_OUT = ("outside_internship", "outside_period", "other_kinds", "other_sites")
# A calendar day holding only entries the report leaves out (another base's, another kind's): logged, not shown here.
LEFT_OUT_DAY = "left out"


def select(entries: list[dict], first: date, last: date, site: str | None = None, kind: str | None = None,
           as_typed_only: bool = False) -> list[dict]:
    """The entries a report covers: its days, and optionally one kind and sites containing a text.

    `as_typed_only`: a site matches only as typed, in any case (not a Cyrillic name by its Latin letters), as
    reports fingerprinted before version 2 chose them.
    """
    lo, hi = first.isoformat(), last.isoformat()
    if not site and not kind:  # the whole report: a residency's 100,000 entries go through here
        return in_date_order([e for e in entries if lo <= e["date"] <= hi])
    chosen = [e for e in entries if matches(e, kind, lo, hi, site, None)]
    if site and as_typed_only:
        chosen = [e for e in chosen if site.casefold() in (e.get("site") or "").casefold()]
    return in_date_order(chosen)


def period(internship: dict, start: date | None, end: date | None) -> tuple[date, date]:
    """The report's first and last day: the internship's, unless chosen; at most as long as an internship may be."""
    from logbook.domain.internship import MAX_YEARS
    from logbook.errors import InvalidValue

    first, last = start or date.fromisoformat(internship["start"]), end or date.fromisoformat(internship["end"])
    if last < first:
        raise InvalidValue("to", f"{last.isoformat()} is before the report's first day {first.isoformat()}")
    if (last - first).days > MAX_YEARS * 366:
        # A report draws every day of its period: 0001-01-01 to 9999-12-31 would be hundreds of megabytes.
        raise InvalidValue("to", f"a report covers at most {MAX_YEARS} years; {first.isoformat()} to "
                                 f"{last.isoformat()} is longer (choose --from and --to within the internship)")
    return first, last


def summarize(
    internship: dict, entries: list[dict], start: date | None = None, end: date | None = None, *,
    site: str | None = None, kind: str | None = None, targets: list[dict] = (), reflections: list[dict] = (),
    today: date | None = None, sign: bool = False, working_days: tuple[int, ...] = WORKING_DAYS,
) -> dict:
    """Everything the home university asks for, over the internship or the chosen period and selection.

    --site and --kind choose entries; reflections follow the period only. Targets count the chosen
    entries, paced against the internship's days completed by the period's end (or yesterday).
    """
    from logbook.domain.targets import pace_date, pace_of, progress

    first, last = period(internship, start, end)
    lo, hi = first.isoformat(), last.isoformat()
    chosen = select(entries, first, last, site, kind)

    window = days_between(first, last)  # period() refused a last day before the first
    per_day: dict[str, dict] = {}
    hours: dict[str, dict] = {}
    departments: dict[tuple[str, str], dict] = {}
    procedures: dict[str, dict] = {}
    counts = dict.fromkeys(("clinical", "procedure", "cultural"), 0)
    cultural: list[dict] = []
    notes: list[dict] = []  # cultural visits show their notes in the cultural programme already
    bases: dict[str, dict] = {}  # clinical bases in first-seen order, each with its supervisors
    # One pass, building each row only when its key is first seen: this loop runs once per entry.
    for entry in chosen:
        kind_of, when = entry["kind"], entry["date"]
        counts[kind_of] += 1
        day = per_day.get(when)
        if day is None:
            day = per_day[when] = {"entries": 0, "hours": 0.0, "clinical": False}
        day["entries"] += 1
        if kind_of != "cultural":
            day["clinical"] = True
            _supervised_at(bases, entry)
        if kind_of == "clinical":
            spent = entry["hours"]
            day["hours"] += spent
            site_key = same_name(entry["site"])
            count_hours(hours, site_key, spent, when, site=entry["site"])
            count_hours(departments, (site_key, same_name(entry["department"] or "")), spent, when,
                        site=entry["site"], department=entry["department"])
        elif kind_of == "procedure":
            count_procedure(procedures, same_name(entry["procedure"]), entry["procedure"], entry["role"], entry["count"])
        elif kind_of == "cultural":
            cultural.append({"date": when, "place": entry["place"], "category": entry["category"], "note": entry["note"]})
        if kind_of != "cultural" and entry.get("note"):
            notes.append({"date": when, "kind": kind_of, "about": title(entry), "note": entry["note"],
                          # a report in Russian or Uzbek names a catalogue procedure in its words, as its tables do
                          "procedure": entry.get("procedure"), "details": entry.get("details")})

    by_role = dict.fromkeys(LEVELS, 0)
    for row in procedures.values():
        for role, count in row["by_role"].items():
            by_role[role] += count
    as_of = pace_date(internship, today, last) if today else last
    # A day this report leaves out (work at another base, another kind) was logged: never "not logged" on its calendar.
    others = _left_out_days(entries, lo, hi, site) if site or kind else {}
    calendar = [_calendar_day(d, per_day.get(iso := d.isoformat()), working_days, others.get(iso)) for d in window]
    working = [d for d in calendar if not d["weekend"]]
    return {
        "internship": internship,
        "generated_on": today.isoformat() if today else None,
        "period": {"from": lo, "to": hi},
        "selection": {"site": site, "kind": kind, "sites": [b["site"] for b in _sites(chosen).values()] if site else None},
        "left_out": left_out(entries, internship, lo, hi, site, kind) if len(chosen) < len(entries) else _nothing_left_out(),
        "days": {
            "total": len(window),
            "working": len(working),
            "with_entries": sum(1 for d in calendar if d["entries"]),
            "with_clinical": sum(1 for d in calendar if d["status"] == "logged"),
            "with_clinical_on_days_off": sum(1 for d in calendar if d["weekend"] and d["status"] == "logged"),
            "without_entries": [d["date"] for d in calendar if not d["entries"] and d["status"] != LEFT_OUT_DAY],
            "with_left_out_entries_only": [d["date"] for d in calendar if d["status"] == LEFT_OUT_DAY],
        },
        "calendar": calendar,
        "hours_over_time": hours_over_time(calendar),
        "entries": {k: counts[k] for k in ("clinical", "procedure", "cultural")},
        "hours_by_site": _by_hours(hours.values(), ("site",)),
        "hours_by_department": _by_hours(departments.values(), ("site", "department")),
        "total_hours": round(sum(s["hours"] for s in hours.values()), 2),
        "procedures": sorted(procedures.values(), key=lambda r: (-r["total"], r["procedure"].casefold())),
        "procedures_by_role": by_role,
        "total_procedures": sum(by_role.values()),
        "targets": progress([t for t in targets if countable(t, site, kind)], chosen, internship, as_of),
        "pace": pace_of(internship, as_of),
        "cultural": cultural,
        "notes": notes,
        "reflections": [{"date": r["date"], "text": r["text"]} for r in reflections if lo <= r["date"] <= hi],
        "sign_off": [{"site": b["site"], "supervisors": list(b["supervisors"].values())} for b in bases.values()],
        "log": chosen,
        "signature": _sign(internship, chosen, {"from": lo, "to": hi, "site": site, "kind": kind}) if sign else None,
    }


def left_out(entries: list[dict], internship: dict, lo: str, hi: str, site: str | None, kind: str | None) -> dict:
    """How many entries a report of these days, site and kind leaves out, and why: {reason: count, "total": n}.

    Dated outside the internship (logged with --outside, or before `init` moved the dates), outside the report's
    --from/--to, of another kind than --kind, at a site --site does not match.
    """
    counts = dict.fromkeys(LEFT_OUT, 0)
    start, end = internship["start"], internship["end"]
    for entry in entries:
        when = entry["date"]
        if not lo <= when <= hi:
            counts["outside_period" if start <= when <= end else "outside_internship"] += 1
        elif kind and entry["kind"] != kind:
            counts["other_kinds"] += 1
        elif site and not name_contains(entry.get("site"), site):
            counts["other_sites"] += 1
    return {**counts, "total": sum(counts.values())}


def _nothing_left_out() -> dict:
    return {**dict.fromkeys(LEFT_OUT, 0), "total": 0}


def outside_internship(entries: list[dict], internship: dict) -> list[dict]:
    """The entries dated before the internship's first day or after its last, in date order."""
    start, end = internship["start"], internship["end"]
    return in_date_order([e for e in entries if not start <= e["date"] <= end])


def _sites(entries: list[dict]) -> dict[str, dict]:
    """The sites of these entries, each once in its first spelling, in first-seen order."""
    sites: dict[str, dict] = {}
    for entry in entries:
        if entry.get("site"):
            sites.setdefault(same_name(entry["site"]), {"site": entry["site"]})
    return sites


def countable(target: dict, site: str | None, kind: str | None) -> bool:
    """Whether a report of this selection can count the target: no hours target in a procedure-only report."""
    wanted = "hours" if target["kind"] == "hours" else "procedure"
    if kind and kind != {"hours": "clinical", "procedure": "procedure"}[wanted]:
        return False
    return not (site and wanted == "hours" and not name_contains(target["site"], site))


def _supervised_at(bases: dict[str, dict], entry: dict) -> None:
    """Note the entry's clinical base (first spelling kept) and its supervisor there, each once."""
    if not entry.get("site"):
        return
    base = bases.get(key := same_name(entry["site"]))
    if base is None:
        base = bases[key] = {"site": entry["site"], "supervisors": {}}
    if entry.get("supervisor"):
        base["supervisors"].setdefault(same_name(entry["supervisor"]), entry["supervisor"])


def _sign(internship: dict, chosen: list[dict], scope: dict) -> dict:
    from logbook.domain import fingerprint as signing  # hashlib and zlib, only for --sign

    return signing.sign(internship, chosen, scope)


def hours_over_time(calendar: list[dict]) -> dict:
    """Clinical hours and days per day for up to a month, per week (Monday first) up to about six months, else per month."""
    by = "day" if len(calendar) <= 31 else "week" if len(calendar) <= 186 else "month"
    bars: list[dict] = []
    for day in calendar:
        start = by == "day" or not bars or (by == "week" and date.fromisoformat(day["date"]).weekday() == 0) or (
            by == "month" and day["date"].endswith("-01"))
        if start:
            bars.append({"from": day["date"], "to": day["date"], "weekday": day["weekday"], "hours": 0.0,
                         "days": 0, "working_days": 0, "clinical_days": 0, "clinical_days_off": 0})
        bar = bars[-1]
        bar["to"] = day["date"]
        bar["hours"] = round(bar["hours"] + day["hours"], 2)
        bar["days"] += 1
        off = day.get("weekend", False)  # a calendar that does not say (a sign-off sheet's) counts every day as working
        bar["working_days"] += not off
        bar["clinical_days"] += day["status"] == "logged"
        bar["clinical_days_off"] += day["status"] == "logged" and off
    return {"by": by, "bars": bars}


def _left_out_days(entries: list[dict], lo: str, hi: str, site: str | None) -> dict[str, list[str]]:
    """The report's days holding entries it leaves out (by --site or --kind), each with the other sites logged that day."""
    days: dict[str, dict[str, str]] = {}
    # Every entry of the period, the chosen ones too: a day with a chosen entry is "logged" whatever else it holds.
    for entry in entries:
        if lo <= entry["date"] <= hi:
            sites = days.setdefault(entry["date"], {})
            if site and entry.get("site") and not name_contains(entry["site"], site):
                sites.setdefault(same_name(entry["site"]), entry["site"])  # first spelling, as the report's bases
    return {day: list(sites.values()) for day, sites in days.items()}


def _calendar_day(day: date, logged: dict | None, working_days: tuple[int, ...], left_out_sites: list[str] | None) -> dict:
    weekend = day.weekday() not in working_days  # a day off: Saturday and Sunday unless the config says otherwise
    if logged:  # a day with only cultural visits is not a clinical day: the home university counts clinical days
        status = "logged" if logged["clinical"] else "cultural only"
    else:
        status = LEFT_OUT_DAY if left_out_sites is not None else "weekend" if weekend else "not logged"
    return {
        "date": day.isoformat(),
        "weekday": WEEKDAYS[day.weekday()][:3].title(),  # not strftime: the locale must not change it
        "weekend": weekend,
        "status": status,
        "entries": logged["entries"] if logged else 0,
        "hours": round(logged["hours"], 2) if logged else 0.0,
        "elsewhere": left_out_sites if status == LEFT_OUT_DAY else [],  # the other bases of a --site report's day
    }


def _by_hours(rows, fields: tuple[str, ...]) -> list[dict]:
    return [
        {**{f: r[f] for f in fields}, "hours": round(r["hours"], 2), "days": len(r["days"])}
        for r in sorted(rows, key=lambda r: (-r["hours"], *((r[f] or "").casefold() for f in fields)))
    ]
