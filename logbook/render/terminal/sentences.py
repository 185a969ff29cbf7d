"""What a command says when it is done, the questions it asks and the editor's guidance: one line each, no Rich."""

from __future__ import annotations

from logbook.domain.dates import show_day
from logbook.domain.entries import SHORT_ID, plural, title
from logbook.domain.targets import label

NO_IDENTIFIERS = "No patient identifiers: no names, record numbers or birth dates."
NO_TARGETS = "No targets yet: logbook target add PROCEDURE --role LEVEL --count N, or --site SITE --hours H"


def internship_saved(profile: dict, updated: bool) -> str:
    return (f"{'Updated' if updated else 'Created'} the internship of {profile['resident']} at "
            f"{profile['host_institution']}, {profile['start']} to {profile['end']}.")


def outside_dates(profile: dict, outside: dict) -> str | None:
    """After init: how many entries the new dates leave outside the internship, which no report then shows."""
    now, before = outside["now"], outside["before"]
    if not now and not before:
        return None
    if not now:
        return f"Every entry now falls within the internship ({before} outside its old dates)."
    moved = f"now {'falls' if now == 1 else 'fall'}" if now != before else ('falls' if now == 1 else 'fall')
    change = f" (before: {before})" if before and now != before else ""
    return (f"Note: {plural(now, 'entry')} {moved} outside the internship ({profile['start']} to {profile['end']})"
            f"{change}; reports leave {'it' if now == 1 else 'them'} out (`logbook doctor` lists {'it' if now == 1 else 'them'}).")


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


def with_renamed(message: str, stored_otherwise: list[tuple[str, str, str, str]],
                 parts: list[tuple[str, str, str]] = ()) -> str:
    """The message, then 'Named as the catalogue has it: LSCS → Caesarean section.' for each name stored otherwise,
    and for a new name that is part of a logged one, the rename that joins them if they are one."""
    by_whom: dict[str, list[str]] = {}
    for _field, typed, stored, whose in stored_otherwise:
        by_whom.setdefault(whose, []).append(f"{typed} → {stored}")
    said = [f"Named as {whose} has it: {', '.join(pairs)}." for whose, pairs in by_whom.items()]
    said += [f"{typed!r} is new, and part of the {field} {whole!r} logged before: if they are one, "
             f"`logbook rename {field} {_quoted(typed)} {_quoted(whole)}` joins them." for field, typed, whole in parts]
    if not said:
        return message
    return f"{message if message.endswith('.') else message + '.'} {' '.join(said)}"


def _quoted(name: str) -> str:
    """A name as a shell argument in double quotes, read alike by bash, zsh, fish and PowerShell (a `"` in it by the first three)."""
    return '"' + name.replace('"', '\\"') + '"'


def entry_updated(after: dict, changed: list[str]) -> str:
    return f"Updated {after['id'][:8]}: {', '.join(changed)}" if changed else f"{after['id'][:8]} already had those values."


def deleted(entry: dict | None) -> str:
    return f"Deleted {entry['id'][:8]}." if entry else "Nothing deleted."


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


def exported(count: int, output: object, left_out: dict[str, int] | None = None) -> str:
    """'Exported 3 entries to FILE', and what the format leaves out (JSON Lines holds entries only)."""
    said = f"Exported {plural(count, 'entry')} to {output}"
    if left := [plural(n, noun) for noun, n in (left_out or {}).items() if n]:
        said += f"; JSON Lines holds entries only (left out: {', '.join(left)}; the JSON export holds them)"
    if left_out is not None and not count:
        said += "; with no entries, the file holds nothing `import` can read"
    return said


def checking(count: int) -> str:
    """The label of the progress bar while an import checks its entries."""
    return f"Checking {plural(count, 'entry')}"


def imported(file: object, result: dict) -> str:
    extra = "".join(f", {plural(result[k], k[:-1])} added or updated" for k in ("targets", "reflections") if result[k])
    if result.get("synonyms"):
        extra += f", {plural(result['synonyms'], 'spelling')} of your own added"
    return f"Imported {file}: {result['added']} added, {result['updated']} updated, {result['unchanged']} already present{extra}."


def backed_up(path: object, copy: object) -> str:
    return f"Backed up {path} to {copy}"


def restored(path: object, source: object, kept: object | None) -> str:
    replaced = f"; the file it replaced is kept as {kept}" if kept else ""
    return f"Restored {path} from {source}{replaced}"


def report_written(fmt: str, output: object, report: dict) -> str:
    fingerprinted = f", with the fingerprint {report['signature']['digest'][:12]}…" if report.get("signature") else ""
    return f"Wrote the {fmt} report to {output}{fingerprinted}"


def renamed(renaming, dry_run: bool) -> str:
    """'Renamed the site 'Perinatal centre' to 'Perinatal center' in 3 entries and 1 target.' (or what a dry run would do)."""
    from logbook.domain.entries import plural

    spelled = ", ".join(repr(s) for s in renaming.spellings)
    where = plural(len(renaming.entries), "entry") + (f" and {plural(len(renaming.targets), 'target')}" if renaming.targets else "")
    kept = _remembered(renaming, dry_run)
    if not renaming.entries and not renaming.targets:
        if kept:
            return f"Every {renaming.field} {spelled} is already spelt {renaming.new!r}. {kept}"
        return f"Every {renaming.field} {spelled} is already spelt {renaming.new!r}; nothing to change."
    said = f"{'Would rename' if dry_run else 'Renamed'} the {renaming.field} {spelled} to {renaming.new!r} in {where}"
    if renaming.catalogue_name:
        said += f" (as {'the gazetteer' if renaming.field == 'place' else 'the catalogue'} spells it)"
    said += "; nothing was changed (--dry-run)." if dry_run else "; a dated copy was kept before the change."
    return f"{said} {kept}" if kept else said


def _remembered(renaming, dry_run: bool) -> str:
    """What a rename does to the logbook's own spellings: those remembered (--remember), those that follow OLD."""
    if not renaming.synonyms and not renaming.dropped:
        return ""
    spellings = ", ".join(repr(s["spelling"]) for s in renaming.synonyms)
    if renaming.remember:
        return (f"Typed again, {spellings} {'would be' if dry_run else 'will be'} stored as {renaming.new!r} "
                "(your logbook's own spelling).")
    return f"Your logbook's own spellings {spellings or 'of it'} {'would' if dry_run else 'now'} follow it."


def sheets_written(fmt: str, output: object, sheets: dict) -> str:
    """What `signoff -o FILE` wrote: one base's sheet, or a sheet per base."""
    fingerprinted = f", with the fingerprint {sheets['signature']['digest'][:12]}…" if sheets.get("signature") else ""
    bases = sheets["bases"]
    what = f"the sign-off sheet of {bases[0]}" if len(bases) == 1 else f"{len(bases)} sign-off sheets, one per clinical base,"
    return f"Wrote {what} as {fmt} to {output}{fingerprinted}"
