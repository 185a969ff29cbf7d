"""`logbook rename`: one procedure, site, department, supervisor or place spelt one way across the whole logbook."""

from typing import Annotated

import typer

from logbook.cli import context
from logbook.cli.options import AllowIdsOpt, AsTypedOpt


def rename(
    field: Annotated[str, typer.Argument(help="What to rename: procedure, site, department, supervisor or place.", show_default=False)],
    old: Annotated[str, typer.Argument(help="The name as logged (any case or spacing).", show_default=False)],
    new: Annotated[str, typer.Argument(help="The name to store instead.", show_default=False)],
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help="Show what would change, and change nothing.")] = False,
    remember: Annotated[bool, typer.Option("--remember", help="Keep OLD as your logbook's own spelling of NEW: typed again (add, edit, target add), it is stored as NEW.")] = False,
    as_typed: AsTypedOpt = False,
    allow_identifiers: AllowIdsOpt = False,
) -> None:
    """Rename a procedure, site, department, supervisor or place in every entry and target, in one checked write.

    A dated copy of the logbook is kept first (`logbook doctor` lists it). A procedure takes the catalogue's
    name when NEW is one of its synonyms, a place the gazetteer's, unless --as-typed. With --remember, OLD is never
    typed apart again.

    Example: logbook rename site "Perinatal center" "Bukhara Regional Perinatal Center" --dry-run
    """
    from logbook.render.terminal.entries import print_entries
    from logbook.render.terminal.messages import say
    from logbook.render.terminal.sentences import renamed
    from logbook.services.rename import rename as rename_everywhere

    logbook = context.logbook()
    renaming = rename_everywhere(logbook, field, old, new, dry_run=dry_run, as_typed=as_typed,
                                 allow_identifiers=allow_identifiers, remember=remember)
    if renaming.entries:
        print_entries([after for _, after in renaming.entries], renaming.id_length, context.date_format(), everything=True)
    say(renamed(renaming, dry_run))


COMMANDS = {"rename": rename}
