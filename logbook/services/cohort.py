"""A group's report: many residents' exports read together, merged by entry id and summed as plain data.

Residents are grouped into cohorts by internship (host institution, first and last day); exports of one
resident's logbook (shared entry ids, or the same resident, host and dates) count once.
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

import orjson

from logbook.domain.entries import now_stamp
from logbook.errors import LogbookError
from logbook.services.exports import read_document
from logbook.domain.internship import IDENTITY
from logbook.domain.involvement import LEVELS, parse_level, rank
from logbook.domain.names import same_name

FORMAT = "internship-logbook-cohort"
SCHEMA_VERSION = 1
SUFFIXES = (".json", ".jsonl")
# Below this many bytes of exports, starting worker processes costs more than it saves.
PARALLEL_FROM_BYTES = 8 * 1024 * 1024


# What the report needs of one entry, as a plain tuple: small, and cheap to pass between processes,
# so that 400,000 of them fit in memory at once. The parts, in order:
#   updated_at, date, kind,
#   name    (clinical: the site; procedure: the procedure; cultural: the place),
#   detail  (procedure: the level of involvement; cultural: the category; clinical: None),
#   amount  (clinical: hours; procedure: count; cultural: 0),
#   file    (position of its export among the files found).
Record = tuple
UPDATED_AT, DATE, KIND, FILE = 0, 1, 2, 6


@dataclass
class Export:
    """One export file, validated, reduced to what the report needs."""

    file: int
    path: str
    internship: dict
    exported_at: str
    targets: list[dict] | None
    ignored_targets: int
    records: dict[str, Record]


@dataclass
class Problem:
    """A file that could not be used, and why (one line naming it)."""

    path: str
    reason: str


@dataclass
class _Logbook:
    """One resident's logbook, put together from one or more exports."""

    exports: list[Export] = field(default_factory=list)
    repeated: int = 0  # entries met again in a later export
    changed: int = 0  # of those, how many came in another version (the newest counts)


def find_exports(paths: Iterable[Path]) -> list[Path | Problem]:
    """Each file given, and the .json / .jsonl files directly inside each folder given, each once."""
    found: list[Path | Problem] = []
    seen: set[str] = set()
    for path in paths:
        if path.is_dir():
            try:
                inside = sorted(
                    p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and not p.name.startswith(".") and p.is_file()
                )
            except OSError as err:
                found.append(Problem(str(path), f"cannot read the folder {path}: {err.strerror or err}"))
                continue
            if not inside:
                found.append(Problem(str(path), f"{path} holds no .json or .jsonl files"))
        else:
            inside = [path]
        for p in inside:
            if (real := os.path.realpath(p)) not in seen:
                seen.add(real)
                found.append(p)
    return found


def read_export(path: Path, file: int) -> Export:
    """Read and validate one export (JSON, or JSON Lines by its .jsonl suffix); the error names the file."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise LogbookError(f"cannot read {path}: {err.strerror or err}") from None
    if path.suffix.lower() == ".jsonl":
        from logbook.services.jsonl import document_from_lines

        document = document_from_lines(data, str(path))
    else:
        try:
            document = orjson.loads(data)
        except orjson.JSONDecodeError as err:
            raise LogbookError(f"{path} is not valid JSON ({err})") from None
    internship, entries = read_document(document, str(path))
    targets, ignored = read_targets(document.get("targets"))
    exported_at = document.get("exported_at")
    return Export(
        file, str(path), internship, exported_at if isinstance(exported_at, str) else "", targets, ignored,
        {e["id"]: _record(e, file) for e in entries},
    )


def read_targets(raw: object) -> tuple[list[dict] | None, int]:
    """Targets an export may carry, read loosely: (targets, how many were not understood); None if it carries none.

    A target is {"procedure", "count", "role"?} (the role or a more hands-on one counts; no role: any)
    or {"site", "hours"}; any other keys (such as "id") are ignored.
    """
    if raw is None or raw == []:  # exports list [] when the resident set no targets: nothing to count
        return None, 0
    if not isinstance(raw, list):
        return None, 1
    targets, ignored = [], 0
    for item in raw:
        target = _target(item) if isinstance(item, dict) else None
        if target is None:
            ignored += 1
        else:
            targets.append(target)
    return targets, ignored


def _target(item: dict) -> dict | None:
    def amount(key: str) -> float | None:
        value = item.get(key)
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
        return value if ok else None

    procedure, site = item.get("procedure"), item.get("site")
    if isinstance(procedure, str) and procedure.strip() and (count := amount("count")) is not None:
        role = item.get("role")
        try:
            role = parse_level(role) if role not in (None, "") else None
        except LogbookError:
            return None
        return {"procedure": procedure, "site": None, "role": role, "required": count}
    if isinstance(site, str) and site.strip() and (hours := amount("hours")) is not None:
        return {"procedure": None, "site": site, "role": None, "required": hours}
    return None


def _record(entry: dict, file: int) -> Record:
    kind = entry["kind"]
    if kind == "clinical":
        name, detail, amount = entry["site"], None, entry["hours"]
    elif kind == "procedure":
        name, detail, amount = entry["procedure"], entry["role"], entry["count"]
    else:
        name, detail, amount = entry["place"], entry["category"], 0
    intern = sys.intern
    return (entry["updated_at"], intern(entry["date"]), intern(kind), intern(name), detail and intern(detail), amount, file)


def read_all(found: list[Path | Problem], parallel: bool | None = None) -> Iterator[Export | Problem]:
    """Read the files in order, in worker processes when there is enough to read to pay for them."""
    jobs = [(item, n) for n, item in enumerate(found) if isinstance(item, Path)]
    if parallel is None:
        parallel = _size(p for p, _ in jobs) >= PARALLEL_FROM_BYTES and _cores() > 1
    results: Iterator[Export | Problem]
    pool = None
    if parallel:
        import multiprocessing

        methods = multiprocessing.get_all_start_methods()
        pool = multiprocessing.get_context("fork" if "fork" in methods else None).Pool(min(_cores(), 4))
        results = pool.imap(_read_or_problem, jobs, chunksize=2)
    else:
        results = map(_read_or_problem, jobs)
    try:
        pending = iter(results)
        for item in found:
            yield item if isinstance(item, Problem) else next(pending)
    finally:
        if pool is not None:
            pool.terminate()


def _read_or_problem(job: tuple[Path, int]) -> Export | Problem:
    # Problems travel back as plain data: the errors' own constructors do not survive pickling.
    path, file = job
    try:
        return read_export(path, file)
    except LogbookError as err:
        return Problem(str(path), err.message)


def _size(paths: Iterable[Path]) -> int:
    total = 0
    for p in paths:
        try:
            total += p.stat().st_size
        except OSError:
            pass
    return total


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class Merger:
    """Puts exports together as they arrive: an entry id seen twice counts once, in its newest version."""

    def __init__(self) -> None:
        self.exports: list[Export] = []
        self.kept: dict[str, Record] = {}
        self._parent: dict[int, int] = {}
        self._by_identity: dict[tuple, int] = {}
        self._repeated: dict[int, int] = defaultdict(int)
        self._changed: dict[int, int] = defaultdict(int)

    def add(self, export: Export) -> None:
        me = export.file
        self._parent[me] = me
        self.exports.append(export)
        key = _identity(export.internship)
        if key in self._by_identity:
            self._union(self._by_identity[key], me)
        else:
            self._by_identity[key] = me
        kept = self.kept
        for ident, record in export.records.items():
            old = kept.setdefault(ident, record)
            if old is record:
                continue
            self._union(old[FILE], me)
            self._repeated[me] += 1
            if record[UPDATED_AT] != old[UPDATED_AT]:
                self._changed[me] += 1
                if record[UPDATED_AT] > old[UPDATED_AT]:
                    kept[ident] = record
        export.records = {}  # held once, in `kept`

    def logbooks(self) -> list[tuple[_Logbook, list[Record]]]:
        """Each resident's logbook with its entries, in the order their first export was given."""
        books: dict[int, _Logbook] = {}
        for export in self.exports:
            book = books.setdefault(self._find(export.file), _Logbook())
            book.exports.append(export)
            book.repeated += self._repeated[export.file]
            book.changed += self._changed[export.file]
        records: dict[int, list[Record]] = {root: [] for root in books}
        find = self._find
        for record in self.kept.values():
            records[find(record[FILE])].append(record)
        return [(book, records[root]) for root, book in books.items()]

    def _find(self, n: int) -> int:
        parent = self._parent
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)


def _identity(internship: dict) -> tuple:
    return tuple(same_name(internship[f]) if f in ("resident", "host_institution") else internship[f] for f in IDENTITY)


def build_report(items: Iterable[Export | Problem], skip_bad: bool = False) -> dict:
    """The cohort report as plain data; its "notes" say what the user should know (merges, skipped files, left-out entries).

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

    notes = [f"Skipped a bad file: {p.reason}" for p in problems]
    residents = [_resident(book, records, notes) for book, records in merger.logbooks()]
    return _report(residents, read, problems, notes)


def _resident(book: _Logbook, records: list[Record], notes: list[str]) -> dict:
    """One resident's figures, over their internship's days as `logbook summary` counts them."""
    newest = max(book.exports, key=lambda e: (e.exported_at, e.file))
    profile = newest.internship
    paths = [e.path for e in book.exports]
    if len(book.exports) > 1:
        notes.append(_merge_note(profile, book, paths))
    lo, hi = profile["start"], profile["end"]
    inside = [r for r in records if lo <= r[DATE] <= hi]
    if len(inside) < len(records):
        notes.append(f"{profile['resident']}: {_entries(len(records) - len(inside))} outside the internship's dates "
                     f"({lo} to {hi}) are left out, as in `logbook summary`")
    ignored = sum(e.ignored_targets for e in book.exports)
    if ignored:
        notes.append(f"{profile['resident']}: ignored {ignored} target{'s' if ignored > 1 else ''} not understood "
                     "(a target is a procedure with a count, or a site with hours)")

    sites: dict[str, list] = {}  # key: [name, hours, days]
    procedures: dict[tuple[str, str], list] = {}  # (key, role): [name, count]
    places: dict[str, list] = {}  # key: [name, category]
    keys: dict[str, str] = {}  # names repeat across entries: normalise each spelling once
    for _, day, kind, name, detail, amount, _ in inside:
        key = keys.get(name) or keys.setdefault(name, same_name(name))
        if kind == "clinical":
            row = sites.get(key) or sites.setdefault(key, [name, 0.0, set()])
            row[1] += amount
            row[2].add(day)
        elif kind == "procedure":
            row = procedures.get((key, detail)) or procedures.setdefault((key, detail), [name, 0])
            row[1] += amount
        else:
            places.setdefault(key, [name, detail])
    targets = next((e.targets for e in sorted(book.exports, key=lambda e: (e.exported_at, e.file), reverse=True)
                    if e.targets is not None), None)
    return {
        "profile": profile,
        "files": paths,
        "entries": len(inside),
        "days": len({r[DATE] for r in inside}),
        "hours": sum(s[1] for s in sites.values()),
        "procedures_done": sum(p[1] for p in procedures.values()),
        "cultural_visits": sum(1 for r in inside if r[KIND] == "cultural"),
        "sites": sites,
        "procedures": procedures,
        "places": places,
        "targets": None if targets is None else [_progress(t, sites, procedures) for t in targets],
    }


def _merge_note(profile: dict, book: _Logbook, paths: list[str]) -> str:
    identities = {_identity(e.internship) for e in book.exports}
    text = f"Merged {len(paths)} exports of {profile['resident']}'s logbook ({', '.join(paths)}): "
    if book.repeated:
        text += f"{_entries(book.repeated)} in more than one count once"
        text += f"; {book.changed} of them changed between exports, the newest version counts" if book.changed else ""
    else:
        text += "same resident, host and dates, no entry in common; counted as one resident"
    if len(identities) > 1:
        text += "; they name different internships, the newest export's profile is used"
    return text


def _entries(n: int) -> str:
    return f"{n} {'entry' if n == 1 else 'entries'}"


def _progress(target: dict, sites: dict, procedures: dict) -> dict:
    if target["procedure"] is not None:
        key, floor = same_name(target["procedure"]), rank(target["role"] or "observed")
        achieved = sum(row[1] for (name, role), row in procedures.items() if name == key and rank(role) >= floor)
    else:
        achieved = round(sites.get(same_name(target["site"]), [None, 0.0])[1], 2)
    return {**target, "achieved": achieved, "met": achieved >= target["required"]}


def _report(residents: list[dict], read: list[str], problems: list[Problem], notes: list[str]) -> dict:
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


# The report's tables: each a list of flat rows carrying their cohort's number.
TABLES = ("cohorts", "specialties", "residents", "sites", "procedures", "procedures_by_specialty", "cultural", "targets")


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
        for key, (name, hours, days) in r["sites"].items():
            row = sites.setdefault(key, {**c, "site": name, "residents": 0, "days": 0, "hours": 0.0})
            row["residents"] += 1
            row["days"] += len(days)
            row["hours"] += hours
        for (key, role), (name, count) in r["procedures"].items():
            name = names.setdefault(key, name)  # one spelling per procedure, whatever the level
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
            for row in _by_procedure(row for (k, _, _), row in by_specialty.items() if k == spec_key)
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
        "entries": r["entries"], "days": r["days"], "hours": _hours(r["hours"]), "procedures": r["procedures_done"],
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
