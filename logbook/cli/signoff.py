"""The `signoff` command: the sheet a clinical base signs, or one sheet per base."""

from typing import Annotated, Optional

import typer

from logbook import errors
from logbook.cli import completion, context
from logbook.cli.options import ForceOpt, FormatOpt, LangOpt, OutputOpt, report_format


def signoff(
    site: Annotated[Optional[str], typer.Argument(metavar="[SITE]", help="The clinical base: any part of its name as logged, in any case.", show_default=False, autocompletion=completion.complete_site)] = None,
    every: Annotated[bool, typer.Option("--all", help="One sheet per clinical base, each starting on a new page.")] = False,
    format_: FormatOpt = None,
    output: OutputOpt = None,
    fingerprint: Annotated[bool, typer.Option("--fingerprint", help="Add a fingerprint of the internship and the entries the sheets show (a SHA-256 digest, not a signature of a person), for `logbook verify`.")] = False,
    lang: LangOpt = None,
    force: ForceOpt = False,
) -> None:
    """The sheet one clinical base signs: its days, hours, departments, procedures and supervisors, and a signature block.

    A day at another base is shown as such, never as absent; reflections are not on a sheet.

    Example: logbook signoff perinatal --output perinatal-signoff.pdf
    """
    from logbook.services.signoff import sheets_of

    if every == (site is not None):
        raise errors.UsageError("name one clinical base as SITE, or give --all for a sheet per base (not both)")
    fmt = report_format(format_, output)
    context.report_language(lang, fmt)
    logbook = context.logbook()
    from logbook.cli.report import refuse_output

    refuse_output(output, [logbook.path], force)  # before the sheets are built, as summary does
    s = sheets_of(logbook, site, every=every, sign=fingerprint)
    if format_ is None and output is None:
        from logbook.render.terminal.signoff import print_sheets

        print_sheets(s, date_format=context.date_format())
        return
    from logbook.cli.report import deliver
    from logbook.render.files.signoff import render_sheets

    if deliver(render_sheets(s, fmt), output, [logbook.path], force):
        from logbook.render.terminal.messages import say
        from logbook.render.terminal.sentences import sheets_written

        say(sheets_written(fmt, output, s))


COMMANDS = {"signoff": signoff}
