"""Backups of the logbook: dated copies before risky changes, pruned; `logbook backup`; restoring one.

Dated copies are named `<stem>.<YYYYmmddTHHMMSSffffff>.<reason>.json` in `<logbook>.backups/`.
Automatic ones (before an import, a migration or a restore) are pruned to the 10 newest plus the
oldest of each month; the user's own (`logbook backup`, reason "manual") are never pruned.
"""

from __future__ import annotations

import glob
import os
import re
from datetime import datetime
from pathlib import Path

from logbook.errors import LogbookError, LogbookFileError
from logbook.storage import migrations
from logbook.storage.checks import Validators, examine
from logbook.storage.files import (backups_dir, previous_version, read_logbook, read_regular, refuse_other_names, refuse_read_only,
                                   remove_if_possible, remove_stale_temporaries, write_atomically)
from logbook.storage.lock import locked
from logbook.storage.format import problem_with

MANUAL = "manual"
KEEP_NEWEST = 10
_STAMP = re.compile(r"\.(\d{8}T\d{12})\.([a-z0-9-]+)\.json$")


def dated_copy(path: Path, reason: str, data: bytes | None = None) -> Path | None:
    """A dated copy of the logbook in its backups folder, kept before risky changes."""
    if data is None:
        data = read_regular(path)
    if data is None or not data.strip():  # no logbook yet, or an empty file: nothing to keep
        return None
    folder = backups_dir(path)
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    dest = folder / f"{path.resolve().stem}.{stamp}.{reason}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise LogbookFileError(f"could not create {folder} for a backup: {err.strerror}; nothing was changed") from None
    write_atomically(dest, data)
    if path.exists():
        st = path.stat()
        os.utime(dest, ns=(st.st_atime_ns, st.st_mtime_ns))  # a backup is as old as the version it holds
    return dest


def refuse_a_backup(path: Path) -> None:
    """A `.bak` or a dated copy named as the logbook is refused: opening it would write over the backup."""
    real = path.resolve()
    named, folder = _STAMP.search(real.name), real.parent.name.removesuffix(".backups")
    if real.name.endswith(".bak") and real.name != ".bak":
        logbook = real.with_name(real.name.removesuffix(".bak"))
    elif named and folder != real.parent.name and Path(folder).stem == real.name[: named.start()]:
        logbook = real.parent.with_name(folder)
    else:
        return
    raise LogbookError(f"{path} is a backup of {logbook}, not a logbook (opening it would write over it); bring it back "
                       f"with `logbook --db {logbook} restore {path}`, or `doctor --restore` for the newest good one; "
                       "nothing was changed")


def ready_to_change(path: Path) -> None:
    """Under the lock, before any change: refuse a read-only or hard-linked logbook; clear what killed writers left."""
    refuse_read_only(path)
    remove_stale_temporaries(path.resolve())  # first: a killed writer's twin of the file is a second link to it
    remove_killed_copies(path)
    refuse_other_names(path)


def remove_killed_copies(path: Path) -> None:
    """Temporary files of dated copies whose writer was killed; only under the lock, as every copy is written."""
    folder, stem = backups_dir(path), path.resolve().stem
    own = re.compile(rf"\.{re.escape(stem)}\.\d{{8}}T\d{{12}}\.[a-z0-9-]+\.json~\w+\.tmp")  # write_atomically's name
    for leftover in folder.glob(f".{glob.escape(stem)}.*.tmp") if folder.is_dir() else []:
        if own.fullmatch(leftover.name):
            remove_if_possible(leftover)


def backups(path: Path) -> list[Path]:
    """Every backup of this logbook, the most recently saved version first."""
    found = [previous_version(path)] if previous_version(path).is_file() else []
    folder = backups_dir(path)
    if folder.is_dir():
        found += [p for p in folder.glob(f"{glob.escape(path.resolve().stem)}.*.json") if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def prune(path: Path) -> list[Path]:
    """Remove automatic dated copies beyond the 10 newest, keeping the oldest of each month; returns those removed."""
    folder = backups_dir(path)
    automatic, stem = [], path.resolve().stem
    for copy in folder.glob(f"{glob.escape(stem)}.*.json") if folder.is_dir() else []:
        named = _STAMP.search(copy.name)
        if named and named[2] != MANUAL and copy.name[: named.start()] == stem:
            automatic.append((named[1], copy))
    automatic.sort(reverse=True)  # newest first: the stamp sorts as text
    keep = {copy for _, copy in automatic[:KEEP_NEWEST]}
    oldest_of_month: dict[str, Path] = {}
    for stamp, copy in automatic:  # newest to oldest, so the last one seen in a month is its oldest
        oldest_of_month[stamp[:6]] = copy
    keep |= set(oldest_of_month.values())
    return [copy for _, copy in automatic if copy not in keep and remove_if_possible(copy)]


def _check_backup(source: Path, validators: Validators) -> bytes:
    """The bytes of a backup that is fit to restore, or a refusal saying why it is not."""
    data = read_regular(source, "backup")
    if data is None:
        raise LogbookFileError(f"there is no backup at {source}")
    checkup = examine(source, validators, backup=True)
    if not checkup.good:
        raise LogbookFileError(f"{source} is not a good backup ({checkup.problems[0]}); nothing was changed")
    return data


def restore(path: Path, source: Path, validators: Validators) -> Path | None:
    """Put a backup in place of the logbook, after checking it; returns the dated copy of what it replaced."""
    if source.exists() and path.exists() and source.samefile(path):
        raise LogbookError(f"{source} is the logbook itself; name a backup (`logbook doctor` lists them)")
    data = _check_backup(source, validators)
    with locked(path):
        ready_to_change(path)
        kept = dated_copy(path, "before-restore")
        write_atomically(path, data)
        prune(path)
    return kept


def restore_newest_good(path: Path, validators: Validators) -> tuple[Path, Path | None]:
    """Restore the most recently saved backup that passes every check: (the backup, the kept copy)."""
    checkup = examine(path, validators)
    if checkup.good:
        raise LogbookError(
            f"{path} is in good order, so doctor restores nothing; to go back to an earlier version use `logbook restore [BACKUP]`"
        )
    if checkup.newer:
        raise LogbookError(f"{path}: {checkup.problems[0]}; restoring an older backup would lose its newer entries")
    for candidate in backups(path):
        if examine(candidate, validators, backup=True).good:
            return candidate, restore(path, candidate, validators)
    raise LogbookError(f"no good backup of {path} was found; the file was left as it is (keep a copy of it)")


def backup(path: Path, dest: Path | None = None) -> Path:
    """Copy the logbook to `dest` (a new file or a folder), or into its backups folder; returns the copy.

    Copies in the backups folder are the user's and never pruned.
    """
    data = read_logbook(path)
    if data is None:
        raise LogbookError(f"there is no logbook at {path} yet, so nothing to back up")
    if problem := problem_with(data, migrations.SCHEMA_VERSION)[1]:
        raise LogbookFileError(f"{path} {problem}; nothing was copied (`logbook doctor` explains)")
    if dest is None:
        with locked(path):  # every copy in the backups folder is written under the lock, so leftovers are a killed writer's
            return dated_copy(path, MANUAL, data)
    if dest.is_dir():
        dest = dest / f"{path.stem}.{datetime.now().strftime('%Y%m%dT%H%M%S')}.json"
    if dest.exists() or dest.is_symlink():
        raise LogbookError(f"{dest} already exists; choose a new file name or a folder")
    if not dest.parent.is_dir():
        raise LogbookError(f"{dest.parent} is not a folder; create it first or choose another place")
    write_atomically(dest, data)
    return dest
