"""Looking after the logbook file: the doctor's check-up, backups and restoring one."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from logbook import store
from logbook.store import Logbook


def checkup(logbook: Logbook):
    """(the logbook's check-up, each backup's check-up): what the doctor shows."""
    return store.examine(logbook.path), [store.examine(b) for b in store.backups(logbook.path)]


def restore_newest_good(logbook: Logbook) -> tuple[Path, Path | None]:
    """Put the most recent good backup in place; returns (that backup, where the replaced file is kept)."""
    return store.restore_newest_good(logbook.path)


def backup(logbook: Logbook, dest: Path | None = None) -> Path:
    return store.backup(logbook.path, dest)


def restore(logbook: Logbook, source: Path | None = None) -> tuple[Path, Path | None]:
    """Replace the logbook with a checked backup (default: the version before the last change).

    Returns (the backup restored, where the replaced file is kept or None).
    """
    chosen = source or store.previous_version(logbook.path)
    return chosen, store.restore(logbook.path, chosen)


def damage_in_logbook(open_logbook: Callable[[], Logbook]) -> str | None:
    """After an unexpected error: a message if the logbook holds data it cannot use, else None (a real bug)."""
    try:
        path = open_logbook().path
        found = store.examine(path)
    except Exception:  # noqa: BLE001 — only a better message is at stake here
        return None
    if not found.found or found.good:
        return None
    return (f"{path} holds data logbook cannot use ({found.problems[0]}); logbook stopped before writing. "
            "`logbook doctor` lists every problem and the backups")
