"""`logbook cohort`: a group's report from its residents' exports; the user's own logbook is never opened."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from logbook.cli.options import ForceOpt, LangOpt


def cohort(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="Exports (.json or .jsonl), or folders holding them.", show_default=False)],
    format_: Annotated[Optional[str], typer.Option("--format", "-f", help="text, md, html, csv, json or pdf. Default: tables on the terminal, or the --output file's kind by its extension.", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file instead of stdout.", show_default=False)] = None,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Report without unreadable or invalid files, listing them as skipped, instead of stopping.")] = False,
    lang: LangOpt = None,
    force: ForceOpt = False,
) -> None:
    """A group's report from its residents' exports: specialties, sites, procedures, culture, targets.

    Exports of one resident's logbook count once (merged by entry id, the newest version kept); exports of
    different internships (another host or other dates) are reported as separate cohorts.

    Example: logbook cohort exports/ --format html --output cohort.html
    """
    from logbook.cli.options import report_format
    from logbook.render.terminal.console import console, text
    from logbook.render.terminal.messages import say
    from logbook.services.cohort.aggregate import build_report
    from logbook.services.cohort.read import find_exports, read_all, refuse_output_among_exports

    chosen = report_format(format_, output, default=None)
    from logbook.cli import context

    context.report_language(lang, chosen)
    exports = find_exports(paths)
    # Refused before any work: a cohort's output never replaces one of the exports it reads.
    read = tuple((e, "an export this cohort reads") for e in exports if isinstance(e, Path))
    if output is not None and str(output) != "-":
        from logbook.services.outputs import logbook_files

        # Never opened, yet never overwritten either: the resident's own logbook, its backups and the config file.
        read += logbook_files(context.logbook().path)
    if output is not None and str(output) != "-":
        from logbook.services.outputs import refuse_output_over

        refuse_output_over(output, read, force)
        refuse_output_among_exports(output, paths)
    report = build_report(read_all(exports), skip_bad=skip_bad)
    from logbook.render.files.cohort_notes import note_lines

    for note, line in zip(report["notes"], note_lines(report)):
        # Unwrapped: notes name paths. What exactly is wrong with a skipped file is said as every error is, in English.
        console(stderr=True).print(text(line + (f"\n  {note['reason']}" if note["note"] == "skipped" else "")), soft_wrap=True)
    if chosen is None:
        from logbook.render.terminal.cohort import print_cohort

        print_cohort(report)
        return
    payload = _render(report, chosen)
    if output is None or str(output) == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        from logbook.services.outputs import write_output

        write_output(output, payload, read, force)
        residents = len(report["residents"])
        say(f"Wrote the {chosen} report on {residents} resident{'s' if residents != 1 else ''} to {output}")


def _render(report: dict, chosen: str) -> bytes:
    if chosen == "json":
        from logbook.render.files.cohort import cohort_json

        return cohort_json(report)
    if chosen == "csv":
        from logbook.render.files.cohort import cohort_csv

        return cohort_csv(report).encode()
    if chosen == "pdf":
        from logbook.render.files.pdf import render_cohort_pdf

        return render_cohort_pdf(report)
    if chosen == "text":
        from logbook.render.terminal.cohort import cohort_text

        return cohort_text(report).encode()
    from logbook.render.files.cohort import cohort_html, cohort_markdown

    return (cohort_markdown(report) if chosen == "md" else cohort_html(report)).encode()


COMMANDS = {"cohort": cohort}
