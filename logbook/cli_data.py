"""Commands that look after the logbook file itself: doctor, backup and restore."""


from pathlib import Path
from typing import Annotated, Optional

import typer

from logbook import errors
from logbook.cli import _logbook, app


@app.command()
def doctor(
    restore: Annotated[bool, typer.Option("--restore", help="Put the most recent good backup in place of a damaged logbook (the damaged file is kept).")] = False,
) -> int:
    """Check the logbook file and every entry in it, explain what is wrong, and list the backups.

    Exits 0 when the logbook is in good order (or does not exist yet), 1 when it has problems.

    Example: logbook doctor
    """
    from logbook.render.checkup import print_checkup
    from logbook.render.plain import say
    from logbook.storage.backups import backups, restore_newest_good
    from logbook.storage.checks import examine

    logbook = _logbook()
    path = logbook.path
    if restore:
        source, kept = restore_newest_good(path, logbook.validators)
        say(_restored(path, source, kept))
        return errors.OK
    checkup = examine(path, logbook.validators)
    print_checkup(checkup, [examine(b, logbook.validators) for b in backups(path)])
    return errors.OK if checkup.good or not checkup.found else errors.REFUSED


@app.command()
def backup(
    dest: Annotated[Optional[Path], typer.Argument(help="A new file or a folder; default: the logbook's backups folder.", show_default=False)] = None,
) -> None:
    """Copy the logbook, as it is now, to a file you choose or to its backups folder.

    Example: logbook backup internship-logbook-copy.json
    """
    from logbook.render.plain import say
    from logbook.storage.backups import backup as copy_logbook

    path = _logbook().path
    copy = copy_logbook(path, dest.expanduser() if dest else None)
    say(f"Backed up {path} to {copy}")


@app.command()
def restore(
    source: Annotated[Optional[Path], typer.Argument(metavar="BACKUP", help="The backup to restore; default: <logbook>.bak, the version before the last change.", show_default=False)] = None,
) -> None:
    """Replace the logbook with a backup, after checking the backup; what it replaces is kept in the backups folder.

    Example: logbook restore
    """
    from logbook.render.plain import say
    from logbook.storage.backups import restore as restore_backup
    from logbook.storage.files import previous_version

    logbook = _logbook()
    chosen = source.expanduser() if source else previous_version(logbook.path)
    say(_restored(logbook.path, chosen, restore_backup(logbook.path, chosen, logbook.validators)))


def damage_in_logbook() -> str | None:
    """After an unexpected error: a message if the logbook holds data it cannot use, else None (a real bug)."""
    from logbook.storage.checks import examine

    try:
        logbook = _logbook()
        path = logbook.path
        checkup = examine(path, logbook.validators)
    except Exception:  # noqa: BLE001 — only a better message is at stake here
        return None
    if not checkup.found or checkup.good:
        return None
    return (f"{path} holds data logbook cannot use ({checkup.problems[0]}); logbook stopped before writing. "
            "`logbook doctor` lists every problem and the backups")


def _restored(path: Path, source: Path, kept: Path | None) -> str:
    replaced = f"; the file it replaced is kept as {kept}" if kept else ""
    return f"Restored {path} from {source}{replaced}"
