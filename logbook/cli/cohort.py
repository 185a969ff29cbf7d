"""`logbook cohort`: a group's report from its residents' exports; the user's own logbook is never opened."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

FORMATS = ("text", "md", "html", "csv", "json")
SUFFIX_FORMATS = {".txt": "text", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".csv": "csv", ".json": "json"}


def cohort(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="Exports (.json or .jsonl), or folders holding them.", show_default=False)],
    format_: Annotated[Optional[str], typer.Option("--format", "-f", help="text, md, html, csv or json. Default: tables on the terminal, or the --output file's kind by its extension.", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file instead of stdout.", show_default=False)] = None,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Report without unreadable or invalid files, listing them as skipped, instead of stopping.")] = False,
) -> None:
    """A group's report from its residents' exports: specialties, sites, procedures, culture, targets.

    Exports of one resident's logbook count once (merged by entry id, the newest version kept); exports of
    different internships (another host or other dates) are reported as separate cohorts.

    Example: logbook cohort exports/ --format html --output cohort.html
    """
    from logbook.services.cohort import build_report, find_exports, read_all
    from logbook.render.terminal.console import console, text
    from logbook.render.terminal.messages import say

    chosen = _format(format_, output)
    report = build_report(read_all(find_exports(paths)), skip_bad=skip_bad)
    for note in report["notes"]:
        console(stderr=True).print(text(note), soft_wrap=True)  # unwrapped: notes name paths
    if chosen is None:
        from logbook.render.terminal.cohort import print_cohort

        print_cohort(report)
        return
    payload = _render(report, chosen)
    if output is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        from logbook.services.outputs import write_output

        write_output(output, payload)
        residents = len(report["residents"])
        say(f"Wrote the {chosen} report on {residents} resident{'s' if residents != 1 else ''} to {output}")


def _format(given: str | None, output: Path | None) -> str | None:
    if given is not None:
        if given.lower() not in FORMATS:
            raise typer.BadParameter(f"{given!r} is not a report format; use one of {', '.join(FORMATS)}", param_hint="'--format'")
        return given.lower()
    if output is None:
        return None
    if output.suffix.lower() not in SUFFIX_FORMATS:
        raise typer.BadParameter(f"cannot tell the format from {output.name!r}; add --format ({', '.join(FORMATS)})", param_hint="'--output'")
    return SUFFIX_FORMATS[output.suffix.lower()]


def _render(report: dict, chosen: str) -> bytes:
    if chosen == "json":
        from logbook.render.files.cohort import cohort_json

        return cohort_json(report)
    if chosen == "csv":
        from logbook.render.files.cohort import cohort_csv

        return cohort_csv(report).encode()
    if chosen == "text":
        from logbook.render.terminal.cohort import cohort_text

        return cohort_text(report).encode()
    from logbook.render.files.cohort import cohort_html, cohort_markdown

    return (cohort_markdown(report) if chosen == "md" else cohort_html(report)).encode()


COMMANDS = {"cohort": cohort}
