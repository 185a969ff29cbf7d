"""The doctor's checks: is a logbook file whole and is every document in it one the domain accepts?

The storage knows tables and files, not what makes an entry valid: the domain hands its validators
in (a `Validators` mapping, see logbook/domain/stored.py), so the storage never imports the domain.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator, Mapping

from logbook.errors import InvalidValue, LogbookFileError
from logbook.storage import migrations
from logbook.storage.files import read_logbook, read_regular
from logbook.storage.format import (DOCTOR_HINT, ENTRIES, INTERNSHIP, REFLECTIONS, SYNONYMS, TARGETS, problem_with, repeated_key,
                                    schema_of)

# For each table, the domain's check of one stored document: check(document, where) returns the
# document as the logbook stores it, or raises InvalidValue naming `where` and the field. Optionally,
# "<table> together": the rules a table's documents keep as a whole (a day's hours), as sentences; and
# "<table> warnings": what the doctor says of a sound file without calling it damage (a day after today).
Validators = Mapping[str, Callable[..., object]]
# What identifies a document within its table (for "used twice"): entries and targets by id, reflections by day.
IDENTITY = {ENTRIES: ("id", "entry", "entries"), TARGETS: ("id", "target", "targets"),
            REFLECTIONS: ("date", "reflection", "reflections"), SYNONYMS: ("id", "synonym", "synonyms")}
MAX_LISTED = 10


@dataclass
class Checkup:
    """What `logbook doctor` found in one file: plain sentences, what is fine and what is wrong."""

    path: Path
    found: bool = True
    newer: bool = False  # written by a newer logbook: upgrade, do not restore over it
    fine: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # not damage: writes go on, yet worth fixing
    entries: int = 0
    saved: datetime | None = None

    @property
    def good(self) -> bool:
        return self.found and not self.problems


def damage(data: bytes | None, tables: dict, validators: Validators) -> Iterator[str]:
    """Every problem in a parsed logbook file, as sentences, the first one first (a writer stops at it).

    `data` is the file's bytes, looked at for repeated keys; None for tables that were migrated since.
    """
    if data is not None and (key := repeated_key(data, tables)):
        yield f"The file holds the key {key!r} twice in one object, so one of them would be lost"
    profiles = list(tables.get(INTERNSHIP, {}).values())
    if len(profiles) > 1:
        yield f"The internship table holds {len(profiles)} profiles; a logbook holds one"
    for key, profile in list(tables.get(INTERNSHIP, {}).items())[:1]:
        if not _is_document_number(key):
            yield f"The internship profile: its key {key!r} is not a document number (1)"
        yield from _misstored(validators[INTERNSHIP], profile, "the internship profile")
    for table, (key, what, many) in IDENTITY.items():
        docs, check = tables.get(table, {}), validators[table]
        whole = True
        for position, (doc_id, doc) in enumerate(docs.items(), start=1):
            numbered = _is_document_number(doc_id)
            if numbered and _as_stored(check, doc):
                continue  # the common case, kept cheap: 10,000 entries are checked before every write
            whole = False
            ident = doc.get(key)
            where = f"{what} {position}" + (f" ({key} {ident})" if isinstance(ident, str) else "")
            if not numbered:
                yield f"{where.capitalize()}: its key {doc_id!r} is not a document number (1, 2, 3 …)"
            yield from _misstored(check, doc, where)
        idents = [doc.get(key) for doc in docs.values()]
        if len(set(map(str, idents))) < len(idents):
            for ident, n in Counter(i for i in idents if isinstance(i, str)).items():
                if n > 1:
                    yield f"{'Day' if key == 'date' else 'Id'} {ident} is used by {n} {many}"
        if whole and (rules := validators.get(f"{table} together")):  # once each document is sound on its own
            yield from rules(list(docs.values()))


def _is_document_number(key: str) -> bool:
    # TinyDB reads keys with int(): "01" or "١" would be the same document as "1", and a write would keep only one.
    return key.isascii() and key.isdigit() and str(int(key)) == key


def _as_stored(check: Callable[[object, str], dict], doc: dict) -> bool:
    """Whether the domain accepts `doc` exactly as it is stored (`where` only names a document in a refusal)."""
    try:
        clean = check(doc, "")
    except InvalidValue:
        return False
    return clean is doc or clean == doc


def _misstored(check: Callable[[object, str], dict], doc: dict, where: str) -> Iterator[str]:
    """A document the domain refuses, or one it accepts only in another form ("hours": "6" is not 6.0)."""
    try:
        clean = check(doc, where)
    except InvalidValue as err:
        message = err.message if err.message.startswith(where) else f"{where} is damaged: {err.message}"
        yield message[0].upper() + message[1:]
        return
    if clean is not doc and clean != doc:
        key = next(k for k in [*clean, *doc] if clean.get(k, ...) != doc.get(k, ...))
        if key not in doc:
            yield f"{where.capitalize()}, {key}: is missing (logbook stores {clean[key]!r})"
        elif key not in clean:
            yield f"{where.capitalize()}, {key}: is not a field logbook stores"
        else:
            yield f"{where.capitalize()}, {key}: is stored as {doc[key]!r}, not as logbook stores it ({clean[key]!r})"


def refuse_damage(path: Path, data: bytes, tables: dict, validators: Validators) -> None:
    """Stop a write on a logbook that is not in good order, before anything is written or copied."""
    for problem in damage(data, tables, validators):
        raise LogbookFileError(f"{path} is damaged ({problem[0].lower()}{problem[1:]}); {DOCTOR_HINT}")


def refuse_repeated_keys(path: Path, data: bytes, tables: dict) -> None:
    """Before a migration: the file as read must not hide a key written twice (the migrated tables cannot show it)."""
    if key := repeated_key(data, tables):
        raise LogbookFileError(f"{path} is damaged (the file holds the key {key!r} twice in one object); {DOCTOR_HINT}")


def examine(path: Path, validators: Validators, warn: bool = False, backup: bool = False) -> Checkup:
    """Check a logbook file (or a `backup`) completely: format, schema, profile, every document, ids.

    With `warn`, also what the domain warns of in a sound file (the doctor's look at the logbook itself).
    """
    checkup = Checkup(path)
    try:
        data = read_regular(path) if backup else read_logbook(path)  # an empty backup is no new logbook
    except LogbookFileError as err:
        checkup.problems.append(err.message[0].upper() + err.message[1:])
        return checkup
    if data is None:
        checkup.found = False
        return checkup
    checkup.saved = datetime.fromtimestamp(path.stat().st_mtime)
    tables, problem, checkup.newer = problem_with(data, migrations.SCHEMA_VERSION)
    if problem:
        checkup.problems.append(f"The file {problem}")
        return checkup
    version = schema_of(tables)
    checkup.fine.append(f"{len(data):,} bytes of JSON in the logbook format, schema {version}")
    if migrations.needs_migration(tables):
        checkup.fine.append(f"will be upgraded to schema {migrations.SCHEMA_VERSION} when next used (a dated copy is kept first)")
        try:
            tables = migrations.migrate(problem_with(data, migrations.SCHEMA_VERSION)[0])
        except Exception as err:  # noqa: BLE001 — a migration that fails on this file is what doctor reports
            checkup.problems.append(f"The file cannot be upgraded to schema {migrations.SCHEMA_VERSION} ({type(err).__name__}: {err})")
            return checkup
        if key := repeated_key(data, problem_with(data, migrations.SCHEMA_VERSION)[0]):
            checkup.problems.append(f"The file holds the key {key!r} twice in one object, so one of them would be lost")
        data = None  # the migrated tables have no bytes of their own
    found = list(_first(damage(data, tables, validators)))
    checkup.problems += found
    checkup.entries = len(tables.get(ENTRIES, {}))
    profiles = list(tables.get(INTERNSHIP, {}).values())
    if not profiles:
        checkup.fine.append("no internship profile yet (`logbook init` creates it)")
    elif not any(p.startswith("The internship") for p in found):
        p = profiles[0]
        checkup.fine.append(f"internship of {p['resident']} at {p['host_institution']}, {p['start']} to {p['end']}")
    if not found:
        n = checkup.entries
        checkup.fine.append("no entries yet" if not n else f"{n:,} {'entry' if n == 1 else 'entries'}, every one valid, every id unique")
        for table, (_, what, many) in list(IDENTITY.items())[1:]:
            if count := len(tables.get(table, {})):
                checkup.fine.append(f"{count} {what if count == 1 else many}, every one valid")
        if warn:
            warned = (line for table in IDENTITY if (rules := validators.get(f"{table} warnings"))
                      for line in rules(list(tables.get(table, {}).values())))
            checkup.warnings = list(_first(warned, "warnings"))
    return checkup


def _first(problems: Iterator[str], what: str = "problems") -> Iterator[str]:
    """The first MAX_LISTED problems (or warnings), then how many more."""
    more = 0
    for n, problem in enumerate(problems):
        if n < MAX_LISTED:
            yield problem
        else:
            more += 1
    if more:
        yield f"… and {more} more {what}"
