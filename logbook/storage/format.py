"""What a logbook file is: its format marker and tables, how its bytes are parsed and written."""

from __future__ import annotations

import json
import math
from pathlib import Path

import orjson

from logbook.errors import LogbookFileError

FORMAT = "internship-logbook-store"
META, INTERNSHIP, ENTRIES, TARGETS, REFLECTIONS = "_meta", "internship", "entries", "targets", "reflections"
SYNONYMS = "synonyms"  # the logbook's own spellings of a name (`rename --remember`); a file without it has none
TABLES = (INTERNSHIP, ENTRIES, TARGETS, REFLECTIONS, SYNONYMS)
EXPORT_FORMAT = "internship-logbook"  # what `logbook export` writes; recognised only to give a better message
DOCTOR_HINT = "nothing was changed (`logbook doctor` explains and can restore a backup)"


def schema_of(tables: dict) -> int:
    return next(iter(tables[META].values()))["schema_version"]


def new_tables(schema_version: int) -> dict:
    return {META: {"1": {"format": FORMAT, "schema_version": schema_version}}}


def problem_with(data: bytes, newest: int) -> tuple[dict | None, str | None, bool]:
    """Whether bytes are a logbook this program understands: (tables, None, False) or (None, what is wrong, newer).

    `newest` is the newest schema this program knows; a file of a newer one is refused, not rewritten.
    """
    if not data.strip():
        return None, "is empty, so it holds no logbook", False
    try:
        tables = orjson.loads(data)
    except orjson.JSONDecodeError as err:
        if b"\0" in data[:4096]:
            return None, "is a binary file, not a logbook (a logbook is JSON text)", False
        return None, f"is not valid JSON ({err}); it may have been cut short or edited by hand", False
    if isinstance(tables, dict) and tables.get("format") == EXPORT_FORMAT:
        return None, "is a logbook export, not a logbook file; bring it into a logbook with `logbook import`", False
    meta = tables.get(META) if isinstance(tables, dict) else None
    doc = next(iter(meta.values()), None) if isinstance(meta, dict) else None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        return None, "is JSON but not a logbook file (it lacks the logbook's format marker)", False
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return None, f"has no valid schema_version ({version!r})", False
    if version > newest:
        return None, (
            f"was written by a newer logbook (schema {version}; this one knows up to {newest}); "
            "upgrade logbook to use it"
        ), True
    for table in TABLES:
        if not isinstance(tables.get(table, {}), dict):
            return None, f"has a damaged {table!r} table (it should be a JSON object)", False
        if not all(isinstance(doc, dict) for doc in tables.get(table, {}).values()):
            return None, f"has a damaged {table!r} table (each of its documents should be a JSON object)", False
    return tables, None, False


def dump(tables: dict, path: Path) -> bytes:
    """The tables in the logbook's layout (orjson, two-space indent), or a refusal before the file is touched."""
    if where := _not_finite(tables):  # orjson would write it as null: a value changed without a word
        raise LogbookFileError(f"could not save the logbook ({where} is not a finite number, and JSON holds no NaN or "
                               f"infinity); {path} was left as it was")
    try:
        return orjson.dumps(tables, option=orjson.OPT_INDENT_2)
    except TypeError as err:
        raise LogbookFileError(f"could not save the logbook ({err}); {path} was left as it was") from None


def _not_finite(tables: dict) -> str | None:
    """Where the tables hold NaN or an infinity, as "table/document/field", or None (documents are flat: kept quick)."""
    for name, table in tables.items():
        for doc_id, doc in table.items() if isinstance(table, dict) else ():
            for field, value in doc.items() if isinstance(doc, dict) else ():
                kind = type(value)
                if kind is str or kind is int or value is None:
                    continue
                if kind is float and not math.isfinite(value) or kind is not float and _nested_not_finite(value):
                    return f"{name}/{doc_id}/{field}"
    return None


def _nested_not_finite(value: object) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return False


def repeated_key(data: bytes, tables: dict) -> str | None:
    """A key the file holds twice in one object (JSON parsers keep only the last), or None.

    A file in the layout `dump` writes is its own proof: the parse written back gives the same bytes,
    which a hidden duplicate would not. Any other layout (hand-edited, stock TinyDB's) is parsed
    again with every key pair kept.
    """
    if orjson.dumps(tables, option=orjson.OPT_INDENT_2) == data:
        return None
    found: list[str] = []

    def pairs(items: list[tuple[str, object]]) -> dict:
        keys = [key for key, _ in items]
        if not found and len(set(keys)) < len(keys):
            found.append(next(key for key in keys if keys.count(key) > 1))
        return dict(items)

    json.loads(data, object_pairs_hook=pairs)
    return found[0] if found else None
