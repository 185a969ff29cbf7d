"""`logbook add`: log an entry of one kind (clinical, procedure, cultural), asking on a terminal for what is missing."""

# No `from __future__ import annotations` in the CLI modules: Typer reads every parameter's annotations
# on each run, and string annotations cost an eval each.

import sys
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup  # public: the base Typer(cls=...) documents for a custom group

from logbook import errors
from logbook.cli import completion
from logbook.cli import context
from logbook.cli.editor import note_kept_if_refused
from logbook.cli.names import settle_level, settle_names, settle_word
from logbook.cli.options import (AgainOpt, AllowIdsOpt, AsTypedOpt, CategoryOpt, CountOpt, DateOpt, DetailsOpt, EditOpt, HoursOpt, NoteOpt,
                                 OutsideOpt, RoleOpt, SiteOpt, SupervisorOpt)


class KindGroup(TyperGroup):
    """`logbook add KIND`: an unknown kind is refused like any other bad value, naming the kinds."""

    def resolve_command(self, ctx, args):
        if args and not args[0].startswith("-") and self.get_command(ctx, args[0]) is None:
            from logbook.services.choices import kind

            # 'Clinical' is clinical; 'procedur' is asked about on a terminal (never while completing); 'surgery' is refused
            args = [kind(args[0]) if ctx.resilient_parsing else settle_word(kind, args[0], "kind"), *args[1:]]
        return super().resolve_command(ctx, args)


add_app = typer.Typer(cls=KindGroup, invoke_without_command=True)


# How to give each required field on the command line, for the usage error when nobody can be asked.
_HOW_TO_GIVE = {"site": "--site", "hours": "--hours", "activity": "--activity", "role": "--role",
                "procedure": "the procedure NAME", "place": "the PLACE"}


def _add(kind: str, date: str | None, values: dict, outside: bool, allow_identifiers: bool, edit: bool = False,
         as_typed: bool = False, again: bool = False) -> None:
    from logbook.services import log
    from logbook.render.terminal.messages import say
    from logbook.render.terminal.sentences import added, with_renamed

    values = settle_level(values)  # asked about before the logbook is read, as the kind was
    logbook = context.logbook()
    shown_as = context.date_format()  # read before writing: a broken config file refuses the entry, not its message
    draft, entry = log.log_entry(logbook, kind, date, values, fallback=_site_setting(kind, values), outside=outside,
                                 allow_identifiers=allow_identifiers, asks=edit, as_typed=as_typed, again=again,
                                 asks_slips=sys.stdin.isatty())
    if entry is None:
        entry = _ask_then_add(logbook, draft, kind, outside, allow_identifiers, edit, as_typed, again)
    say(with_renamed(added(entry, shown_as, draft.defaults), draft.renamed, draft.parts))


def _one_date(ctx: typer.Context, date: str | None) -> str | None:
    """The day, given after the kind (`add procedure -d …`) or before it (`add -d … procedure`), but not both ways."""
    before = ctx.parent.params.get("date") if ctx.parent is not None else None
    if before is not None and date is not None and before != date:
        from logbook.services.choices import day

        if day(before, "date") != day(date, "date"):
            raise errors.UsageError(f"two days given ({before!r} before the kind, {date!r} after it); give -d once")
    return date if date is not None else before


def _ask_then_add(logbook, draft, kind: str, outside: bool, allow_identifiers: bool, edit: bool, as_typed: bool,
                  again: bool) -> dict:
    """Ask for what is missing, about a likely slip in a name, and for the note in the editor; then log the entry."""
    from logbook.services import log

    if draft.missing and not sys.stdin.isatty():
        given = ", ".join(_HOW_TO_GIVE[f] for f in draft.missing)
        raise errors.MissingInput(
            f"a {kind} entry needs {given}, and there is no terminal to ask on (see `logbook add {kind} --help`)")
    # A slip is asked about while the name is in mind: those given first, then each name as it is answered.
    settled: set[str] = set()
    named = settle_names(logbook, draft.values, as_typed, draft.day_entries, settled, phrases=True, new_entry=True)
    filled, draft.renamed, draft.parts = named.values, named.renamed, named.parts
    draft.defaults.update(named.defaults)
    if draft.missing:
        from logbook.render.terminal.prompts import ask_fields

        for field in draft.missing:
            named = settle_names(logbook, ask_fields([field], draft.known), as_typed, draft.day_entries, settled, phrases=True,
                                 new_entry=True)
            filled.update(named.values)
            draft.renamed += named.renamed
            draft.parts += named.parts
            draft.defaults.update(named.defaults)
    if edit:
        from logbook.cli.editor import edit_text
        from logbook.render.terminal.sentences import note_guidance

        being_added = {**filled, "kind": kind, "date": draft.day.isoformat()}
        filled["note"] = edit_text(filled.get("note"), note_guidance(being_added, context.date_format(), new=True))
    with note_kept_if_refused(filled.get("note") if edit else None):
        return log.add_entry(logbook, kind, draft.day.isoformat(), filled, outside=outside,
                             allow_identifiers=allow_identifiers, on=draft.day, again=again, carried=draft.defaults)


def _site_setting(kind: str, values: dict) -> dict:
    """The site setting as a fallback for an entry that has a site and was given none (reads config only then)."""
    if values.get("site") is not None or kind == "cultural":
        return {}
    site, source = context.settings().lookup("site")
    if site is None:
        return {}
    return {"site": (site, "from $LOGBOOK_SITE" if source == "environment" else "from the config file")}


@add_app.callback()
def add(ctx: typer.Context, date: DateOpt = None) -> None:
    """Log an entry: clinical participation, a procedure or a cultural visit.

    On a terminal, `logbook add` alone asks for the kind and then for each required field,
    offering the sites and names you logged before. The site and supervisor you last used on
    a day are the defaults for that day's next entry.

    -d DATE may come before the kind or after it: logbook add -d yesterday procedure LSCS -r observed

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
    if date is not None:
        from logbook.services.choices import day

        day(date, "date")  # a date that cannot be read is refused before the kind is asked

    _add(ask_kind(), date, {}, outside=False, allow_identifiers=False)


@add_app.command("clinical", short_help="Clinical work: where, how long, what you did.")
def add_clinical(
    ctx: typer.Context,
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
    _add("clinical", _one_date(ctx, date), dict(site=site, hours=hours, activity=activity, department=department, role=role,
                                supervisor=supervisor, note=note), outside, allow_identifiers, edit, as_typed, again)


@add_app.command("procedure", short_help="A procedure, with your level of involvement.")
def add_procedure(
    ctx: typer.Context,
    name: Annotated[Optional[str], typer.Argument(help="The procedure, e.g. 'Caesarean section' or 'Emergency LSCS' (asked for on a terminal if left out).", show_default=False, autocompletion=completion.complete_procedure)] = None,
    role: RoleOpt = None,
    details: DetailsOpt = None,
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

    A phrase is counted under the catalogue's procedure inside it, and its other words are kept as
    details: "Emergency LSCS" is a Caesarean section, details "Emergency".

    Example: logbook add procedure "Caesarean section" -r assisted -s "Perinatal center"
    """
    _add("procedure", _one_date(ctx, date), dict(procedure=name, details=details, role=role, site=site, count=count, supervisor=supervisor, note=note),
         outside, allow_identifiers, edit, as_typed, again)


@add_app.command("cultural", short_help="A cultural visit: a landmark, mosque, museum or bazaar.")
def add_cultural(
    ctx: typer.Context,
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
    _add("cultural", _one_date(ctx, date), dict(place=place, category=category, note=note), outside, allow_identifiers, edit, as_typed, again)


COMMANDS = {"add": add_app}
