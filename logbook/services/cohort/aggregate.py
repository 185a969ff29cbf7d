"""A cohort report's figures: each resident counted as `logbook summary` counts, summed by internship (host and dates)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Iterable

from logbook.domain.cohort import TABLES
from logbook.domain.counting import count_hours, count_procedure
from logbook.domain.dates import days_between, working_days_text
from logbook.domain.entries import now_stamp
from logbook.domain.involvement import LEVELS
from logbook.domain.names import name_key, same_name
from logbook.domain.nameslist import NamesList
from logbook.domain.targets import achieved
from logbook.errors import LogbookError
from logbook.services.names import names_list
from logbook.services.cohort.merge import Merger, ResidentLogbook, conflict_note, merge_note
from logbook.services.cohort.read import DATE, KIND, Export, Problem

FORMAT = "internship-logbook-cohort"
SCHEMA_VERSION = 1


def build_report(items: Iterable[Export | Problem], skip_bad: bool = False) -> dict:
    """The cohort report as plain data; its "notes" say what the user should know (merges, skipped files, left-out
    entries), each a dict whose "note" names what happened, worded by the renderer in the report's language.

    A bad file stops everything (LogbookError naming it) unless skip_bad, which lists it as skipped.
    """
    merger, problems, read = Merger(), [], []
    for item in items:
        if isinstance(item, Problem):
            problems.append(item)
        elif not problems or skip_bad:  # once something is bad, the rest is only checked
            merger.add(item)
            read.append(item.path)
    if problems and not skip_bad:
        others = [p.path for p in problems[1:]]
        more = f"; {len(others)} more bad: {', '.join(others[:3])}{'…' if len(others) > 3 else ''}" if others else ""
        raise LogbookError(f"{problems[0].reason}{more}; no report was made (--skip-bad reports without the bad files)")
    if not read:
        raise LogbookError("no export could be read, so there is nothing to report")

    notes = [{"note": "skipped", "file": p.path, "problem": p.problem, "reason": p.reason} for p in problems] + merger.notes()
    counted = CountedNames()
    residents = [_resident(book, notes, counted) for book in merger.logbooks.values()]
    return _report(residents, read, problems, notes)


class CountedNames:
    """The name a procedure or place is counted under across the cohort, by `add`'s rules: the catalogue's or the
    gazetteer's canonical name for any spelling it lists, else the first spelling met of the same name (name_key),
    so "Lyabi Hauz", "Lyab-i Hauz" and "LSCS" in three residents' exports are each one name."""

    def __init__(self) -> None:
        self._lists: dict[str, NamesList] = {}
        self._first: dict[tuple[str, str], str] = {}  # (kind, name_key) -> the first spelling met
        self._counted: dict[tuple[str, str], tuple[str, str]] = {}  # (kind, name) -> (key, name shown); names repeat

    def __call__(self, kind: str, name: str) -> tuple[str, str]:
        """(the key rows are counted under, the name they show) for the name of a procedure or a cultural visit's place."""
        if (known := self._counted.get((kind, name))) is not None:
            return known
        listed = self._lists.get(kind) or self._lists.setdefault(kind, names_list("procedure" if kind == "procedure" else "place"))
        shown = listed.canonical(name) or self._first.setdefault((kind, name_key(name)), name)
        known = self._counted[(kind, name)] = (same_name(shown), shown)
        return known


def _resident(book: ResidentLogbook, notes: list[dict], counted: CountedNames) -> dict:
    """One resident's figures, over their internship's days as `logbook summary` counts them."""
    newest = max(book.exports, key=lambda e: (e.exported_at, e.file))
    profile = newest.internship
    if len(book.exports) > 1:
        notes.append(merge_note(book, profile["resident"]))
        if conflict := conflict_note(book, newest):
            notes.append(conflict)
    lo, hi = profile["start"], profile["end"]
    records = book.records.values()
    inside = [r for r in records if lo <= r[DATE] <= hi]
    if len(inside) < len(records):
        notes.append({"note": "outside dates", "resident": profile["resident"], "count": len(records) - len(inside),
                      "start": lo, "end": hi})
    ignored = sum(e.ignored_targets for e in book.exports)
    if ignored:
        notes.append({"note": "ignored targets", "resident": profile["resident"], "count": ignored})

    sites: dict[str, dict] = {}  # as the summary counts them: same_name -> {site, hours, days}
    procedures: dict[str, dict] = {}  # same_name -> {procedure, by_role, total}
    places: dict[str, list] = {}  # same_name -> [name, category]
    keys: dict[str, str] = {}  # names repeat across entries: normalise each spelling once
    for _, day, kind, name, detail, amount, _ in inside:
        if kind == "clinical":
            key = keys.get(name) or keys.setdefault(name, same_name(name))
            count_hours(sites, key, amount, day, site=name)
            continue
        key, name = counted(kind, name)
        if kind == "procedure":
            count_procedure(procedures, key, name, detail, amount)
        else:
            places.setdefault(key, [name, detail])
    targets = next((e.targets for e in sorted(book.exports, key=lambda e: (e.exported_at, e.file), reverse=True)
                    if e.targets is not None), None)
    # A clinical day as the summary counts it: a day with clinical work or a procedure, on a working day or a day off,
    # against the resident's own week as their newest export names it.
    week = newest.working_days
    clinical = {r[DATE] for r in inside if r[KIND] != "cultural"}
    days_off = sum(1 for day in clinical if date.fromisoformat(day).weekday() not in week)
    return {
        "profile": profile,
        "files": [e.path for e in book.exports],
        "entries": len(inside),
        "days": len({r[DATE] for r in inside}),
        "clinical_days": len(clinical),  # days off included, as the summary's days.with_clinical
        "clinical_days_off": days_off,
        "working_days": sum(1 for day in days_between(date.fromisoformat(lo), date.fromisoformat(hi)) if day.weekday() in week),
        "working_week": working_days_text(week),
        "hours": sum(s["hours"] for s in sites.values()),
        "procedures_done": sum(p["total"] for p in procedures.values()),
        "cultural_visits": sum(1 for r in inside if r[KIND] == "cultural"),
        "sites": sites,
        "procedures": procedures,
        "places": places,
        "targets": None if targets is None else [_progress(t, sites, procedures, counted) for t in targets],
    }


def _progress(target: dict, sites: dict, procedures: dict, counted: CountedNames) -> dict:
    kind = "procedure" if target["procedure"] is not None else "hours"
    name = counted("procedure", target["procedure"])[1] if kind == "procedure" else target["site"]
    done = achieved(kind, name, target["role"], sites, procedures)
    return {**target, "achieved": done, "met": done >= target["required"]}


def _report(residents: list[dict], read: list[str], problems: list[Problem], notes: list[dict]) -> dict:
    cohorts: dict[tuple, list[dict]] = defaultdict(list)
    for r in residents:
        p = r["profile"]
        cohorts[(p["start"], p["end"], same_name(p["host_institution"]))].append(r)
    report: dict = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "generated_at": now_stamp(),
        "files": {"read": read, "skipped": [{"file": p.path, "reason": p.reason} for p in problems]},
        "notes": notes,
        **{table: [] for table in TABLES},
    }
    for number, key in enumerate(sorted(cohorts), start=1):
        members = sorted(cohorts[key], key=lambda r: (same_name(r["profile"]["specialty"]), same_name(r["profile"]["resident"])))
        for table, rows in _cohort_tables(number, members).items():
            report[table].extend(rows)
    return report


def _cohort_tables(number: int, members: list[dict]) -> dict[str, list[dict]]:
    first = members[0]["profile"]
    c = {"cohort": number}
    specialties: dict[str, dict] = {}
    sites: dict[str, dict] = {}
    procedures: dict[tuple, dict] = {}
    by_specialty: dict[tuple, dict] = {}
    places: dict[str, dict] = {}
    names: dict[str, str] = {}
    for r in members:
        spec_key = same_name(r["profile"]["specialty"])
        spec = specialties.setdefault(spec_key, {**c, "specialty": r["profile"]["specialty"], "residents": 0,
                                                 "entries": 0, "days": 0, "hours": 0.0, "procedures": 0})
        for k, v in (("residents", 1), ("entries", r["entries"]), ("days", r["days"]), ("hours", r["hours"]),
                     ("procedures", r["procedures_done"])):
            spec[k] += v
        for key, counted in r["sites"].items():
            row = sites.setdefault(key, {**c, "site": counted["site"], "residents": 0, "days": 0, "hours": 0.0})
            row["residents"] += 1
            row["days"] += len(counted["days"])
            row["hours"] += counted["hours"]
        for key, counted in r["procedures"].items():
            name = names.setdefault(key, counted["procedure"])  # one spelling per procedure, whatever the level
            for role, count in counted["by_role"].items():
                if not count:
                    continue
                row = procedures.setdefault((key, role), {**c, "procedure": name, "role": role, "count": 0, "residents": 0})
                row["count"] += count
                row["residents"] += 1
                row = by_specialty.setdefault((spec_key, key, role), {**c, "specialty": spec["specialty"], "procedure": name,
                                                                      "role": role, "count": 0, "residents": 0})
                row["count"] += count
                row["residents"] += 1
        for key, (name, category) in r["places"].items():
            row = places.setdefault(key, {**c, "place": name, "category": category, "residents": 0})
            row["residents"] += 1

    residents = [_resident_row(c, r) for r in members]
    # Each specialty's rows gathered in one pass: looking through every row once per specialty was quadratic.
    of_specialty: dict[str, list[dict]] = defaultdict(list)
    for (spec_key, _, _), row in by_specialty.items():
        of_specialty[spec_key].append(row)
    return {
        "cohorts": [{
            **c, "host_institution": first["host_institution"], "start": first["start"], "end": first["end"],
            "internship_days": (date.fromisoformat(first["end"]) - date.fromisoformat(first["start"])).days + 1,
            "home_institutions": sorted({r["profile"]["home_institution"] for r in members if r["profile"]["home_institution"]},
                                        key=str.casefold),
            "residents": len(members),
            "entries": sum(r["entries"] for r in members),
            "hours": _hours(sum(r["hours"] for r in members)),
            "procedures": sum(r["procedures_done"] for r in members),
        }],
        "specialties": sorted(({**s, "hours": _hours(s["hours"])} for s in specialties.values()),
                              key=lambda s: (-s["residents"], s["specialty"].casefold())),
        "residents": residents,
        "sites": sorted(({**s, "hours": _hours(s["hours"])} for s in sites.values()),
                        key=lambda s: (-s["hours"], s["site"].casefold())),
        "procedures": _by_procedure(procedures.values()),
        "procedures_by_specialty": [
            row for spec_key in sorted(specialties, key=lambda k: specialties[k]["specialty"].casefold())
            for row in _by_procedure(of_specialty.get(spec_key, ()))
        ],
        "cultural": sorted(places.values(), key=lambda p: (-p["residents"], p["place"].casefold())),
        "targets": [
            {**c, "resident": r["profile"]["resident"], "specialty": r["profile"]["specialty"], **t}
            for r in members for t in (r["targets"] or [])
        ],
    }


def _resident_row(c: dict, r: dict) -> dict:
    p, targets = r["profile"], r["targets"]
    return {
        **c, "resident": p["resident"], "specialty": p["specialty"], "home_institution": p["home_institution"],
        "entries": r["entries"], "days": r["days"], "working_week": r["working_week"], "working_days": r["working_days"],
        "clinical_days": r["clinical_days"], "clinical_days_off": r["clinical_days_off"], "hours": _hours(r["hours"]),
        "procedures": r["procedures_done"],
        "cultural": r["cultural_visits"],
        "targets": None if targets is None else len(targets),
        "targets_met": None if targets is None else sum(t["met"] for t in targets),
        "files": r["files"],
    }


def _by_procedure(rows: Iterable[dict]) -> list[dict]:
    """Rows of one procedure together, the most done first, levels from hands-off to hands-on."""
    rows = list(rows)
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        totals[same_name(row["procedure"])] += row["count"]
    order = list(LEVELS)
    return sorted(rows, key=lambda r: (-totals[same_name(r["procedure"])], same_name(r["procedure"]), order.index(r["role"])))


def _hours(value: float) -> float:
    return round(value, 2)
