"""Options and arguments shared by several commands, defined once as Annotated aliases."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from logbook.cli import completion
from logbook.services.choices import LEVELS_HELP

DateOpt = Annotated[Optional[str], typer.Option("--date", "-d", help="YYYY-MM-DD, DD.MM.YYYY, today, yesterday, a weekday, 'last monday', 'N days ago'. Default: today.")]
SiteOpt = Annotated[Optional[str], typer.Option("--site", "-s", help="Clinical base, e.g. 'Perinatal center'. Default: the site last used that day.", autocompletion=completion.complete_site)]
RoleOpt = Annotated[Optional[str], typer.Option("--role", "-r", help=f"Level of involvement: {LEVELS_HELP}.", autocompletion=completion.complete_level)]
SupervisorOpt = Annotated[Optional[str], typer.Option("--supervisor", help="Who supervised you. Default: the supervisor last named at the same site that day.", autocompletion=completion.complete_supervisor)]
DetailsOpt = Annotated[Optional[str], typer.Option("--details", help="Words about the procedure kept beside its name: emergency, left, for ectopic, Mirena… (a phrase such as 'Emergency LSCS' fills it by itself).")]
NoteOpt = Annotated[Optional[str], typer.Option("--note", "-n", help="Free-text note (no patient identifiers).")]
HoursOpt = Annotated[Optional[str], typer.Option("--hours", "-H", help="Hours spent, more than 0 and at most 24: 6, 7.5, 7:30, or a time range such as 08:00-14:30 (20:00-08:00 runs over midnight).")]
CountOpt = Annotated[Optional[str], typer.Option("--count", "-c", help="How many times (default 1).")]
OutsideOpt = Annotated[bool, typer.Option("--outside", help="Allow a date outside the internship's first..last day.")]
AllowIdsOpt = Annotated[bool, typer.Option("--allow-identifiers", help="Store text that looks like a patient identifier (you confirm it is not one).")]
CategoryOpt = Annotated[Optional[str], typer.Option("--category", help="landmark, mosque, madrasa, mausoleum, museum, bazaar, performance or other (another only with --as-typed).", autocompletion=completion.complete_category)]
AsTypedOpt = Annotated[bool, typer.Option("--as-typed", help="Keep names and the category exactly as typed: no catalogue name, no 'Did you mean …?'.")]
AgainOpt = Annotated[bool, typer.Option("--again", help="Log it even if the same entry is already logged that day (it happened twice).")]
FromOpt = Annotated[Optional[str], typer.Option("--from", help="First day to include.")]
ToOpt = Annotated[Optional[str], typer.Option("--to", help="Last day to include.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table (keys in the README).")]
EditOpt = Annotated[bool, typer.Option("--edit", "-e", help="Write the note in $EDITOR (else nano, else vi).")]
IdArg = Annotated[str, typer.Argument(metavar="ID", help="The entry's id, or its first characters.", autocompletion=completion.complete_id)]
ReportSiteOpt = Annotated[Optional[str], typer.Option("--site", "-s", help="Only entries whose site contains this text.", autocompletion=completion.complete_site)]
ReportKindOpt = Annotated[Optional[str], typer.Option("--kind", "-k", help="Only entries of this kind: clinical, procedure or cultural.", autocompletion=completion.complete_kind)]
FormatOpt = Annotated[Optional[str], typer.Option("--format", "-f", help="text, md, html, csv, json or pdf (default: from --output's suffix, else text).")]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file instead of stdout.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace the --output file even if it is read-only.")]
LangOpt = Annotated[Optional[str], typer.Option("--lang", help="The report's language: en (English), ru (Russian) or uz (Uzbek). Default: the language setting, else en.", show_default=False)]

# Every command that writes a report (summary, demo, cohort) chooses its format by report_format().
FORMATS = ("text", "md", "html", "csv", "json", "pdf")
SUFFIXES = {".txt": "text", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".csv": "csv", ".json": "json",
            ".pdf": "pdf"}


def report_format(given: str | None, output: Path | None, default: str | None = "text") -> str | None:
    """The one rule for every report: --format, else the --output file's suffix, else the command's default.

    A suffix that names no format is refused (a usage error) before anything is read or written.
    """
    import sys

    from logbook.errors import UsageError

    if output is not None and str(output) == "-":
        output = None  # `-o -`: standard output
    if given is not None:
        if given.lower() not in FORMATS:
            raise UsageError(f"--format: {given!r} is not a report format; use one of {', '.join(FORMATS)}")
        chosen = given.lower()
    elif output is not None:
        chosen = SUFFIXES.get(output.suffix.lower())
        if chosen is None:
            raise UsageError(f"--output: {output.name!r} names no report format; end it in .txt, .md, .html, .csv, .json "
                             "or .pdf, or give --format")
    else:
        chosen = default
    if chosen == "pdf" and output is None and sys.stdout.isatty():
        raise UsageError("a PDF is not for the terminal; write it to a file with --output report.pdf")
    return chosen
