"""The `logbook` command: parses options, calls the actions, turns refusals into exit codes."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from logbook import __version__, errors
from logbook.involvement import HELP as LEVELS_HELP

app = typer.Typer(
    name="logbook",
    help="An internship logbook for medical residents: clinical work, procedures and cultural visits.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals would print clinical text into a traceback
    rich_markup_mode=None,
)
add_app = typer.Typer(help="Log an entry: clinical participation, a procedure or a cultural visit.", no_args_is_help=True)
app.add_typer(add_app, name="add")

_state: dict = {"db": None, "debug": False}

# Options shared by several commands, defined once.
DateOpt = Annotated[Optional[str], typer.Option("--date", "-d", help="YYYY-MM-DD, DD.MM.YYYY, today, yesterday, a weekday, 'N days ago'. Default: today.")]
SiteOpt = Annotated[Optional[str], typer.Option("--site", "-s", help="Clinical base, e.g. 'Perinatal center'.")]
RoleOpt = Annotated[Optional[str], typer.Option("--role", "-r", help=f"Level of involvement: {LEVELS_HELP}.")]
SupervisorOpt = Annotated[Optional[str], typer.Option("--supervisor", help="Who supervised you.")]
NoteOpt = Annotated[Optional[str], typer.Option("--note", "-n", help="Free-text note (no patient identifiers).")]
HoursOpt = Annotated[Optional[str], typer.Option("--hours", "-H", help="Hours spent, more than 0 and at most 24 (e.g. 6, 7.5, 7:30).")]
CountOpt = Annotated[Optional[str], typer.Option("--count", "-c", help="How many times (default 1).")]
OutsideOpt = Annotated[bool, typer.Option("--outside", help="Allow a date outside the internship's first..last day.")]
AllowIdsOpt = Annotated[bool, typer.Option("--allow-identifiers", help="Store text that looks like a patient identifier (you confirm it is not one).")]
FromOpt = Annotated[Optional[str], typer.Option("--from", help="First day to include.")]
ToOpt = Annotated[Optional[str], typer.Option("--to", help="Last day to include.")]


def _logbook():
    from logbook.store import Logbook, default_path

    chosen = _state["db"] or os.environ.get("LOGBOOK_DB")
    return Logbook(Path(chosen).expanduser() if chosen else default_path())


def _version(value: bool) -> None:
    if value:
        print(f"logbook {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[Optional[Path], typer.Option("--db", help="The logbook file (default: $LOGBOOK_DB, else your data folder).", show_default=False)] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full trace of an unexpected error.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """An internship logbook for medical residents: clinical work, procedures and cultural visits."""
    _state["db"] = db
    _state["debug"] = debug or _state["debug"]


@app.command()
def init(
    resident: Annotated[Optional[str], typer.Option(help="Your name as it should appear on the summary.")] = None,
    specialty: Annotated[Optional[str], typer.Option(help="Your specialty, e.g. 'Pediatric surgery'.")] = None,
    host: Annotated[Optional[str], typer.Option(help="The host institution.")] = None,
    start: Annotated[Optional[str], typer.Option(help="The internship's first day.")] = None,
    end: Annotated[Optional[str], typer.Option(help="The internship's last day.")] = None,
    home: Annotated[Optional[str], typer.Option(help="Your home institution.")] = None,
) -> None:
    """Create the internship profile, or update it (options not given keep their value).

    Example: logbook init --resident "Dilnoza Karimova" --specialty "Pediatric surgery" --host "Bukhara State Medical Institute" --start 2024-12-02 --end 2024-12-13
    """
    from logbook import actions
    from logbook.render.terminal import say

    profile, updated = actions.init_internship(
        _logbook(),
        {"resident": resident, "specialty": specialty, "host_institution": host, "start": start, "end": end, "home_institution": home},
    )
    say(f"{'Updated' if updated else 'Created'} the internship of {profile['resident']} at {profile['host_institution']}, "
        f"{profile['start']} to {profile['end']}.")


def _add(kind: str, date: str | None, values: dict, outside: bool, allow_identifiers: bool) -> None:
    from logbook import actions
    from logbook.entries import SHORT_ID, title
    from logbook.render.terminal import say

    entry = actions.add_entry(_logbook(), kind, date, values, outside=outside, allow_identifiers=allow_identifiers)
    extra = ""
    if kind == "clinical":
        extra = f" ({entry['hours']:g} h at {entry['site']})"
    elif kind == "procedure":
        extra = f" ({entry['role']} ×{entry['count']})"
    say(f"Added {kind} {entry['id'][:SHORT_ID]} on {entry['date']}: {title(entry)}{extra}")


@add_app.command("clinical")
def add_clinical(
    site: SiteOpt = None,
    hours: HoursOpt = None,
    activity: Annotated[Optional[str], typer.Option("--activity", "-a", help="What you did: ward round, diagnostics, theatre, night shift…")] = None,
    department: Annotated[Optional[str], typer.Option(help="Department within the site.")] = None,
    role: RoleOpt = None,
    supervisor: SupervisorOpt = None,
    note: NoteOpt = None,
    date: DateOpt = None,
    outside: OutsideOpt = False,
    allow_identifiers: AllowIdsOpt = False,
) -> None:
    """Log clinical participation: where, how long, what you did, under whom.

    Example: logbook add clinical --site "Perinatal center" --hours 6 --activity "Ward round" --supervisor "Dr. Rakhimov"
    """
    _add("clinical", date, dict(site=site, hours=hours, activity=activity, department=department, role=role,
                                supervisor=supervisor, note=note), outside, allow_identifiers)


@add_app.command("procedure")
def add_procedure(
    name: Annotated[str, typer.Argument(help="The procedure, e.g. 'Caesarean section'.", show_default=False)],
    role: RoleOpt = None,
    site: SiteOpt = None,
    count: CountOpt = None,
    supervisor: SupervisorOpt = None,
    note: NoteOpt = None,
    date: DateOpt = None,
    outside: OutsideOpt = False,
    allow_identifiers: AllowIdsOpt = False,
) -> None:
    """Log a procedure you observed or took part in, with your level of involvement.

    Example: logbook add procedure "Caesarean section" --role assisted --site "Perinatal center"
    """
    _add("procedure", date, dict(procedure=name, role=role, site=site, count=count, supervisor=supervisor, note=note),
         outside, allow_identifiers)


@add_app.command("cultural")
def add_cultural(
    place: Annotated[str, typer.Argument(help="The place, e.g. 'Poi Kalyan'.", show_default=False)],
    category: Annotated[Optional[str], typer.Option(help="landmark, museum, mosque, madrasa, bazaar, performance…")] = None,
    note: NoteOpt = None,
    date: DateOpt = None,
    outside: OutsideOpt = False,
    allow_identifiers: AllowIdsOpt = False,
) -> None:
    """Log a cultural visit: a landmark, mosque, madrasa, museum, bazaar or performance.

    Example: logbook add cultural "Ark of Bukhara" --category landmark
    """
    _add("cultural", date, dict(place=place, category=category, note=note), outside, allow_identifiers)


def _date_option(text: str | None, field: str) -> str | None:
    from logbook.actions import today
    from logbook.dates import parse_date

    return parse_date(text, today(), field, future=True).isoformat() if text else None


@app.command("list")
def list_entries(
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", help="clinical, procedure or cultural.")] = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    site: Annotated[Optional[str], typer.Option("--site", "-s", help="Only entries whose site contains this text.")] = None,
    search: Annotated[Optional[str], typer.Option(help="Only entries whose text contains this.")] = None,
) -> None:
    """List entries, oldest first, with the id that show, edit and delete accept.

    Example: logbook list --kind procedure --from 2024-12-02 --to 2024-12-06
    """
    from logbook.entries import in_date_order, matches, parse_kind, short_id_length
    from logbook.render.terminal import print_entries

    wanted = parse_kind(kind) if kind else None
    start, end = _date_option(from_, "from"), _date_option(to, "to")
    book = _logbook().read()
    everything = book.entries()
    chosen = [e for e in everything if matches(e, wanted, start, end, site, search)]
    print_entries(in_date_order(chosen), short_id_length(everything))


@app.command()
def show(ident: Annotated[str, typer.Argument(metavar="ID", help="The entry's id, or its first characters.")]) -> None:
    """Show one entry in full.

    Example: logbook show 3f2a9c1e
    """
    from logbook.entries import find
    from logbook.render.terminal import print_entry

    print_entry(find(_logbook().read().entries(), ident))


@app.command()
def edit(
    ident: Annotated[str, typer.Argument(metavar="ID", help="The entry's id, or its first characters.")],
    date: Annotated[Optional[str], typer.Option("--date", "-d", help="Move the entry to another day.")] = None,
    site: SiteOpt = None,
    hours: HoursOpt = None,
    activity: Annotated[Optional[str], typer.Option("--activity", "-a", help="Clinical activity.")] = None,
    department: Annotated[Optional[str], typer.Option(help="Department within the site.")] = None,
    procedure: Annotated[Optional[str], typer.Option(help="Procedure name.")] = None,
    place: Annotated[Optional[str], typer.Option(help="Place of a cultural visit.")] = None,
    category: Annotated[Optional[str], typer.Option(help="Category of a cultural visit.")] = None,
    role: RoleOpt = None,
    count: CountOpt = None,
    supervisor: SupervisorOpt = None,
    note: NoteOpt = None,
    outside: OutsideOpt = False,
    allow_identifiers: AllowIdsOpt = False,
) -> None:
    """Change fields of an entry; an empty value ("") clears an optional field.

    Example: logbook edit 3f2a9c1e --role supervised --note "Closed the wound myself"
    """
    from logbook import actions
    from logbook.render.terminal import say

    given = dict(site=site, hours=hours, activity=activity, department=department, procedure=procedure, place=place,
                 category=category, role=role, count=count, supervisor=supervisor, note=note)
    changes = {k: v for k, v in given.items() if v is not None}
    if not changes and date is None:
        raise errors.LogbookError("nothing to change; give at least one option, e.g. --note TEXT (see `logbook edit --help`)")
    before, after = actions.edit_entry(_logbook(), ident, date, changes, outside=outside, allow_identifiers=allow_identifiers)
    changed = [k for k in after if after[k] != before.get(k) and k != "updated_at"]
    say(f"Updated {after['id'][:8]}: {', '.join(changed)}" if changed else f"{after['id'][:8]} already had those values.")


@app.command()
def delete(
    ident: Annotated[str, typer.Argument(metavar="ID", help="The entry's id, or its first characters.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete an entry (asks first; --yes skips the question).

    Example: logbook delete 3f2a9c1e --yes
    """
    from logbook import actions
    from logbook.entries import title
    from logbook.render.terminal import say

    def confirm(entry: dict) -> bool:
        if yes:
            return True
        if not sys.stdin.isatty():
            raise errors.LogbookError("delete asks for confirmation, and there is no terminal to ask on; add --yes")
        from rich.prompt import Confirm

        from logbook.render.terminal import console, text

        question = text(f"Delete {entry['kind']} {entry['id'][:8]} of {entry['date']}: {title(entry)}?")
        return Confirm.ask(question, console=console(stderr=True))

    entry = actions.delete_entry(_logbook(), ident, confirm)
    say(f"Deleted {entry['id'][:8]}." if entry else "Nothing deleted.")


@app.command()
def summary(from_: FromOpt = None, to: ToOpt = None) -> None:
    """The end-of-internship summary: attendance, hours by site, procedures by level, culture, notes.

    Example: logbook summary --from 2024-12-02 --to 2024-12-08
    """
    from datetime import date as Date

    from logbook.actions import need_internship
    from logbook.render.terminal import print_summary
    from logbook.summary import summarize

    book = _logbook().read()
    internship = need_internship(book)
    start, end = _date_option(from_, "from"), _date_option(to, "to")
    print_summary(summarize(internship, book.entries(), start and Date.fromisoformat(start), end and Date.fromisoformat(end)))


@app.command()
def export(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    format_: Annotated[str, typer.Option("--format", "-f", help="json, or jsonl: one entry per line with the internship's fields on each.")] = "json",
) -> None:
    """Export the internship and every entry as JSON (schema_version 1), or as JSON Lines.

    Example: logbook export --output my-internship.json
    """
    import orjson

    from logbook.exports import export_document
    from logbook.render.terminal import say
    from logbook.store import write_atomically

    if format_ not in ("json", "jsonl"):
        raise typer.BadParameter(f"{format_!r} is not an export format; use json or jsonl", param_hint="'--format'")
    book = _logbook().read()
    document = export_document(book.internship, book.entries())
    if format_ == "jsonl":
        from logbook.jsonl import export_lines

        payload = export_lines(document)
    else:
        payload = orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"
    if output is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        write_atomically(output, payload)
        say(f"Exported {len(book.entries())} entries to {output}")


@app.command("import")
def import_(file: Annotated[Path, typer.Argument(help="A JSON export made by `logbook export`.")]) -> None:
    """Import an export: all of it or, if anything is wrong, nothing. Importing twice adds nothing.

    Example: logbook import my-internship.json
    """
    import orjson

    from logbook import actions
    from logbook.render.terminal import say

    try:
        document = orjson.loads(file.read_bytes())
    except OSError as err:
        raise errors.LogbookError(f"cannot read {file}: {err.strerror}") from None
    except orjson.JSONDecodeError as err:
        raise errors.LogbookError(f"{file} is not valid JSON ({err}); nothing was imported") from None
    result = actions.import_document(_logbook(), document, str(file))
    say(f"Imported {file}: {result['added']} added, {result['updated']} updated, {result['unchanged']} already present.")


@app.command()
def demo(
    keep: Annotated[Optional[Path], typer.Option(help="Keep the demo logbook in this file instead of a temporary one.")] = None,
) -> None:
    """Log a realistic sample internship (Bukhara, twelve days) and print its summary.

    Example: logbook demo
    """
    import tempfile

    from logbook.demo import write_demo
    from logbook.render.terminal import print_summary, say
    from logbook.store import Logbook
    from logbook.summary import summarize

    with tempfile.TemporaryDirectory(prefix="logbook-demo-") as folder:
        target = keep or Path(folder) / "demo.json"
        logbook = Logbook(target)
        write_demo(logbook)
        book = logbook.read()
        print_summary(summarize(book.internship, book.entries()))
        say(f"Demo logbook: {target if keep else 'a temporary file, now removed (use --keep FILE to keep it)'}")


def run(argv: list[str] | None = None) -> None:
    """The console script: the one place that reads argv and decides the exit code."""
    sys.exit(main(argv))


def main(argv: list[str] | None = None) -> int:
    from typer import exceptions as typer_errors
    from typer._click import exceptions as click_errors

    _state.update(db=None, debug=os.environ.get("LOGBOOK_DEBUG", "") not in ("", "0"))
    args = sys.argv[1:] if argv is None else argv
    try:
        result = typer.main.get_command(app).main(args=args, prog_name="logbook", standalone_mode=False)
        return result if isinstance(result, int) else errors.OK
    except errors.LogbookError as err:
        _error(err.message)
        return err.exit_code
    except click_errors.NoArgsIsHelpError as err:
        print(err.format_message())
        return errors.USAGE
    except click_errors.UsageError as err:
        hint = f" (see `{err.ctx.command_path} --help`)" if err.ctx else ""
        _error(f"{err.format_message()}{hint}")
        return errors.USAGE
    except click_errors.ClickException as err:
        _error(err.format_message())
        return err.exit_code
    except (typer_errors.Abort, KeyboardInterrupt):
        _error("aborted; nothing was changed")
        return errors.REFUSED
    except BrokenPipeError:
        return errors.OK
    except Exception as err:  # noqa: BLE001 — the last line of defence prints one line, not a trace
        if _state["debug"]:
            raise
        _error(f"unexpected {type(err).__name__}; this is a bug in logbook. Rerun with --debug (or LOGBOOK_DEBUG=1) for the full trace")
        return errors.BUG


def _error(message: str) -> None:
    from logbook.render.terminal import error

    error(message)

from logbook import cli_cohort  # noqa: E402,F401  (registers `logbook cohort`)
