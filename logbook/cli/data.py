"""Commands that move the logbook's data in and out and look after its file: export, import, doctor, backup, restore."""

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from logbook import errors
from logbook.cli import context
from logbook.cli.options import AllowIdsOpt, ForceOpt, OutsideOpt


def _working_days() -> str | None:
    """The config's week for the export; an unreadable config must not stop a resident getting their entries out."""
    from logbook.render.terminal.messages import say

    try:
        return context.settings().get("working_days")
    except errors.LogbookError as err:
        say(f"Warning: {err.message}; the export names no working week (a cohort will count Monday to Friday)")
        return None


def export(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    format_: Annotated[Optional[str], typer.Option("--format", "-f", help="json (the default), or jsonl: one entry per line with the internship's fields on each (also chosen by an --output ending in .jsonl).", show_default=False)] = None,
    force: ForceOpt = False,
) -> None:
    """Export the internship and every entry as JSON (schema_version 1), or as JSON Lines.

    Example: logbook export --output my-internship.json
    """
    from logbook.render.files.json_data import json_bytes
    from logbook.render.terminal.messages import say
    from logbook.services.exports import export_of

    if format_ is None:  # the file's name says what it holds: internship.jsonl is read back as JSON Lines
        format_ = "jsonl" if output is not None and output.suffix.lower() == ".jsonl" else "json"
    if format_ not in ("json", "jsonl"):
        raise typer.BadParameter(f"{format_!r} is not an export format; use json or jsonl", param_hint="'--format'")
    logbook = context.logbook()
    document = export_of(logbook, _working_days())
    if format_ == "jsonl":
        from logbook.render.escaping import inert_json
        from logbook.services.jsonl import export_lines

        payload = inert_json(export_lines(document))
    else:
        payload = json_bytes(document)
    if output is None or str(output) == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        from logbook.services.outputs import logbook_files, write_output

        write_output(output, payload, logbook_files(logbook.path), force)
        from logbook.render.terminal.sentences import exported

        left_out = {"target": len(document["targets"]), "reflection": len(document["reflections"]),
                    "synonym": len(document.get("synonyms", []))}
        say(exported(len(document["entries"]), output, left_out if format_ == "jsonl" else None))


def import_(file: Annotated[Path, typer.Argument(help="An export made by `logbook export`: JSON, or JSON Lines (--format jsonl).")],
            outside: OutsideOpt = False, allow_identifiers: AllowIdsOpt = False) -> None:
    """Import an export: all of it or, if anything is wrong, nothing. Importing twice adds nothing.

    An entry is refused as `add` refuses it: dated after today, or outside the internship without --outside.

    Example: logbook import my-internship.json
    """
    from logbook.render.terminal.messages import say
    from logbook.render.terminal.console import track
    from logbook.services.exports import read_export_file
    from logbook.services.imports import import_document
    from logbook.render.terminal.sentences import checking, imported

    document = read_export_file(file)
    result = import_document(context.logbook(), document, str(file),
                             lambda entries: track(entries, checking(len(entries))),
                             allow_identifiers=allow_identifiers, outside=outside)
    say(imported(file, result))


def doctor(
    restore: Annotated[bool, typer.Option("--restore", help="Put the most recent good backup in place of a damaged logbook (the damaged file is kept).")] = False,
) -> int:
    """Check the logbook file and every entry in it, explain what is wrong, and list the backups.

    Exits 0 when the logbook is in good order (or does not exist yet), 1 when it has problems.

    Example: logbook doctor
    """
    from logbook.render.terminal.doctor import print_checkup
    from logbook.render.terminal.messages import say
    from logbook.services import backups

    logbook = context.logbook()
    if restore:
        source, kept = backups.restore_newest_good(logbook)
        from logbook.render.terminal.sentences import restored

        say(restored(logbook.path, source, kept))
        return errors.OK
    checkup, of_backups = backups.checkup(logbook)
    print_checkup(checkup, of_backups, backups.warnings(logbook, checkup))
    return errors.OK if checkup.good or not checkup.found else errors.REFUSED


def backup(
    dest: Annotated[Optional[Path], typer.Argument(help="A new file or a folder; default: the logbook's backups folder.", show_default=False)] = None,
) -> None:
    """Copy the logbook, as it is now, to a file you choose or to its backups folder.

    Example: logbook backup internship-logbook-copy.json
    """
    from logbook.render.terminal.messages import say
    from logbook.services import backups

    logbook = context.logbook()
    copy = backups.backup(logbook, _home_path(dest, "DEST") if dest else None)
    from logbook.render.terminal.sentences import backed_up

    say(backed_up(logbook.path, copy))


def restore(
    source: Annotated[Optional[Path], typer.Argument(metavar="BACKUP", help="The backup to restore; default: <logbook>.bak, the version before the last change.", show_default=False)] = None,
) -> None:
    """Replace the logbook with a backup, after checking the backup; what it replaces is kept in the backups folder.

    Example: logbook restore
    """
    from logbook.render.terminal.messages import say
    from logbook.services import backups

    logbook = context.logbook()
    chosen, kept = backups.restore(logbook, _home_path(source, "BACKUP") if source else None)
    from logbook.render.terminal.sentences import restored

    say(restored(logbook.path, chosen, kept))


def _home_path(path: Path, name: str) -> Path:
    """`~/…` expanded; a `~user` that names no user on this machine is refused in one line."""
    from logbook.config import check_home
    from logbook.errors import InvalidValue

    try:
        return Path(check_home(str(path))).expanduser()
    except InvalidValue as err:
        raise errors.LogbookError(f"{name}: {err.message.split(': ', 1)[-1]}") from None


COMMANDS = {"export": export, "import": import_, "doctor": doctor, "backup": backup, "restore": restore}
