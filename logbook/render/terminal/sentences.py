"""What a command says when it is done, the questions it asks and the editor's guidance: one line each, no Rich."""

from __future__ import annotations

from logbook.domain.dates import show_day
from logbook.domain.entries import SHORT_ID, plural, title
from logbook.domain.targets import label

NO_IDENTIFIERS = "No patient identifiers: no names, record numbers or birth dates."


def added(entry: dict, date_format: str, defaults: dict[str, tuple[str, str]]) -> str:
    """'Added clinical 3f2a9c1e on 2024-12-05: Ward round (6 h at Perinatal center). Defaults used: …'"""
    extra = ""
    if entry["kind"] == "clinical":
        extra = f" ({entry['hours']:g} h at {entry['site']})"
    elif entry["kind"] == "procedure":
        extra = f" ({entry['role']} ×{entry['count']})"
    return (f"Added {entry['kind']} {entry['id'][:SHORT_ID]} on {show_day(entry['date'], date_format)}: "
            f"{title(entry)}{extra}" + defaults_used(defaults))


def defaults_used(defaults: dict[str, tuple[str, str]]) -> str:
    """'. Defaults used: site "X", supervisor "Y" (as earlier that day).' or nothing."""
    by_source: dict[str, list[str]] = {}
    for field, (value, source) in defaults.items():
        by_source.setdefault(source, []).append(f'{field} "{value}"')
    used = "; ".join(f"{', '.join(fields)} ({source})" for source, fields in by_source.items())
    return f". Defaults used: {used}." if used else ""


def note_guidance(entry: dict, date_format: str, new: bool) -> list[str]:
    """The lines above the note in the editor: which entry (being added, or logged before) it belongs to."""
    day = show_day(entry["date"], date_format)
    return [f"The note {'for' if new else 'of'} your {entry['kind']} entry of {day}: {title(entry)}.", NO_IDENTIFIERS]


def delete_question(entry: dict) -> str:
    return f"Delete {entry['kind']} {entry['id'][:8]} of {entry['date']}: {title(entry)}?"


def reflection_saved(day: str, text: str, replaced: bool) -> str:
    return f"{'Replaced' if replaced else 'Saved'} the reflection of {day} ({plural(len(text), 'character')})."


def target_set(target: dict, before: dict | None) -> str:
    """'Target 3f2a9c1e set: …', '… already is …' or '… changed: … 3 -> 5'."""
    def goal(t: dict) -> str:
        return f"{t['count']}" if t["kind"] == "procedure" else f"{t['hours']:g} h"

    if before is None:
        return f"Target {target['id'][:8]} set: {label(target)}: {goal(target)}"
    if before == target:
        return f"Target {target['id'][:8]} already is {label(target)}: {goal(target)}"
    return f"Target {target['id'][:8]} changed: {label(target)}: {goal(before)} -> {goal(target)}"


def target_removed(target: dict) -> str:
    return f"Removed target {target['id'][:8]}: {label(target)}"


def exported(count: int, output: object) -> str:
    return f"Exported {plural(count, 'entry')} to {output}"


def checking(count: int) -> str:
    """The label of the progress bar while an import checks its entries."""
    return f"Checking {plural(count, 'entry')}"
