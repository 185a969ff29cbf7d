"""The internship's profile and the entries once logged: init, list, show, day, edit and delete."""

# No `from __future__ import annotations` in the CLI modules: Typer reads every parameter's annotations
# on each run, and string annotations cost an eval each.

import sys
from typing import Annotated, Optional

import typer

from logbook import errors
from logbook.cli import completion
from logbook.cli import context
from logbook.cli.editor import note_kept_if_refused
from logbook.cli.names import settle_names
from logbook.cli.options import (AllowIdsOpt, AsTypedOpt, CategoryOpt, CountOpt, DetailsOpt, EditOpt, FromOpt, HoursOpt, IdArg, JsonOpt, NoteOpt,
                                 OutsideOpt, RoleOpt, ToOpt)


def init(
    resident: Annotated[Optional[str], typer.Option(help="Your name as it should appear on the summary.")] = None,
    specialty: Annotated[Optional[str], typer.Option(help="Your specialty, e.g. 'Pediatric surgery'.")] = None,
    host: Annotated[Optional[str], typer.Option(help="The host institution.")] = None,
    start: Annotated[Optional[str], typer.Option(help="The internship's first day.")] = None,
    end: Annotated[Optional[str], typer.Option(help="The internship's last day.")] = None,
    home: Annotated[Optional[str], typer.Option(help="Your home institution.")] = None,
    allow_identifiers: AllowIdsOpt = False,
) -> None:
    """Create the internship profile, or update it (options not given keep their value).

    On a terminal it asks for each required field not given; without one, one line names them all.

    Example: logbook init --resident "Dilnoza Karimova" --specialty "Pediatric surgery" --host "Bukhara State Medical Institute" --start 2024-12-02 --end 2024-12-13
    """
    from logbook.services import log
    from logbook.render.terminal.messages import say

    logbook = context.logbook()
    values = {"resident": resident, "specialty": specialty, "host_institution": host, "start": start, "end": end,
              "home_institution": home}
    if missing := log.profile_missing(logbook, values, can_ask=sys.stdin.isatty()):
        from logbook.render.terminal.prompts import ask_profile

        values.update(ask_profile(missing, log.profile_start(logbook, start)))
    profile, updated, outside = log.init_internship(logbook, values, allow_identifiers=allow_identifiers)
    from logbook.render.terminal.sentences import internship_saved, outside_dates

    say(internship_saved(profile, updated))
    if note := outside_dates(profile, outside):
        say(note)


def list_entries(
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", help="clinical, procedure or cultural.", autocompletion=completion.complete_kind)] = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    site: Annotated[Optional[str], typer.Option("--site", "-s", help="Only entries whose site contains this text.", autocompletion=completion.complete_site)] = None,
    search: Annotated[Optional[str], typer.Option(help="Only entries whose text contains this, or whose procedure it names ('lscs' finds every Caesarean section).")] = None,
    procedure: Annotated[Optional[str], typer.Option("--procedure", "-p", help="Only procedures whose name contains this, or that it names as the catalogue does.", autocompletion=completion.complete_procedure)] = None,
    all_: Annotated[bool, typer.Option("--all", "-a", help="Every matching entry, not only the newest 200.")] = False,
    json: JsonOpt = False,
) -> None:
    """List entries, oldest first, with the id that show, edit and delete accept.

    The newest 200 matching entries are shown (--all shows every one); on a terminal a long list opens
    in your pager. With --json, prints a JSON array of every matching entry exactly as `logbook export` writes them.

    Example: logbook list --kind procedure --from 2024-12-02 --to 2024-12-06
    """
    from logbook.services import records

    start, end = context.date_option(from_, "from"), context.date_option(to, "to")
    chosen, id_length = records.entries_matching(context.logbook(), kind, start, end, site, search, procedure)
    if json:
        from logbook.render.files.json_data import print_json

        print_json(chosen)
        return
    from logbook.render.terminal.entries import print_entries

    print_entries(chosen, id_length, context.date_format(), kind=kind, everything=all_)


def show(ident: IdArg, json: JsonOpt = False) -> None:
    """Show one entry in full; with --json, the entry as `logbook export` writes it.

    Example: logbook show 3f2a9c1e
    """
    from logbook.services import records

    entry = records.entry(context.logbook(), ident)
    if json:
        from logbook.render.files.json_data import print_json

        print_json(entry)
        return
    from logbook.render.terminal.entries import print_entry

    print_entry(entry, context.date_format())


def edit(
    ident: IdArg,
    date: Annotated[Optional[str], typer.Option("--date", "-d", help="Move the entry to another day.")] = None,
    site: Annotated[Optional[str], typer.Option("--site", "-s", help="Clinical base.", autocompletion=completion.complete_site)] = None,
    hours: HoursOpt = None,
    activity: Annotated[Optional[str], typer.Option("--activity", "-a", help="Clinical activity.")] = None,
    department: Annotated[Optional[str], typer.Option(help="Department within the site.")] = None,
    procedure: Annotated[Optional[str], typer.Option(help="Procedure name.", autocompletion=completion.complete_procedure)] = None,
    details: DetailsOpt = None,
    place: Annotated[Optional[str], typer.Option(help="Place of a cultural visit.", autocompletion=completion.complete_place)] = None,
    category: CategoryOpt = None,
    role: RoleOpt = None,
    count: CountOpt = None,
    supervisor: Annotated[Optional[str], typer.Option("--supervisor", help="Who supervised you.", autocompletion=completion.complete_supervisor)] = None,
    note: NoteOpt = None,
    edit: EditOpt = False,
    outside: OutsideOpt = False,
    allow_identifiers: AllowIdsOpt = False,
    as_typed: AsTypedOpt = False,
) -> None:
    """Change fields of an entry; an empty value ("") clears an optional field.

    --edit opens the entry's note in $EDITOR; saving it unchanged or empty changes nothing.

    Example: logbook edit 3f2a9c1e --role supervised --note "Closed the wound myself"
    """
    from logbook.services import log
    from logbook.render.terminal.messages import say

    given = dict(site=site, hours=hours, activity=activity, department=department, procedure=procedure, details=details,
                 place=place, category=category, role=role, count=count, supervisor=supervisor, note=note)
    changes = {k: v for k, v in given.items() if v is not None}
    if not changes and date is None and not edit:
        raise errors.LogbookError("nothing to change; give at least one option, e.g. --note TEXT (see `logbook edit --help`)")
    logbook = context.logbook()
    named = settle_names(logbook, changes, as_typed, phrases=True)
    changes = named.values
    note_was = log.UNCHECKED
    if edit:
        from logbook.cli.editor import edit_text
        from logbook.render.terminal.sentences import note_guidance
        from logbook.services import records

        entry = records.entry(logbook, ident)
        ident, note_was = entry["id"], entry.get("note")  # what the editor starts from, checked again when saving
        changes["note"] = edit_text(note if note is not None else entry.get("note"),
                                    note_guidance(entry, context.date_format(), new=False))
    from logbook.cli.editor import saved_unless_changed

    with note_kept_if_refused(changes.get("note") if edit else None):
        before, after = saved_unless_changed(
            lambda was: log.edit_entry(logbook, ident, date, changes, outside=outside, allow_identifiers=allow_identifiers,
                                       note_was=was), note_was, "note")
    changed = [k for k in after if after[k] != before.get(k) and k != "updated_at"]
    from logbook.render.terminal.sentences import entry_updated, with_renamed

    say(with_renamed(entry_updated(after, changed), named.renamed, named.parts))


def delete(
    ident: IdArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete an entry (asks first; --yes skips the question).

    Example: logbook delete 3f2a9c1e --yes
    """
    from logbook.services import log
    from logbook.render.terminal.messages import say
    from logbook.render.terminal.sentences import deleted

    logbook, shown = context.logbook(), None
    if not yes:
        from logbook.services import records

        shown = records.entry(logbook, ident)
        if not sys.stdin.isatty():
            raise errors.LogbookError("delete asks for confirmation, and there is no terminal to ask on; add --yes")
        from logbook.render.terminal.prompts import ask_yes_no
        from logbook.render.terminal.sentences import delete_question

        # Asked with the logbook unlocked: a question left open blocks no other command; the entry is checked again after.
        if not ask_yes_no(delete_question(shown)):
            say(deleted(None))
            return
    say(deleted(log.delete_entry(logbook, ident, shown)))


def day(
    when: Annotated[Optional[str], typer.Argument(metavar="DATE", help="The day (default: today).", show_default=False)] = None,
    json: JsonOpt = False,
) -> None:
    """Everything logged on one day: its entries and its reflection.

    Example: logbook day 2024-12-05
    """
    from logbook.render.terminal.entries import print_day
    from logbook.services import records

    chosen = context.date_option("today" if when is None else when, "date")
    entries, reflection, id_length = records.day_record(context.logbook(), chosen)
    if json:
        from logbook.render.files.json_data import print_json

        print_json({"date": chosen, "entries": entries, "reflection": reflection})
        return
    print_day(chosen, entries, reflection, id_length, context.date_format())


COMMANDS = {"init": init, "list": list_entries, "show": show, "edit": edit, "delete": delete, "day": day}
