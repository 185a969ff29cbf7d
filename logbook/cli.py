"""The `logbook` command: parses options, calls the actions, turns refusals into exit codes."""

# No `from __future__ import annotations` in the CLI modules: Typer reads every parameter's annotations
# on each run, and string annotations cost an eval each (about 15 ms of every command's start-up).

import copy
import functools
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from logbook import completion, errors, version_line
from logbook.involvement import HELP as LEVELS_HELP


class KindGroup(TyperGroup):
    """`logbook add KIND`: an unknown kind is refused like any other bad value, naming the kinds."""

    def resolve_command(self, ctx, args):
        if args and not args[0].startswith("-") and self.get_command(ctx, args[0]) is None:
            from logbook.entries import parse_kind

            args = [parse_kind(args[0]), *args[1:]]  # 'Clinical' is clinical; 'surgery' is refused
        return super().resolve_command(ctx, args)


app = typer.Typer(
    name="logbook",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion; costs no measurable start-up time
    pretty_exceptions_show_locals=False,  # locals would print clinical text into a traceback
    rich_markup_mode=None,
)
add_app = typer.Typer(cls=KindGroup, invoke_without_command=True)
app.add_typer(add_app, name="add")

_state: dict = {"db": None, "debug": False, "settings": None}

# Options shared by several commands, defined once.
DateOpt = Annotated[Optional[str], typer.Option("--date", "-d", help="YYYY-MM-DD, DD.MM.YYYY, today, yesterday, a weekday, 'last monday', 'N days ago'. Default: today.")]
SiteOpt = Annotated[Optional[str], typer.Option("--site", "-s", help="Clinical base, e.g. 'Perinatal center'. Default: the site last used that day.", autocompletion=completion.complete_site)]
RoleOpt = Annotated[Optional[str], typer.Option("--role", "-r", help=f"Level of involvement: {LEVELS_HELP}.", autocompletion=completion.complete_level)]
SupervisorOpt = Annotated[Optional[str], typer.Option("--supervisor", help="Who supervised you. Default: the supervisor last named that day.", autocompletion=completion.complete_supervisor)]
NoteOpt = Annotated[Optional[str], typer.Option("--note", "-n", help="Free-text note (no patient identifiers).")]
HoursOpt = Annotated[Optional[str], typer.Option("--hours", "-H", help="Hours spent, more than 0 and at most 24 (e.g. 6, 7.5, 7:30).")]
CountOpt = Annotated[Optional[str], typer.Option("--count", "-c", help="How many times (default 1).")]
OutsideOpt = Annotated[bool, typer.Option("--outside", help="Allow a date outside the internship's first..last day.")]
AllowIdsOpt = Annotated[bool, typer.Option("--allow-identifiers", help="Store text that looks like a patient identifier (you confirm it is not one).")]
FromOpt = Annotated[Optional[str], typer.Option("--from", help="First day to include.")]
ToOpt = Annotated[Optional[str], typer.Option("--to", help="Last day to include.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table (keys in the README).")]
EditOpt = Annotated[bool, typer.Option("--edit", "-e", help="Write the note in $EDITOR (else nano, else vi).")]
IdArg = Annotated[str, typer.Argument(metavar="ID", help="The entry's id, or its first characters.", autocompletion=completion.complete_id)]


def _settings():
    """Options, environment and config file; the file is read the first time a setting needs it."""
    from logbook.config import Settings

    if _state["settings"] is None:
        _state["settings"] = Settings(options={"db": str(_state["db"]) if _state["db"] else None})
    return _state["settings"]


def _logbook():
    from logbook.store import Logbook, default_path

    chosen = _settings().get("db")
    return Logbook(Path(chosen).expanduser() if chosen else default_path())


def _date_format() -> str:
    return _settings().get("date_format")


def _version(value: bool) -> None:
    if value:
        print(version_line())
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[Optional[Path], typer.Option("--db", help="The logbook file (default: $LOGBOOK_DB, else `db` in the config file, else your data folder).", show_default=False)] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full trace of an unexpected error.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """An internship logbook for medical residents: clinical work, procedures and cultural visits.

    Exit codes: 0 ok, 1 refused input or not found, 2 usage, 70 a bug (rerun with --debug).

    Example: logbook add clinical -s "Perinatal center" -H 6 -a "Ward round"
    """
    _state["db"] = db
    _state["settings"] = None
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
    from logbook.render.plain import say

    profile, updated = actions.init_internship(
        _logbook(),
        {"resident": resident, "specialty": specialty, "host_institution": host, "start": start, "end": end, "home_institution": home},
    )
    say(f"{'Updated' if updated else 'Created'} the internship of {profile['resident']} at {profile['host_institution']}, "
        f"{profile['start']} to {profile['end']}.")


# How to give each required field on the command line, for the usage error when nobody can be asked.
_HOW_TO_GIVE = {"site": "--site", "hours": "--hours", "activity": "--activity", "role": "--role",
                "procedure": "the procedure NAME", "place": "the PLACE"}


def _add(kind: str, date: str | None, values: dict, outside: bool, allow_identifiers: bool, edit: bool = False) -> None:
    from logbook import actions
    from logbook.dates import show_day
    from logbook.entries import SHORT_ID, title
    from logbook.render.plain import say

    logbook = _logbook()
    draft = actions.draft_entry(logbook, kind, date, values, fallback=_site_setting(kind, values), outside=outside)
    filled = dict(draft.values)
    if draft.missing:
        if not sys.stdin.isatty():
            given = ", ".join(_HOW_TO_GIVE[f] for f in draft.missing)
            raise errors.MissingInput(
                f"a {kind} entry needs {given}, and there is no terminal to ask on (see `logbook add {kind} --help`)")
        from logbook.render.prompts import ask_fields

        filled.update(ask_fields(draft.missing, draft.known))
    if edit:
        from logbook.editor import edit_text

        about = filled.get("activity") or filled.get("procedure") or filled.get("place")
        day = show_day(draft.day.isoformat(), _date_format())
        filled["note"] = edit_text(filled.get("note"), [f"The note for your {kind} entry of {day}: {about}.",
                                                        "No patient identifiers: no names, record numbers or birth dates."])
    with _note_kept_if_refused(filled.get("note") if edit else None):
        entry = actions.add_entry(logbook, kind, draft.day.isoformat(), filled, outside=outside,
                                  allow_identifiers=allow_identifiers, on=draft.day)
    extra = ""
    if kind == "clinical":
        extra = f" ({entry['hours']:g} h at {entry['site']})"
    elif kind == "procedure":
        extra = f" ({entry['role']} ×{entry['count']})"
    say(f"Added {kind} {entry['id'][:SHORT_ID]} on {show_day(entry['date'], _date_format())}: {title(entry)}{extra}"
        + _defaults_used(draft.defaults))


@contextmanager
def _note_kept_if_refused(note: str | None):
    """A note just written in the editor is printed back if the entry is refused, so the writing is not lost."""
    try:
        yield
    except errors.LogbookError:
        if note:
            from logbook.render.terminal import console, text

            # Several lines on purpose: the resident copies the note back, so it is not squeezed into one.
            console(stderr=True).print(text(f"The note you wrote was not saved; here it is to copy:\n{note}"))
        raise


def _site_setting(kind: str, values: dict) -> dict:
    """The site setting as a fallback for an entry that has a site and was given none (reads config only then)."""
    if values.get("site") is not None or kind == "cultural":
        return {}
    site, source = _settings().lookup("site")
    if site is None:
        return {}
    return {"site": (site, "from $LOGBOOK_SITE" if source == "environment" else "from the config file")}


def _defaults_used(defaults: dict[str, tuple[str, str]]) -> str:
    """'. Defaults used: site "X", supervisor "Y" (as earlier that day).' or nothing."""
    by_source: dict[str, list[str]] = {}
    for field, (value, source) in defaults.items():
        by_source.setdefault(source, []).append(f'{field} "{value}"')
    used = "; ".join(f"{', '.join(fields)} ({source})" for source, fields in by_source.items())
    return f". Defaults used: {used}." if used else ""


@add_app.callback()
def add(ctx: typer.Context) -> None:
    """Log an entry: clinical participation, a procedure or a cultural visit.

    On a terminal, `logbook add` alone asks for the kind and then for each required field,
    offering the sites and names you logged before. The site and supervisor you last used on
    a day are the defaults for that day's next entry.

    Example: logbook add procedure "Caesarean section" -r observed
    """
    if ctx.invoked_subcommand is not None:
        return
    if not sys.stdin.isatty():
        raise errors.MissingInput(
            "logbook add needs the kind of entry: clinical, procedure or cultural, and there is no terminal to ask on "
            "(see `logbook add --help`)")
    from logbook.actions import need_internship
    from logbook.render.prompts import ask_kind

    need_internship(_logbook().read())  # say so before asking anything

    _add(ask_kind(), None, {}, outside=False, allow_identifiers=False)


@add_app.command("clinical")
def add_clinical(
    site: SiteOpt = None,
    hours: HoursOpt = None,
    activity: Annotated[Optional[str], typer.Option("--activity", "-a", help="What you did: ward round, diagnostics, theatre, night shift…")] = None,
    department: Annotated[Optional[str], typer.Option(help="Department within the site.")] = None,
    role: RoleOpt = None,
    supervisor: SupervisorOpt = None,
    note: NoteOpt = None,
    edit: EditOpt = False,
    date: DateOpt = None,
    outside: OutsideOpt = False,
    allow_identifiers: AllowIdsOpt = False,
) -> None:
    """Log clinical participation: where, how long, what you did, under whom.

    Fields you leave out that an entry needs (site, hours, activity) are asked for on a terminal.

    Example: logbook add clinical --site "Perinatal center" --hours 6 --activity "Ward round" --supervisor "Dr. Rakhimov"
    """
    _add("clinical", date, dict(site=site, hours=hours, activity=activity, department=department, role=role,
                                supervisor=supervisor, note=note), outside, allow_identifiers, edit)


@add_app.command("procedure")
def add_procedure(
    name: Annotated[Optional[str], typer.Argument(help="The procedure, e.g. 'Caesarean section' (asked for on a terminal if left out).", show_default=False, autocompletion=completion.complete_procedure)] = None,
    role: RoleOpt = None,
    site: SiteOpt = None,
    count: CountOpt = None,
    supervisor: SupervisorOpt = None,
    note: NoteOpt = None,
    edit: EditOpt = False,
    date: DateOpt = None,
    outside: OutsideOpt = False,
    allow_identifiers: AllowIdsOpt = False,
) -> None:
    """Log a procedure you observed or took part in, with your level of involvement.

    Example: logbook add procedure "Caesarean section" -r assisted -s "Perinatal center"
    """
    _add("procedure", date, dict(procedure=name, role=role, site=site, count=count, supervisor=supervisor, note=note),
         outside, allow_identifiers, edit)


@add_app.command("cultural")
def add_cultural(
    place: Annotated[Optional[str], typer.Argument(help="The place, e.g. 'Poi Kalyan' (asked for on a terminal if left out).", show_default=False, autocompletion=completion.complete_place)] = None,
    category: Annotated[Optional[str], typer.Option(help="landmark, museum, mosque, madrasa, bazaar, performance…")] = None,
    note: NoteOpt = None,
    edit: EditOpt = False,
    date: DateOpt = None,
    outside: OutsideOpt = False,
    allow_identifiers: AllowIdsOpt = False,
) -> None:
    """Log a cultural visit: a landmark, mosque, madrasa, museum, bazaar or performance.

    Example: logbook add cultural "Ark of Bukhara" --category landmark
    """
    _add("cultural", date, dict(place=place, category=category, note=note), outside, allow_identifiers, edit)


def _date_option(text: str | None, field: str) -> str | None:
    from logbook.dates import parse_date, today

    return parse_date(text, today(), field, future=True).isoformat() if text is not None else None


@app.command("list")
def list_entries(
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", help="clinical, procedure or cultural.", autocompletion=completion.complete_kind)] = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    site: Annotated[Optional[str], typer.Option("--site", "-s", help="Only entries whose site contains this text.", autocompletion=completion.complete_site)] = None,
    search: Annotated[Optional[str], typer.Option(help="Only entries whose text contains this.")] = None,
    json: JsonOpt = False,
) -> None:
    """List entries, oldest first, with the id that show, edit and delete accept.

    With --json, prints a JSON array of the entries exactly as `logbook export` writes them.

    Example: logbook list --kind procedure --from 2024-12-02 --to 2024-12-06
    """
    from logbook.entries import in_date_order, matches, parse_kind, short_id_length

    wanted = parse_kind(kind) if kind else None
    start, end = _date_option(from_, "from"), _date_option(to, "to")
    book = _logbook().read()
    everything = book.entries()
    chosen = in_date_order([e for e in everything if matches(e, wanted, start, end, site, search)])
    if json:
        from logbook.render.json_output import print_json

        print_json(chosen)
        return
    from logbook.render.listing import print_entries

    print_entries(chosen, short_id_length(everything), _date_format())


@app.command()
def show(ident: IdArg, json: JsonOpt = False) -> None:
    """Show one entry in full; with --json, the entry as `logbook export` writes it.

    Example: logbook show 3f2a9c1e
    """
    from logbook.entries import find

    entry = find(_logbook().read().entries(), ident)
    if json:
        from logbook.render.json_output import print_json

        print_json(entry)
        return
    from logbook.render.terminal import print_entry

    print_entry(entry, _date_format())


@app.command()
def edit(
    ident: IdArg,
    date: Annotated[Optional[str], typer.Option("--date", "-d", help="Move the entry to another day.")] = None,
    site: SiteOpt = None,
    hours: HoursOpt = None,
    activity: Annotated[Optional[str], typer.Option("--activity", "-a", help="Clinical activity.")] = None,
    department: Annotated[Optional[str], typer.Option(help="Department within the site.")] = None,
    procedure: Annotated[Optional[str], typer.Option(help="Procedure name.", autocompletion=completion.complete_procedure)] = None,
    place: Annotated[Optional[str], typer.Option(help="Place of a cultural visit.", autocompletion=completion.complete_place)] = None,
    category: Annotated[Optional[str], typer.Option(help="Category of a cultural visit.")] = None,
    role: RoleOpt = None,
    count: CountOpt = None,
    supervisor: SupervisorOpt = None,
    note: NoteOpt = None,
    edit: EditOpt = False,
    outside: OutsideOpt = False,
    allow_identifiers: AllowIdsOpt = False,
) -> None:
    """Change fields of an entry; an empty value ("") clears an optional field.

    --edit opens the entry's note in $EDITOR; saving it unchanged or empty changes nothing.

    Example: logbook edit 3f2a9c1e --role supervised --note "Closed the wound myself"
    """
    from logbook import actions
    from logbook.render.plain import say

    given = dict(site=site, hours=hours, activity=activity, department=department, procedure=procedure, place=place,
                 category=category, role=role, count=count, supervisor=supervisor, note=note)
    changes = {k: v for k, v in given.items() if v is not None}
    if not changes and date is None and not edit:
        raise errors.LogbookError("nothing to change; give at least one option, e.g. --note TEXT (see `logbook edit --help`)")
    logbook = _logbook()
    if edit:
        from logbook.dates import show_day
        from logbook.editor import edit_text
        from logbook.entries import find, title

        entry = find(logbook.read().entries(), ident)
        changes["note"] = edit_text(note if note is not None else entry.get("note"), [
            f"The note of your {entry['kind']} entry of {show_day(entry['date'], _date_format())}: {title(entry)}.",
            "No patient identifiers: no names, record numbers or birth dates."])
    with _note_kept_if_refused(changes.get("note") if edit else None):
        before, after = actions.edit_entry(logbook, ident, date, changes, outside=outside, allow_identifiers=allow_identifiers)
    changed = [k for k in after if after[k] != before.get(k) and k != "updated_at"]
    say(f"Updated {after['id'][:8]}: {', '.join(changed)}" if changed else f"{after['id'][:8]} already had those values.")


@app.command()
def delete(
    ident: IdArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete an entry (asks first; --yes skips the question).

    Example: logbook delete 3f2a9c1e --yes
    """
    from logbook import actions
    from logbook.entries import title
    from logbook.render.plain import say

    def confirm(entry: dict) -> bool:
        if yes:
            return True
        if not sys.stdin.isatty():
            raise errors.LogbookError("delete asks for confirmation, and there is no terminal to ask on; add --yes")
        from logbook.render.prompts import ask_yes_no

        return ask_yes_no(f"Delete {entry['kind']} {entry['id'][:8]} of {entry['date']}: {title(entry)}?")

    entry = actions.delete_entry(_logbook(), ident, confirm)
    say(f"Deleted {entry['id'][:8]}." if entry else "Nothing deleted.")


@app.command()
def export(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    format_: Annotated[str, typer.Option("--format", "-f", help="json, or jsonl: one entry per line with the internship's fields on each.")] = "json",
) -> None:
    """Export the internship and every entry as JSON (schema_version 1), or as JSON Lines.

    Example: logbook export --output my-internship.json
    """
    from logbook.exports import export_document
    from logbook.render.json_output import json_bytes
    from logbook.render.plain import say
    from logbook.store import write_atomically

    if format_ not in ("json", "jsonl"):
        raise typer.BadParameter(f"{format_!r} is not an export format; use json or jsonl", param_hint="'--format'")
    book = _logbook().read()
    document = export_document(book.internship, book.entries(), book.targets(), book.reflections())
    if format_ == "jsonl":
        from logbook.jsonl import export_lines
        from logbook.render.safe import inert_json

        payload = inert_json(export_lines(document))
    else:
        payload = json_bytes(document)
    if output is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        write_atomically(output, payload)
        say(f"Exported {len(book.entries())} entries to {output}")


@app.command("import")
def import_(file: Annotated[Path, typer.Argument(help="An export made by `logbook export`: JSON, or JSON Lines (--format jsonl).")],
            allow_identifiers: AllowIdsOpt = False) -> None:
    """Import an export: all of it or, if anything is wrong, nothing. Importing twice adds nothing.

    Example: logbook import my-internship.json
    """
    from logbook import actions
    from logbook.exports import document_of
    from logbook.render.plain import say
    from logbook.render.terminal import track

    try:
        data = file.read_bytes()
    except OSError as err:
        raise errors.LogbookError(f"cannot read {file}: {err.strerror}") from None
    document = document_of(data, str(file))
    result = actions.import_document(_logbook(), document, str(file),
                                     lambda entries: track(entries, f"Checking {len(entries)} entries"),
                                     allow_identifiers=allow_identifiers)
    extra = "".join(f", {result[k]} {k} added or updated" for k in ("targets", "reflections") if result[k])
    say(f"Imported {file}: {result['added']} added, {result['updated']} updated, {result['unchanged']} already present{extra}.")


@app.command()
def demo(
    keep: Annotated[Optional[Path], typer.Option(help="Keep the demo logbook in this file instead of a temporary one.")] = None,
    format_: Annotated[Optional[str], typer.Option("--format", "-f", help="Report format: text, md, html, csv or json.")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.")] = None,
) -> None:
    """Log a realistic sample internship (Bukhara, twelve days) and print its report.

    Example: logbook demo --format html --output demo-report.html
    """
    import tempfile

    from logbook.dates import today
    from logbook.cli_report import report_format, write_report
    from logbook.demo import write_demo
    from logbook.render.plain import say
    from logbook.store import Logbook
    from logbook.summary import summarize

    fmt = report_format(format_, output)
    with tempfile.TemporaryDirectory(prefix="logbook-demo-") as folder:
        target = keep or Path(folder) / "demo.json"
        logbook = Logbook(target)
        write_demo(logbook)
        book = logbook.read()
        write_report(summarize(book.internship, book.entries(), targets=book.targets(), reflections=book.reflections(),
                               today=today()), fmt, output)
        say(f"Demo logbook: {target if keep else 'a temporary file, now removed (use --keep FILE to keep it)'}")


def run(argv: list[str] | None = None) -> None:
    """The console script: the one place that reads argv and decides the exit code."""
    sys.exit(main(argv))


def _command(args: list[str]):
    return _built(_named_command(args))


@functools.cache
def _built(name: str | None):
    # Typer reads every command's signature to build the app (~10 ms): build only the one being run.
    target = app
    if name is not None:
        target = copy.copy(app)
        target.registered_commands = [c for c in app.registered_commands if _name_of(c) == name]
        target.registered_groups = [g for g in app.registered_groups if g.name == name]
    command = typer.main.get_command(target)
    _examples_last(command)
    return command


def _named_command(args: list[str]) -> str | None:
    """The command that args name after the global options, if it is one of ours; else None (the whole app)."""
    words = iter(args)
    for word in words:
        if word == "--db":
            next(words, None)
        elif not (word.startswith("--db=") or word == "--debug"):
            break
    else:
        return None
    known = {_name_of(c) for c in app.registered_commands} | {g.name for g in app.registered_groups}
    return word if word in known else None


def _name_of(command) -> str:
    return command.name or command.callback.__name__.replace("_", "-")


def main(argv: list[str] | None = None) -> int:
    from typer import exceptions as typer_errors
    from typer._click import exceptions as click_errors

    _state.update(db=None, settings=None, debug=os.environ.get("LOGBOOK_DEBUG", "") not in ("", "0"))
    args = sys.argv[1:] if argv is None else argv
    try:
        result = _command(args).main(args=args, prog_name="logbook", standalone_mode=False)
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
        from logbook.cli_data import damage_in_logbook

        if damage := damage_in_logbook():  # damaged data, not a bug: say so and point to `logbook doctor`
            _error(damage)
            return errors.REFUSED
        _error(f"unexpected {type(err).__name__}; this is a bug in logbook. Rerun with --debug (or LOGBOOK_DEBUG=1) for the full trace")
        return errors.BUG


def _examples_last(command) -> None:
    """Move each docstring's closing "Example:" paragraph below the options, unwrapped, so --help ends with it."""
    head, marker, example = (command.help or "").rpartition("\n\nExample: ")
    if marker:
        command.help = head
        command.epilog = "\b\nExample: " + example.strip()  # \b: Click keeps the line as written
    for sub in getattr(command, "commands", {}).values():
        _examples_last(sub)


def _error(message: str) -> None:
    from logbook.render.terminal import error

    error(message)


from logbook import cli_data  # noqa: E402,F401 — registers doctor, backup and restore
from logbook import cli_report  # noqa: E402,F401 — registers the report commands (targets, reflect, day, summary, verify)
import logbook.cli_config  # noqa: E402,F401 — registers `logbook config`
from logbook import cli_cohort  # noqa: E402,F401  (registers `logbook cohort`)
