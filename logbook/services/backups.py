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
