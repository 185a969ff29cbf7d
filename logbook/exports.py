"""The JSON export (schema_version 1): building it from a logbook and reading it back for import."""

from __future__ import annotations

from typing import Callable, Iterable

from logbook.entries import check_stored, in_date_order, now_stamp
from logbook.errors import InvalidValue, LogbookError
from logbook.internship import check_internship, same_internship
from logbook.involvement import crosswalk

FORMAT = "internship-logbook"
SCHEMA_VERSION = 1


def export_document(internship: dict | None, entries: list[dict]) -> dict:
    """The export: the internship and its entries in date order, with the levels' crosswalk."""
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": now_stamp(),
        "internship": internship,
        "involvement_levels": crosswalk(),
        "entries": in_date_order(entries),
    }


def read_document(document: object, source: str, track: Callable[[list], Iterable] = iter) -> tuple[dict, list[dict]]:
    """Validate a whole export before anything is written; the error names the entry and field.

    `track` wraps the entries as they are checked (the CLI passes one that shows a progress bar).
    """
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise LogbookError(f"{source} is not a logbook export (no \"format\": \"{FORMAT}\")")
    version = document.get("schema_version")
    if version != SCHEMA_VERSION:
        newer = isinstance(version, int) and version > SCHEMA_VERSION
        raise LogbookError(
            f"{source} has schema_version {version!r}; this logbook reads version {SCHEMA_VERSION}"
            + (" (upgrade logbook to read newer exports)" if newer else "")
        )
    try:
        internship = check_internship(document.get("internship"))
    except InvalidValue as err:
        raise LogbookError(f"{source}: internship {err.message}") from None
    raw_entries = document.get("entries")
    if not isinstance(raw_entries, list):
        raise LogbookError(f"{source}: \"entries\" must be a list")
    entries, seen = [], set()
    for position, raw in enumerate(track(raw_entries), start=1):
        ident = raw.get("id") if isinstance(raw, dict) else None
        where = f"entry {position}" + (f" (id {ident})" if isinstance(ident, str) else "")
        try:
            entry = check_stored(raw, where)
        except InvalidValue as err:
            raise LogbookError(f"{source}: {err.message}") from None
        if entry["id"] in seen:
            raise LogbookError(f"{source}: {where} repeats an id already in the file")
        seen.add(entry["id"])
        entries.append(entry)
    return internship, entries


def plan_import(current: dict | None, existing: list[dict], internship: dict, incoming: list[dict]):
    """What an import would do: (entries to add, entries to update, how many are unchanged).

    An entry already present is replaced only by a newer version of itself (later updated_at).
    """
    if current is not None and not same_internship(current, internship):
        raise LogbookError(
            "this export is of a different internship "
            f"({internship['resident']}, {internship['host_institution']}, {internship['start']} to {internship['end']}) "
            f"than this logbook ({current['resident']}, {current['host_institution']}, "
            f"{current['start']} to {current['end']}); nothing was imported"
        )
    by_id = {e["id"]: e for e in existing}
    to_add, to_update, unchanged = [], [], 0
    for entry in incoming:
        mine = by_id.get(entry["id"])
        if mine is None:
            to_add.append(entry)
        elif mine != entry and entry["updated_at"] > mine["updated_at"]:
            to_update.append(entry)
        else:
            unchanged += 1
    return to_add, to_update, unchanged
