"""Finding and reading residents' exports for a cohort report, in worker processes when there is much to read."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import orjson

from logbook.domain.dates import WORKING_WEEK, parse_working_days
from logbook.domain.involvement import parse_level
from logbook.errors import LogbookError
from logbook.domain.entries import instant
from logbook.services.exports import as_utf8, check_not_ahead, read_document

SUFFIXES = (".json", ".jsonl")
# What was wrong with a file the report skipped, as a code the report words in its reader's language.
UNREADABLE, NO_EXPORTS, NOT_JSON, NOT_AN_EXPORT = "unreadable", "no exports", "not json", "not an export"
# Below this many bytes of exports, starting worker processes costs more than it saves.
PARALLEL_FROM_BYTES = 8 * 1024 * 1024
# A file this large is read by the main process, one at a time: workers hold only smaller ones.
WORKER_MAX_BYTES = 16 * 1024 * 1024


# What the report needs of one entry, as a plain tuple: small, and cheap to pass between processes,
# so that 400,000 of them fit in memory at once. The parts, in order:
#   updated_at (POSIX seconds), date, kind,
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
    exported_at: float  # an instant, POSIX seconds, so exports stamped in different time zones compare truly
    targets: list[dict] | None
    ignored_targets: int
    records: dict[str, Record]
    working_days: tuple[int, ...]  # the resident's week as their export names it, else Monday to Friday


class Unusable(LogbookError):
    """An export that cannot be used, and what kind of problem it has (one of the codes above)."""

    def __init__(self, message: str, problem: str):
        super().__init__(message)
        self.problem = problem


@dataclass
class Problem:
    """A file that could not be used: why in one English line naming it (for stderr and JSON), and as a code."""

    path: str
    reason: str
    problem: str = NOT_AN_EXPORT


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
                found.append(Problem(str(path), f"cannot read the folder {path}: {err.strerror or err}", UNREADABLE))
                continue
            if not inside:
                found.append(Problem(str(path), f"{path} holds no .json or .jsonl files", NO_EXPORTS))
        else:
            inside = [path]
        for p in inside:
            if (real := os.path.realpath(p)) not in seen:
                seen.add(real)
                found.append(p)
    return found


def refuse_output_among_exports(output: Path, paths: Iterable[Path]) -> None:
    """Refuse a .json or .jsonl report written into a folder the cohort reads: the next run would read it as an export."""
    if output.suffix.lower() not in SUFFIXES or output.name.startswith("."):
        return
    where = os.path.realpath(output.expanduser().parent)
    for path in paths:
        if path.is_dir() and os.path.realpath(path) == where:
            raise LogbookError(
                f"--output {output} is in {path}, a folder this cohort reads exports from, so the next cohort would "
                "read the report as an export; write it to another folder (or as .html, .md, .csv, .pdf or .txt); "
                "nothing was written")


def read_export(path: Path, file: int) -> Export:
    """Read and validate one export (JSON, or JSON Lines by its .jsonl suffix); the error names the file."""
    from logbook.services.inputs import read_input

    try:
        data = read_input(path, "logbook export")
    except LogbookError as err:
        raise Unusable(err.message, UNREADABLE) from None
    try:
        data = as_utf8(data, str(path))  # without a byte-order mark; UTF-16 named as such
    except LogbookError as err:
        raise Unusable(err.message, NOT_JSON) from None
    if path.suffix.lower() == ".jsonl":
        from logbook.services.jsonl import document_from_lines

        document = document_from_lines(data, str(path))
    else:
        try:
            document = orjson.loads(data)
        except orjson.JSONDecodeError as err:
            raise Unusable(f"{path} is not valid JSON ({err})", NOT_JSON) from None
    internship, entries = read_document(document, str(path))
    exported_at = document.get("exported_at")
    try:
        # `import`'s rule: a stamp more than a day ahead would make this copy outrank every other one of the resident's.
        check_not_ahead(str(path), exported_at, entries, "")
    except LogbookError as err:
        raise Unusable(err.message, NOT_AN_EXPORT) from None
    targets, ignored = read_targets(document.get("targets"))
    try:
        week = parse_working_days(document.get("working_days", WORKING_WEEK), f"{path}: working_days")
    except LogbookError as err:
        raise Unusable(err.message, NOT_AN_EXPORT) from None
    return Export(
        file, str(path), internship, _exported(exported_at), targets, ignored,
        {e["id"]: _record(e, file) for e in entries}, week,
    )


def _exported(stamp: object) -> float:
    """When the export was made, as an instant (POSIX seconds); one with no readable stamp counts as the oldest."""
    try:
        return instant(stamp, "exported_at").timestamp()
    except LogbookError:
        return float("-inf")


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
    # updated_at as an instant (seconds), so "15:00+05:00" and "10:00Z" are one moment, not text that sorts apart.
    return (instant(entry["updated_at"]).timestamp(), intern(entry["date"]), intern(kind), intern(name), detail and intern(detail), amount, file)


def read_all(found: list[Path | Problem], parallel: bool | None = None) -> Iterator[Export | Problem]:
    """Read the files in order, in worker processes when there is enough to read to pay for them.

    A file of WORKER_MAX_BYTES or more is read here, one at a time, so the workers together never hold more
    than a few such files' worth: four workers each reading a 256 MiB file held gigabytes at once.
    """
    sizes = {n: _size([item]) for n, item in enumerate(found) if isinstance(item, Path)}
    jobs = [(item, n) for n, item in enumerate(found) if isinstance(item, Path) and sizes[n] < WORKER_MAX_BYTES]
    if parallel is None:
        parallel = sum(sizes[n] for _, n in jobs) >= PARALLEL_FROM_BYTES and usable_cores() > 1
    results: Iterator[Export | Problem]
    pool = None
    if parallel:
        import multiprocessing

        methods = multiprocessing.get_all_start_methods()
        pool = multiprocessing.get_context("fork" if "fork" in methods else None).Pool(min(usable_cores(), 4))
        results = pool.imap(_read_or_problem, jobs, chunksize=2)
    else:
        results = map(_read_or_problem, jobs)
    try:
        pending = iter(results)
        for n, item in enumerate(found):
            if isinstance(item, Problem):
                yield item
            else:
                yield next(pending) if sizes[n] < WORKER_MAX_BYTES else _read_or_problem((item, n))
    finally:
        if pool is not None:
            pool.terminate()


def _read_or_problem(job: tuple[Path, int]) -> Export | Problem:
    # Problems travel back as plain data: the errors' own constructors do not survive pickling.
    path, file = job
    try:
        return read_export(path, file)
    except LogbookError as err:
        return Problem(str(path), err.message, err.problem if isinstance(err, Unusable) else NOT_AN_EXPORT)


def _size(paths: Iterable[Path]) -> int:
    total = 0
    for p in paths:
        try:
            total += p.stat().st_size
        except OSError:
            pass
    return total


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
