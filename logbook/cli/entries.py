"""Commands that log and look up entries: init, add, list, show, edit, delete and day."""

# No `from __future__ import annotations` in the CLI modules: Typer reads every parameter's annotations
# on each run, and string annotations cost an eval each.

import sys
from contextlib import contextmanager
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup  # public: the base Typer(cls=...) documents for a custom group

from logbook import errors
from logbook.cli import completion
from logbook.cli import context
from logbook.cli.names import settle_names, with_renamed
from logbook.cli.options import (AgainOpt, AllowIdsOpt, AsTypedOpt, CategoryOpt, CountOpt, DateOpt, EditOpt, FromOpt, HoursOpt, IdArg, JsonOpt, NoteOpt,
                                 OutsideOpt, RoleOpt, SiteOpt, SupervisorOpt, ToOpt)


class KindGroup(TyperGroup):
    """`logbook add KIND`: an unknown kind is refused like any other bad value, naming the kinds."""

    def resolve_command(self, ctx, args):
        if args and not args[0].startswith("-") and self.get_command(ctx, args[0]) is None:
            from logbook.domain.entries import parse_kind

            args = [parse_kind(args[0]), *args[1:]]  # 'Clinical' is clinical; 'surgery' is refused
        return super().resolve_command(ctx, args)


add_app = typer.Typer(cls=KindGroup, invoke_without_command=True)


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

    Example: logbook init --resident "Dilnoza Karimova" --specialty "Pediatric surgery" --host "Bukhara State Medical Institute" --start 2024-12-02 --end 2024-12-13
    """
    from logbook.services import log
    from logbook.render.terminal.messages import say

    logbook = context.logbook()
    values = {"resident": resident, "specialty": specialty, "host_institution": host, "start": start, "end": end,
              "home_institution": home}
    if missing := log.profile_missing(logbook, values):
        from logbook.domain.internship import IN_WORDS, OPTIONS

        if not sys.stdin.isatty():
            raise errors.MissingInput(f"missing: {', '.join(IN_WORDS[f] for f in missing)}; give "
                                      f"{', '.join(OPTIONS[f] for f in missing)} (see `logbook init --help`)")
        from logbook.render.terminal.prompts import ask_profile

        values.update(ask_profile(missing, log.profile_start(logbook, start)))
    profile, updated = log.init_internship(logbook, values, allow_identifiers=allow_identifiers)
    say(f"{'Updated' if updated else 'Created'} the internship of {profile['resident']} at {profile['host_institution']}, "
        f"{profile['start']} to {profile['end']}.")


# How to give each required field on the command line, for the usage error when nobody can be asked.
_HOW_TO_GIVE = {"site": "--site", "hours": "--hours", "activity": "--activity", "role": "--role",
                "procedure": "the procedure NAME", "place": "the PLACE"}


def _add(kind: str, date: str | None, values: dict, outside: bool, allow_identifiers: bool, edit: bool = False,
         as_typed: bool = False, again: bool = False) -> None:
    from logbook.services import log
    from logbook.domain.dates import show_day
    from logbook.domain.entries import SHORT_ID, title
    from logbook.render.terminal.messages import say

    logbook = context.logbook()
    draft, entry = log.log_entry(logbook, kind, date, values, fallback=_site_setting(kind, values), outside=outside,
                                 allow_identifiers=allow_identifiers, asks=edit, as_typed=as_typed, again=again,
                                 asks_slips=sys.stdin.isatty())
    if entry is None:
        entry = _ask_then_add(logbook, draft, kind, outside, allow_identifiers, edit, as_typed, again)
    extra = ""
    if kind == "clinical":
        extra = f" ({entry['hours']:g} h at {entry['site']})"
    elif kind == "procedure":
        extra = f" ({entry['role']} ×{entry['count']})"
    say(with_renamed(f"Added {kind} {entry['id'][:SHORT_ID]} on {show_day(entry['date'], context.date_format())}: "
                     f"{title(entry)}{extra}" + _defaults_used(draft.defaults), draft.renamed))


def _ask_then_add(logbook, draft, kind: str, outside: bool, allow_identifiers: bool, edit: bool, as_typed: bool,
                  again: bool) -> dict:
    """Ask for what is missing, about a likely slip in a name, and for the note in the editor; then log the entry."""
    from logbook.domain.dates import show_day
    from logbook.services import log

    filled = dict(draft.values)
    if draft.missing:
        if not sys.stdin.isatty():
            given = ", ".join(_HOW_TO_GIVE[f] for f in draft.missing)
            raise errors.MissingInput(
                f"a {kind} entry needs {given}, and there is no terminal to ask on (see `logbook add {kind} --help`)")
        from logbook.render.terminal.prompts import ask_fields

        filled.update(ask_fields(draft.missing, draft.known))
    named = settle_names(logbook, filled, as_typed, draft.day_entries)
    filled, draft.renamed = named.values, named.renamed
    if edit:
        from logbook.cli.editor import edit_text

        about = filled.get("activity") or filled.get("procedure") or filled.get("place")
        day = show_day(draft.day.isoformat(), context.date_format())
        filled["note"] = edit_text(filled.get("note"), [f"The note for your {kind} entry of {day}: {about}.",
                                                        "No patient identifiers: no names, record numbers or birth dates."])
    with _note_kept_if_refused(filled.get("note") if edit else None):
        return log.add_entry(logbook, kind, draft.day.isoformat(), filled, outside=outside,
                             allow_identifiers=allow_identifiers, on=draft.day, again=again, carried=draft.defaults)


@contextmanager
def _note_kept_if_refused(note: str | None):
    """A note just written in the editor is printed back if the entry is refused, so the writing is not lost."""
    try:
        yield
    except errors.LogbookError:
        if note:
            from logbook.render.terminal.console import console, text

            # Several lines on purpose: the resident copies the note back, so it is not squeezed into one.
            console(stderr=True).print(text(f"The note you wrote was not saved; here it is to copy:\n{note}"))
        raise


def _site_setting(kind: str, values: dict) -> dict:
    """The site setting as a fallback for an entry that has a site and was given none (reads config only then)."""
    if values.get("site") is not None or kind == "cultural":
        return {}
    site, source = context.settings().lookup("site")
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
    from logbook.render.terminal.prompts import ask_kind
    from logbook.services import records

    records.internship(context.logbook())  # say so before asking anything

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
    as_typed: AsTypedOpt = False,
    again: AgainOpt = False,
) -> None:
    """Log clinical participation: where, how long, what you did, under whom.

    Fields you leave out that an entry needs (site, hours, activity) are asked for on a terminal.

    Example: logbook add clinical --site "Perinatal center" --hours 6 --activity "Ward round" --supervisor "Dr. Rakhimov"
    """
    _add("clinical", date, dict(site=site, hours=hours, activity=activity, department=department, role=role,
                                supervisor=supervisor, note=note), outside, allow_identifiers, edit, as_typed, again)


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
    as_typed: AsTypedOpt = False,
    again: AgainOpt = False,
) -> None:
    """Log a procedure you observed or took part in, with your level of involvement.

    Example: logbook add procedure "Caesarean section" -r assisted -s "Perinatal center"
    """
    _add("procedure", date, dict(procedure=name, role=role, site=site, count=count, supervisor=supervisor, note=note),
         outside, allow_identifiers, edit, as_typed, again)


@add_app.command("cultural")
def add_cultural(
    place: Annotated[Optional[str], typer.Argument(help="The place, e.g. 'Poi Kalyan' (asked for on a terminal if left out).", show_default=False, autocompletion=completion.complete_place)] = None,
    category: CategoryOpt = None,
    note: NoteOpt = None,
    edit: EditOpt = False,
    date: DateOpt = None,
    outside: OutsideOpt = False,
    allow_identifiers: AllowIdsOpt = False,
    as_typed: AsTypedOpt = False,
    again: AgainOpt = False,
) -> None:
    """Log a cultural visit: a landmark, mosque, madrasa, museum, bazaar or performance.

    Example: logbook add cultural "Ark of Bukhara" --category landmark
    """
    _add("cultural", date, dict(place=place, category=category, note=note), outside, allow_identifiers, edit, as_typed, again)


def list_entries(
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", help="clinical, procedure or cultural.", autocompletion=completion.complete_kind)] = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    site: Annotated[Optional[str], typer.Option("--site", "-s", help="Only entries whose site contains this text.", autocompletion=completion.complete_site)] = None,
    search: Annotated[Optional[str], typer.Option(help="Only entries whose text contains this.")] = None,
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
    chosen, id_length = records.entries_matching(context.logbook(), kind, start, end, site, search)
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
    site: SiteOpt = None,
    hours: HoursOpt = None,
    activity: Annotated[Optional[str], typer.Option("--activity", "-a", help="Clinical activity.")] = None,
    department: Annotated[Optional[str], typer.Option(help="Department within the site.")] = None,
    procedure: Annotated[Optional[str], typer.Option(help="Procedure name.", autocompletion=completion.complete_procedure)] = None,
    place: Annotated[Optional[str], typer.Option(help="Place of a cultural visit.", autocompletion=completion.complete_place)] = None,
    category: CategoryOpt = None,
    role: RoleOpt = None,
    count: CountOpt = None,
    supervisor: SupervisorOpt = None,
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

    given = dict(site=site, hours=hours, activity=activity, department=department, procedure=procedure, place=place,
                 category=category, role=role, count=count, supervisor=supervisor, note=note)
    changes = {k: v for k, v in given.items() if v is not None}
    if not changes and date is None and not edit:
        raise errors.LogbookError("nothing to change; give at least one option, e.g. --note TEXT (see `logbook edit --help`)")
    logbook = context.logbook()
    named = settle_names(logbook, changes, as_typed)
    changes = named.values
    if edit:
        from logbook.domain.dates import show_day
        from logbook.cli.editor import edit_text
        from logbook.domain.entries import title
        from logbook.services import records

        entry = records.entry(logbook, ident)
        changes["note"] = edit_text(note if note is not None else entry.get("note"), [
            f"The note of your {entry['kind']} entry of {show_day(entry['date'], context.date_format())}: {title(entry)}.",
            "No patient identifiers: no names, record numbers or birth dates."])
    with _note_kept_if_refused(changes.get("note") if edit else None):
        before, after = log.edit_entry(logbook, ident, date, changes, outside=outside, allow_identifiers=allow_identifiers)
    changed = [k for k in after if after[k] != before.get(k) and k != "updated_at"]
    say(with_renamed(f"Updated {after['id'][:8]}: {', '.join(changed)}" if changed
                     else f"{after['id'][:8]} already had those values.", named.renamed))


def delete(
    ident: IdArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete an entry (asks first; --yes skips the question).

    Example: logbook delete 3f2a9c1e --yes
    """
    from logbook.services import log
    from logbook.domain.entries import title
    from logbook.render.terminal.messages import say

    def confirm(entry: dict) -> bool:
        if yes:
            return True
        if not sys.stdin.isatty():
            raise errors.LogbookError("delete asks for confirmation, and there is no terminal to ask on; add --yes")
        from logbook.render.terminal.prompts import ask_yes_no

        return ask_yes_no(f"Delete {entry['kind']} {entry['id'][:8]} of {entry['date']}: {title(entry)}?")

    entry = log.delete_entry(context.logbook(), ident, confirm)
    say(f"Deleted {entry['id'][:8]}." if entry else "Nothing deleted.")


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


COMMANDS = {"init": init, "add": add_app, "list": list_entries, "show": show, "edit": edit, "delete": delete, "day": day}
