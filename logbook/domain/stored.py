"""The domain's checks of what a logbook stores, table by table: the seam the storage checks a file through.

The storage never imports the domain; whoever opens a logbook hands these in (`Logbook(path, validators())`).
Each check returns the document as the logbook stores it, so a document stored otherwise
("hours": "6" where 6.0 belongs) is found damaged by `logbook doctor`, not by a crash in `summary`.
"""

from __future__ import annotations


def validators() -> dict:
    from logbook.domain.entries import check_stored, stored_as_is
    from logbook.domain.internship import check_internship
    from logbook.domain.reflections import check_stored_reflection
    from logbook.domain.targets import check_stored_target

    return {
        "internship": lambda profile, where: check_internship(profile),
        "entries": lambda entry, where: entry if stored_as_is(entry) else check_stored(entry, where),
        "targets": check_stored_target,
        "reflections": check_stored_reflection,
    }
