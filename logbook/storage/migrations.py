"""Numbered schema migrations: each turns a file's tables into the next schema, run before the data is used."""

from __future__ import annotations

from typing import Callable

from logbook.storage.format import ENTRIES, FORMAT, META, schema_of

SCHEMA_VERSION = 2

# MIGRATIONS[n] turns a schema-n file's tables into schema n+1.
# The targets and reflections tables needed none: a schema-1 file without them reads as having none,
# and TinyDB keeps tables it does not know, so an older logbook still reads and rewrites a newer file.


def _procedure_details(tables: dict) -> dict:
    """Schema 2: a procedure entry holds `details`, the words typed beside its name; none were kept before."""
    for doc in tables.get(ENTRIES, {}).values():
        if doc.get("kind") == "procedure" and "details" not in doc:
            # Inserted after the name, in the order an entry is written, so a migrated file reads like a new one.
            items = list(doc.items())
            at = next((i + 1 for i, (k, _) in enumerate(items) if k == "procedure"), len(items))
            doc.clear()
            doc.update(items[:at] + [("details", None)] + items[at:])
    return tables


MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _procedure_details}


def needs_migration(tables: dict) -> bool:
    return schema_of(tables) < SCHEMA_VERSION


def migrate(tables: dict) -> dict:
    """Run the numbered migrations, one version at a time, up to SCHEMA_VERSION."""
    version = schema_of(tables)
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
        tables[META] = {"1": {"format": FORMAT, "schema_version": version}}
    return tables
