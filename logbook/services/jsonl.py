"""The JSON Lines export: one entry per line with the internship on each, and reading it back as a version-1 export."""

from __future__ import annotations

import re
from collections.abc import Iterator

import orjson

from logbook.domain.entries import COMMON, KINDS
from logbook.errors import LogbookError
from logbook.services.exports import FORMAT, SCHEMA_VERSION
from logbook.domain.internship import FIELDS as INTERNSHIP_FIELDS
from logbook.domain.involvement import crosswalk

# Every kind's fields once, in a fixed order, so every line has the same keys (null where a kind has no such field).
ENTRY_FIELDS = tuple(dict.fromkeys(field for fields, _ in KINDS.values() for field in fields))
LINE_KEYS = ("schema_version", "exported_at", *INTERNSHIP_FIELDS, *COMMON, *ENTRY_FIELDS)


def export_lines(document: dict) -> bytes:
    """A version-1 export (as `export_document` builds it) as JSON Lines: one flat object per entry."""
    head = {
        "schema_version": document["schema_version"],
        "exported_at": document["exported_at"],
        **{f: (document["internship"] or {}).get(f) for f in INTERNSHIP_FIELDS},
    }
    blank = dict.fromkeys(ENTRY_FIELDS)
    return b"".join(orjson.dumps({**head, **{k: e[k] for k in COMMON}, **blank, **e}) + b"\n" for e in document["entries"])


def document_from_lines(data: bytes, source: str) -> dict:
    """Rebuild the version-1 export a JSON Lines file came from, for `exports.read_document` to validate."""
    head: dict | None = None
    entries = []
    for number, line in lines(data):
        if not line.strip():
            continue
        try:
            row = orjson.loads(line)
        except orjson.JSONDecodeError as err:
            raise LogbookError(f"{source}, line {number} is not valid JSON ({err})") from None
        if not isinstance(row, dict):
            raise LogbookError(f"{source}, line {number} is not a JSON object")
        version = row.get("schema_version")
        if version != SCHEMA_VERSION:
            raise LogbookError(f"{source}, line {number} has schema_version {version!r}; this logbook reads version {SCHEMA_VERSION}")
        this_head = {f: row.get(f) for f in ("exported_at", *INTERNSHIP_FIELDS)}
        if head is None:
            head = this_head
        elif this_head != head:
            raise LogbookError(f"{source}, line {number} is of another internship or export than line 1")
        entries.append(_entry_of(row))
    if head is None:
        raise LogbookError(f"{source} holds no entries, so no internship either; export that logbook as JSON instead")
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": head["exported_at"],
        "internship": {f: head[f] for f in INTERNSHIP_FIELDS},
        "involvement_levels": crosswalk(),
        "entries": entries,
    }


# A line is what lies between line breaks (\n, \r\n or \r, as bytes.splitlines has them).
_LINE = re.compile(rb"[^\r\n]+")


def lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(line number, line) for every line that is not empty, one at a time: splitting the whole buffer held a list
    slot for each empty line (2 GB for a 250 MiB file of newlines)."""
    number, end = 1, 0
    for found in _LINE.finditer(data):
        start = found.start()
        # Only line breaks lie between two lines; a "\r\n" is one.
        number += data.count(b"\n", end, start) + data.count(b"\r", end, start) - data.count(b"\r\n", end, start)
        yield number, found[0]
        end = found.end()


def _entry_of(row: dict) -> dict:
    # Another kind's field left null is the line's padding; given a value, it stays for validation to refuse.
    kind = row.get("kind")
    fields = KINDS.get(kind.strip().lower(), ((), ()))[0] if isinstance(kind, str) else ()
    skip = {"schema_version", "exported_at", *INTERNSHIP_FIELDS}
    return {k: v for k, v in row.items() if k not in skip and (k in COMMON or k in fields or v is not None)}
