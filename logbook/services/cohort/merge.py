"""Putting each resident's logbook together from their exports: an entry met twice in one internship counts once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from logbook.domain.internship import IDENTITY
from logbook.domain.names import same_name
from logbook.services.cohort.read import FILE, UPDATED_AT, Export, Record


@dataclass
class ResidentLogbook:
    """One resident's internship, put together from one or more exports."""

    exports: list[Export] = field(default_factory=list)
    records: dict[str, Record] = field(default_factory=dict)  # by entry id, the newest version
    repeated: int = 0  # entries met again in a later export
    changed: int = 0  # of those, how many came in another version (the newest counts)
    clashing: set[int] = field(default_factory=set)  # files holding an entry changed at the same instant as another copy


def identity(internship: dict) -> tuple:
    """Who and which internship: exports with the same identity are one resident's logbook."""
    return tuple(same_name(internship[f]) if f in ("resident", "host_institution") else internship[f] for f in IDENTITY)


class Merger:
    """Puts exports together as they arrive, by internship; an entry id merges only within one internship.

    Two residents whose exports share an entry id (a logbook copied from another, or a crafted file) both
    keep their entries; `shared` counts such ids so the report can say so.
    """

    def __init__(self) -> None:
        self.logbooks: dict[tuple, ResidentLogbook] = {}  # in the order their first export was given
        self.shared: dict[tuple[tuple, tuple], int] = defaultdict(int)  # (first internship, later one) -> ids
        self._first_met: dict[str, tuple] = {}  # entry id -> the internship it was first met in

    def add(self, export: Export) -> None:
        key = identity(export.internship)
        book = self.logbooks.get(key) or self.logbooks.setdefault(key, ResidentLogbook())
        book.exports.append(export)
        kept, first_met, shared = book.records, self._first_met, self.shared
        for ident, record in export.records.items():
            old = kept.get(ident)
            if old is None:
                kept[ident] = record
                first = first_met.setdefault(ident, key)
                if first != key:
                    shared[(first, key)] += 1
                continue
            book.repeated += 1
            if record[UPDATED_AT] != old[UPDATED_AT]:
                book.changed += 1
                if record[UPDATED_AT] > old[UPDATED_AT]:
                    kept[ident] = record
            elif record[:FILE] != old[:FILE]:
                # Two versions changed at one instant: neither is newer. The copy exported last decides, and both are named.
                book.clashing |= {old[FILE], record[FILE]}
                if (export.exported_at, export.file) > max((e.exported_at, e.file) for e in book.exports if e.file == old[FILE]):
                    kept[ident] = record
        export.records = {}  # held once, in the resident's logbook

    def notes(self, most: int = 5) -> list[dict]:
        """A note for each pair of residents whose exports share entry ids but were kept apart (the first `most`)."""
        notes: list[dict] = [
            {"note": "shared ids", "count": count, "residents": [_who(self.logbooks[first]), _who(self.logbooks[later])]}
            for (first, later), count in list(self.shared.items())[:most]
        ]
        if (more := len(self.shared) - most) > 0:
            notes.append({"note": "more shared ids", "count": more})
        return notes


def merge_note(book: ResidentLogbook, resident: str) -> dict:
    """What the user should know about a resident whose logbook came in several exports."""
    return {"note": "merged", "resident": resident, "files": [e.path for e in book.exports],
            "repeated": book.repeated, "changed": book.changed}


def conflict_note(book: ResidentLogbook, counted: Export) -> dict | None:
    """The copies of one logbook that disagree with the rest: another profile than the one counted (the copy exported
    last), or an entry changed at the same instant as another copy's version of it."""
    files = [e.path for e in book.exports if e.internship != counted.internship or e.file in book.clashing]
    if not files:
        return None
    return {"note": "conflicting copies", "resident": counted.internship["resident"], "files": files, "kept": counted.path}


def _who(book: ResidentLogbook) -> dict:
    return {"resident": book.exports[0].internship["resident"], "files": [e.path for e in book.exports]}
