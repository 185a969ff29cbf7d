"""The Typer app: the global options, each group of commands registered from its module, and the exit codes."""

# No `from __future__ import annotations` in the CLI modules: Typer reads every parameter's annotations
# on each run, and string annotations cost an eval each.

import errno
import functools
import os
import sys
from importlib import import_module
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup  # public: the base Typer(cls=...) documents for a custom group

from logbook import errors, version_line
from logbook.cli import context

# Every command in the order a resident meets them (--help lists them so), the module that defines it, and
# its line in --help, whole at 80 columns: start-up imports and builds only the command being run.
COMMANDS = {
    "init": ("entries", "Create or update the internship profile."),
    "add": ("add", "Log an entry: clinical work, a procedure or a cultural visit."),
    "list": ("entries", "List entries, oldest first, with their ids."),
    "show": ("entries", "Show one entry in full."),
    "day": ("entries", "Everything logged on one day, and its reflection."),
    "edit": ("entries", "Change fields of an entry."),
    "delete": ("entries", "Delete an entry (asks first)."),
    "rename": ("rename", "Rename a procedure, site, supervisor or place everywhere."),
    "reflect": ("report", "Write the day's reflection."),
    "targets": ("report", "Progress on every target, flagged when behind pace."),
    "target": ("report", "Set, list and remove learning targets."),
    "summary": ("report", "The end-of-internship report, on screen or as a file."),
    "signoff": ("signoff", "The sheet one clinical base signs, or one sheet per base."),
    "export": ("data", "Export the internship and every entry as JSON."),
    "import": ("data", "Import an export: all of it, or nothing if anything is wrong."),
    "verify": ("report", "Check a fingerprinted report against the logbook or an export."),
    "cohort": ("cohort", "A group's report from its residents' exports."),
    "demo": ("report", "Log a sample internship (Bukhara, twelve days) and report it."),
    "doctor": ("data", "Check the logbook file and its entries; list the backups."),
    "backup": ("data", "Copy the logbook to a file or to its backups folder."),
    "restore": ("data", "Replace the logbook with a backup, once checked."),
    "config": ("config", "Show or change the settings in the config file."),
}
ROOM_OF = {name: room for name, (room, _) in COMMANDS.items()}


class InOrderOfUse(TyperGroup):
    """The app's commands as COMMANDS orders them (Typer would list add, target and config, the groups, last)."""

    def list_commands(self, ctx) -> list[str]:
        return [name for name in COMMANDS if name in self.commands]


def _version(value: bool) -> None:
    if value:
        print(version_line())
        raise typer.Exit()


def main_options(
    db: Annotated[Optional[Path], typer.Option("--db", help="The logbook file (default: $LOGBOOK_DB, else `db` in the config file, else your data folder).", show_default=False)] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full trace of an unexpected error.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """An internship logbook for medical residents: clinical work, procedures and cultural visits.

    Exit codes: 0 ok, 1 refused input or not found, 2 usage, 70 a bug (rerun with --debug).

    Example: logbook add clinical -s "Perinatal center" -H 6 -a "Ward round"
    """
    context.start(db, debug)


def typer_app(only: str | None = None) -> typer.Typer:
    """The logbook's Typer app with every command, or with only the command named `only`."""
    app = typer.Typer(
        name="logbook",
        cls=InOrderOfUse,
        no_args_is_help=True,
        add_completion=True,  # --install-completion / --show-completion
        pretty_exceptions_show_locals=False,  # locals would print clinical text into a traceback
        rich_markup_mode=None,
    )
    app.callback()(main_options)
    for name, (room, short_help) in COMMANDS.items():
        if only in (None, name):
            command = import_module(f"logbook.cli.{room}").COMMANDS[name]
            if isinstance(command, typer.Typer):
                app.add_typer(command, name=name, short_help=short_help)
            else:
                app.command(name, short_help=short_help)(command)
    return app


@functools.cache
def built(name: str | None = None):
    """The Click command to run: Typer reads every command's signature to build one, so build only what runs."""
    command = typer.main.get_command(typer_app(name))
    _examples_last(command)
    return command


def command_named(args: list[str]) -> str | None:
    """The command that args name after the global options, if it is one of ours; else None (the whole app)."""
    words = iter(args)
    for word in words:
        if word == "--db":
            next(words, None)
        elif not (word.startswith("--db=") or word == "--debug"):
            break
    else:
        return None
    return word if word in ROOM_OF else None


_OUTPUT_FAILURES = {errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EBADF}


def run(argv: list[str] | None = None) -> None:
    """The console script: the one place that reads argv and decides the exit code."""
    if sys.stdout is None:  # started with standard output closed (`logbook export >&-`)
        if sys.stderr is not None:
            _error("standard output is closed, so there is nowhere to print; give the command an output (e.g. `> file`)")
        sys.exit(errors.REFUSED)
    code = main(argv)
    try:
        sys.stdout.flush()  # what is still buffered: a full disk says so here, not in a message at exit
    except BrokenPipeError:
        _stdout_to_nowhere()  # the reader stopped reading (`| head`): nothing to say
    except OSError as err:
        code = _unwritable(err)
    sys.exit(code)


def _unwritable(err: OSError) -> int:
    """Standard output refused what was printed (e.g. a full disk): one line, and no second try at exit."""
    _stdout_to_nowhere()
    _error(f"could not write the output: {err.strerror or err}")
    return errors.REFUSED


def _stdout_to_nowhere() -> None:
    # The interpreter flushes stdout once more on exit; what it still holds goes nowhere instead of into a trace.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    context.state.update(db=None, settings=None, debug=os.environ.get("LOGBOOK_DEBUG", "") not in ("", "0"))
    if "logbook.render.language" in sys.modules:  # a new run in the same process speaks English until a report asks
        sys.modules["logbook.render.language"].use("en")
    args = sys.argv[1:] if argv is None else argv
    try:
        result = built(command_named(args)).main(args=args, prog_name="logbook", standalone_mode=False)
        return result if isinstance(result, int) else errors.OK
    except errors.UsageError as err:
        _error(f"{err.message} (see `{command_path(args)} --help`)")
        return err.exit_code
    except errors.LogbookError as err:
        _error(err.message)
        return err.exit_code
    # Click's errors: Typer vendors Click under a private name, so they are caught by their public base.
    except typer.TyperException as err:
        if type(err).__name__ == "NoArgsIsHelpError":  # `logbook` alone: the help (Typer tells this one by name too)
            print(err.format_message())
            return errors.USAGE
        ctx = getattr(err, "ctx", None)  # a usage error knows the command it is about
        hint = f" (see `{ctx.command_path} --help`)" if ctx else ""
        _error(f"{err.format_message()}{hint}")
        return err.exit_code
    except (typer.Abort, KeyboardInterrupt):
        _error("aborted; nothing was changed")
        return errors.REFUSED
    except BrokenPipeError:
        return errors.OK
    except Exception as err:  # noqa: BLE001 — the last line of defence prints one line, not a trace
        if context.state["debug"]:
            raise
        # Files are written through storage and outputs, which say what failed: this is stdout failing.
        if isinstance(err, OSError) and err.errno in _OUTPUT_FAILURES and sys.stdout is sys.__stdout__:
            return _unwritable(err)
        if isinstance(err, FileNotFoundError) and "--install-completion" in args:  # Typer asks PowerShell for $PROFILE
            shell = getattr(err.filename, "value", err.filename)  # Typer names it by its Shells member
            _error(f"{shell} was not found, so its completion cannot be installed; "
                   "`logbook --show-completion SHELL` prints the script to add to the shell's setup yourself")
            return errors.REFUSED
        from logbook.services.backups import damage_in_logbook

        if damage := damage_in_logbook(context.logbook):  # damaged data, not a bug: say so and point to `logbook doctor`
            _error(damage)
            return errors.REFUSED
        _error(f"unexpected {type(err).__name__}; this is a bug in logbook. Rerun with --debug (or LOGBOOK_DEBUG=1) for the full trace")
        return errors.BUG


def command_path(args: list[str]) -> str:
    """'logbook target add': the command (and subcommand) that args name, for a pointer to its --help."""
    command, path, words = built(command_named(args)), ["logbook"], iter(args)
    for word in words:
        if word == "--db":
            next(words, None)
        elif (sub := getattr(command, "commands", {}).get(word)) is not None:
            command, path = sub, [*path, word]
    return " ".join(path)


def _examples_last(command) -> None:
    """Move each docstring's closing "Example:" paragraph below the options, unwrapped, so --help ends with it."""
    head, marker, example = (command.help or "").rpartition("\n\nExample: ")
    if marker:
        command.help = head
        command.epilog = "\b\nExample: " + example.strip()  # \b: Click keeps the line as written
    for sub in getattr(command, "commands", {}).values():
        _examples_last(sub)


def _error(message: str) -> None:
    from logbook.render.terminal.console import error

    error(message)
