"""The cohort report's notes (files skipped, logbooks merged, entries left out) worded in the report's language.

The services hand each note over as plain data — what happened, to whom, how many — and only here does it
become a sentence, through the catalogue, with each language's plural forms.
"""

from __future__ import annotations

from logbook.render import language, report_words
from logbook.render.language import N_, _, ngettext

# What was wrong with a skipped file, by the code the cohort's reader gives it.
PROBLEMS = {
    "unreadable": N_("it cannot be read"),
    "no exports": N_("a folder with no .json or .jsonl files"),
    "not json": N_("not valid JSON"),
    "not an export": N_("not a logbook export of version 1, or an entry in it is invalid"),
}


def note_lines(report: dict) -> list[str]:
    """Every note of the report, one line each, in the order the services found them."""
    return [note_line(note) for note in report["notes"]]


def note_line(note: dict) -> str:
    return WORDING[note["note"]](note)


def _files(files: list[str]) -> str:
    return ", ".join(files)


def _skipped(note: dict) -> str:
    problem = PROBLEMS.get(note["problem"], PROBLEMS["not an export"])
    return _("Skipped a bad file: {file} ({problem})").format(file=note["file"], problem=_(problem))


def _merged(note: dict) -> str:
    files, repeated, changed = note["files"], note["repeated"], note["changed"]
    head = ngettext("Merged {n} export of {resident}'s logbook ({files})",
                    "Merged {n} exports of {resident}'s logbook ({files})", len(files)).format(
        resident=note["resident"], n=len(files), files=_files(files))
    if not repeated:
        return _("{merged}: same resident, host and dates, no entry in common; counted as one resident").format(merged=head)
    what = ngettext("{n} entry in more than one counts once", "{n} entries in more than one count once", repeated).format(n=repeated)
    if changed:
        what += "; " + ngettext("{n} of them changed between exports, the newest version counts",
                                "{n} of them changed between exports, the newest version counts", changed).format(n=changed)
    return _("{merged}: {what}").format(merged=head, what=what)


def _who(who: dict) -> str:
    return f"{who['resident']} ({_files(who['files'])})"


def _shared(note: dict) -> str:
    first, second = note["residents"]
    return ngettext(
        "{first} and {second} share {n} entry id but are different residents or internships: each keeps their own "
        "entries (was one logbook copied from the other, or its profile changed between exports?)",
        "{first} and {second} share {n} entry ids but are different residents or internships: each keeps their own "
        "entries (was one logbook copied from the other, or its profile changed between exports?)",
        note["count"]).format(first=_who(first), second=_who(second), n=note["count"])


def _more_shared(note: dict) -> str:
    return language.how_many(note["count"], "{n} more pair of residents with entry ids in common; each keeps their own entries",
                             "{n} more pairs of residents with entry ids in common; each keeps their own entries")


def _outside(note: dict) -> str:
    return ngettext(
        "{resident}: {n} entry outside the internship's dates ({period}) is left out, as in the resident's own report",
        "{resident}: {n} entries outside the internship's dates ({period}) are left out, as in the resident's own report",
        note["count"]).format(resident=note["resident"], n=note["count"], period=report_words.period(note["start"], note["end"]))


def _ignored(note: dict) -> str:
    return ngettext(
        "{resident}: ignored {n} target not understood (a target is a procedure with a count, or a site with hours)",
        "{resident}: ignored {n} targets not understood (a target is a procedure with a count, or a site with hours)",
        note["count"]).format(resident=note["resident"], n=note["count"])


def _conflicting(note: dict) -> str:
    return ngettext(
        "{resident}: {n} copy of the logbook disagrees with the others ({files}): another profile, or an entry changed "
        "at the same moment as in another copy; the profile of the copy exported last ({kept}) counts, and the newest "
        "version of each entry",
        "{resident}: {n} copies of the logbook disagree with the others ({files}): another profile, or an entry changed "
        "at the same moment as in another copy; the profile of the copy exported last ({kept}) counts, and the newest "
        "version of each entry",
        len(note["files"])).format(resident=note["resident"], n=len(note["files"]), files=_files(note["files"]), kept=note["kept"])


WORDING = {"skipped": _skipped, "merged": _merged, "shared ids": _shared, "more shared ids": _more_shared,
           "outside dates": _outside, "ignored targets": _ignored, "conflicting copies": _conflicting}
