"""Looking after the logbook file: the doctor's check-up, backups and restoring one."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from logbook.storage.database import Logbook
from logbook.storage import backups as copies
from logbook.storage.checks import examine
from logbook.storage.files import previous_version
from logbook.storage.format import DOCTOR_HINT


def checkup(logbook: Logbook):
    """(the logbook's check-up, each backup's check-up): what the doctor shows."""
    return (examine(logbook.path, logbook.validators, warn=True),
            [examine(b, logbook.validators, backup=True) for b in copies.backups(logbook.path)])


LISTED_OUTSIDE = 10


def warnings(logbook: Logbook, checked) -> list[tuple[str, list[str]]]:
    """What a sound logbook's reports leave out without being asked: entries dated outside the internship.

    Each warning as (what it is, the entries it is about).
    """
    from logbook.domain.entries import SHORT_ID, title
    from logbook.domain.summary import outside_internship

    if not checked.good or not checked.found:
        return []
    book = logbook.read(upgrade=False)
    if not book.internship:
        return []
    internship = book.internship
    outside = outside_internship(book.entries(), internship)
    if not outside:
        return []
    n = len(outside)
    said = (f"{n} {'entry is' if n == 1 else 'entries are'} dated outside the internship ({internship['start']} to "
            f"{internship['end']}), so the report leaves {'it' if n == 1 else 'them'} out: move the dates with "
            "`logbook init --start/--end`, or the entry with `logbook edit ID --date`")
    listed = [f"{e['date']} {e['id'][:SHORT_ID]} {e['kind']}: {title(e)}" for e in outside[:LISTED_OUTSIDE]]
    if n > LISTED_OUTSIDE:
        listed.append(f"… and {n - LISTED_OUTSIDE} more (`logbook list` shows every entry)")
    return [(said, listed)]


def restore_newest_good(logbook: Logbook) -> tuple[Path, Path | None]:
    """Put the most recent good backup in place; returns (that backup, where the replaced file is kept)."""
    return copies.restore_newest_good(logbook.path, logbook.validators)


def backup(logbook: Logbook, dest: Path | None = None) -> Path:
    return copies.backup(logbook.path, dest)


def restore(logbook: Logbook, source: Path | None = None) -> tuple[Path, Path | None]:
    """Replace the logbook with a checked backup (default: the version before the last change).

    Returns (the backup restored, where the replaced file is kept or None).
    """
    chosen = source or previous_version(logbook.path)
    return chosen, copies.restore(logbook.path, chosen, logbook.validators)


def damage_in_logbook(open_logbook: Callable[[], Logbook]) -> str | None:
    """After an unexpected error: a message if the logbook holds data it cannot use, else None (a real bug)."""
    try:
        logbook = open_logbook()
        found = examine(logbook.path, logbook.validators)
    except Exception:  # noqa: BLE001 — only a better message is at stake here
        return None
    if not found.found or found.good:
        return None
    problem = found.problems[0]
    # The same words as a refused write (storage's DOCTOR_HINT): one message for one damaged file, whatever the command.
    return f"{logbook.path} is damaged ({problem[0].lower()}{problem[1:]}); {DOCTOR_HINT}"
