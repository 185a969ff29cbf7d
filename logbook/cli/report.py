"""Commands for the end-of-internship report: targets, reflections, the summary, verify and the demo."""

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from logbook import errors
from logbook.cli import completion, context
from logbook.cli.options import (AllowIdsOpt, ForceOpt, FormatOpt, FromOpt, JsonOpt, LangOpt, OutputOpt, OutsideOpt,
                                 ReportKindOpt, ReportSiteOpt, ToOpt, report_format)
from logbook.services.choices import LEVELS_HELP

target_app = typer.Typer(no_args_is_help=True)


@target_app.callback()
def target() -> None:
    """Set, list and remove learning targets: procedures at a level, or hours at a clinical base.

    Example: logbook target add "Caesarean section" --role assisted --count 3
    """



@target_app.command("add", short_help="Set a target: a procedure at a level, or hours at a site.")
def target_add(
    procedure: Annotated[Optional[str], typer.Argument(help="The procedure, e.g. 'Endotracheal intubation'.", show_default=False, autocompletion=completion.complete_procedure)] = None,
    role: Annotated[Optional[str], typer.Option("--role", "-r", help=f"Lowest level that counts (default observed: any): {LEVELS_HELP}.", autocompletion=completion.complete_level)] = None,
    count: Annotated[Optional[str], typer.Option("--count", "-c", help="How many procedures.")] = None,
    site: Annotated[Optional[str], typer.Option("--site", "-s", help="A clinical base, for an hours target (as logged).", autocompletion=completion.complete_site)] = None,
    hours: Annotated[Optional[str], typer.Option("--hours", "-H", help="Clinical hours at --site.")] = None,
    allow_identifiers: AllowIdsOpt = False,
    as_typed: Annotated[bool, typer.Option("--as-typed", help="Keep the procedure's name exactly as typed: no catalogue name, no 'Did you mean …?'.")] = False,
) -> None:
    """Set a target: a procedure at a level (that level or a more hands-on one counts), or hours at a site.

    Setting a target again for the same procedure and level (or the same site) changes its amount.

    Example: logbook target add "Endotracheal intubation" --role supervised --count 5
    """
    from logbook.services import log, records
    from logbook.render.terminal.messages import say
    from logbook.render.terminal.sentences import target_set

    if procedure is not None and (site is not None or hours is not None):
        raise errors.UsageError("give either PROCEDURE with --count, or --site with --hours, not both")
    if procedure is not None:
        if hours is not None:
            raise errors.UsageError("--hours goes with --site; a procedure target takes --count")
        kind, values = "procedure", {"procedure": procedure, "role": role, "count": count}
    elif site is not None or hours is not None:
        if role is not None or count is not None:
            raise errors.UsageError("--role and --count go with a PROCEDURE; an hours target takes --site and --hours")
        kind, values = "hours", {"site": site, "hours": hours}
    else:
        raise errors.UsageError("say what to aim for: PROCEDURE --count N, or --site SITE --hours H")
    from logbook.cli.names import settle_names, settle_site
    from logbook.render.terminal.sentences import with_renamed

    logbook = context.logbook()
    found, settled = None, set()
    if kind == "hours" and site and not as_typed:  # the site as `summary --site` finds it: any part, any case
        values["site"] = found = settle_site(logbook, site, settled)
    named = settle_names(logbook, values, as_typed, settled=settled)  # a target counts entries by name: the same words as add
    if found is not None and found != site:
        named.renamed.insert(0, ("site", site, found, "your logbook"))
    target, before = log.set_target(logbook, kind, named.values, allow_identifiers=allow_identifiers)
    said = target_set(target, before)
    say(with_renamed(said, named.renamed) if before is None else said)
    if note := records.unlogged_name_note(logbook, target):
        say(note)


@target_app.command("list")
def target_list() -> None:
    """List the targets with their ids.

    Example: logbook target list
    """
    from logbook.render.terminal.messages import say
    from logbook.render.terminal.targets import print_target_list

    from logbook.services import records

    targets = records.targets(context.logbook())
    if not targets:
        from logbook.render.terminal.sentences import NO_TARGETS

        say(NO_TARGETS)
        return
    print_target_list(targets)


@target_app.command("remove", short_help="Remove a target (its entries stay).")
def target_remove(ident: Annotated[str, typer.Argument(metavar="ID", help="The target's id, or its first characters.")]) -> None:
    """Remove a target you no longer want to track (its entries stay).

    Example: logbook target remove 3f2a9c1e
    """
    from logbook.services import log
    from logbook.render.terminal.messages import say
    from logbook.render.terminal.sentences import target_removed

    target = log.remove_target(context.logbook(), ident)
    say(target_removed(target))


def targets(json: JsonOpt = False) -> None:
    """Progress on every target: achieved / target / %, flagged when behind the pace of the internship so far.

    Example: logbook targets
    """
    from logbook.render.terminal.messages import say
    from logbook.render.terminal.targets import print_targets
    from logbook.services import records

    rows, pace = records.target_progress(context.logbook())
    if json:
        from logbook.render.files.json_data import print_json

        print_json({"targets": rows, "pace": pace})
    elif not rows:
        from logbook.render.terminal.sentences import NO_TARGETS

        say(NO_TARGETS)
    else:
        print_targets(rows, pace)


def reflect(
    text: Annotated[Optional[str], typer.Argument(help="The reflection (or use --edit).", show_default=False)] = None,
    date: Annotated[Optional[str], typer.Option("--date", "-d", help="The day it is about (default: today).")] = None,
    edit: Annotated[bool, typer.Option("--edit", "-e", help="Write it in $EDITOR (else nano, else vi), starting from the day's current text.")] = False,
    outside: OutsideOpt = False,
    allow_identifiers: AllowIdsOpt = False,
) -> None:
    """Write the day's reflection: one per day; writing it again replaces it.

    Example: logbook reflect "First spinal under supervision; ask about ropivacaine dosing" --date 2024-12-04
    """
    from logbook.services import log
    from logbook.render.terminal.messages import say

    if (text is None) == (not edit):
        raise errors.UsageError("give the reflection as TEXT, or --edit to write it in your editor (not both)")
    from logbook.cli.editor import note_kept_if_refused, saved_unless_changed

    logbook = context.logbook()
    day, current = log.reflection_day(logbook, date, outside=outside)
    if edit:
        from logbook.cli.editor import edit_text

        text = edit_text(current, [f"Your reflection on {day.isoformat()}: what you learned, what to ask next time.",
                                   "No patient identifiers."], what="reflection")
    with note_kept_if_refused(text if edit else None, "reflection"):
        result = saved_unless_changed(
            lambda was: log.reflect(logbook, day, text, outside=outside, allow_identifiers=allow_identifiers, was=was),
            current if edit else log.UNCHECKED, "reflection")
    if result is None:
        say(f"The reflection of {day.isoformat()} already says that.")
    else:
        from logbook.render.terminal.sentences import reflection_saved

        say(reflection_saved(day.isoformat(), text, replaced=result[1]))


def summary(
    from_: FromOpt = None,
    to: ToOpt = None,
    site: ReportSiteOpt = None,
    kind: ReportKindOpt = None,
    format_: FormatOpt = None,
    output: OutputOpt = None,
    fingerprint: Annotated[bool, typer.Option("--fingerprint", help="Add a fingerprint of the internship and the entries shown (a SHA-256 digest anyone can recompute, not a signature of a person), for `logbook verify`.")] = False,
    sign: Annotated[bool, typer.Option("--sign", hidden=True, help="The old name of --fingerprint.")] = False,
    json: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
    lang: LangOpt = None,
    force: ForceOpt = False,
    sections: Annotated[Optional[str], typer.Option("--sections", help="Only these sections, a comma list: attendance, hours, procedures, targets, culture, notes, reflections, signoff (the profile always). A section named is shown whole, even in a residency's PDF.", show_default=False)] = None,
) -> None:
    """The end-of-internship report: profile, attendance, hours, procedures, targets, culture, reflections, sign-off.

    Example: logbook summary --format html --output report.html --fingerprint
    """
    from logbook.services.report import summary_of, with_sections

    if json and format_ not in (None, "json"):
        raise errors.UsageError("--json and --format " + format_ + " ask for two formats; give one")
    fmt = "json" if json else report_format(format_, output)
    if sections is not None and fmt in ("csv", "json"):
        raise errors.UsageError(f"--sections chooses what a text, md, html or pdf report shows; a {fmt} report holds every entry")
    with_sections({}, sections, fingerprint or sign)  # a misspelt section is refused before the logbook is read
    context.report_language(lang, fmt)
    start, end = context.date_option(from_, "from"), context.date_option(to, "to")
    logbook = context.logbook()
    refuse_output(output, [logbook.path], force)  # before the report is built: a PDF of a long logbook takes a while
    s = with_sections(summary_of(logbook, start, end, site=site, kind=kind, sign=fingerprint or sign,
                                 working_days=context.settings().get("working_days")), sections, fingerprint or sign)
    write_report(s, fmt, output, screen=format_ is None and output is None and not json, protect=[logbook.path], force=force)


def refuse_output(output: Path | None, protect: list[Path], force: bool) -> None:
    """Refuse, before any work, an --output that write_report would refuse (a logbook's file, a read-only file)."""
    if output is not None and str(output) != "-":
        from logbook.services.outputs import refuse_output_over

        refuse_output_over(output, _files_of(protect), force)


def _files_of(logbooks: list[Path]) -> tuple:
    """Each logbook's file, backups and lock, and the config file: what a report may never replace."""
    from logbook.services.outputs import logbook_files

    return tuple(pair for path in logbooks for pair in logbook_files(path))


def write_report(s: dict, fmt: str, output: Path | None, screen: bool = False, protect: list[Path] = (),
                 force: bool = False) -> None:
    """Render the report in one format, to stdout or (atomically) to a file; `screen`: the capped terminal summary.

    `protect`: logbooks the output may not replace (nor their backups); `force`: replace a read-only output.
    """
    from logbook.render.terminal.messages import say

    if screen:
        from logbook.render.terminal.report import print_report

        print_report(s, date_format=context.date_format())
        return
    from logbook.render.files import render_report

    if deliver(render_report(s, fmt), output, protect, force):
        from logbook.render.terminal.sentences import report_written

        say(report_written(fmt, output, s))


def deliver(payload: bytes, output: Path | None, protect: list[Path] = (), force: bool = False) -> bool:
    """A file's bytes to stdout, or atomically to --output (never over a logbook in `protect`, nor a read-only file
    unless `force`); True when a file was written."""
    if output is None or str(output) == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return False
    from logbook.services.outputs import write_output

    write_output(output, payload, _files_of(protect), force)
    return True


def verify(
    report: Annotated[Path, typer.Argument(help="A report made with `logbook summary --fingerprint` (text, md, html, csv, json or pdf).")],
    export_: Annotated[Optional[Path], typer.Option("--export", help="Check against this JSON export instead of the logbook.")] = None,
) -> None:
    """Check that the logbook (or an export) still holds exactly the entries a report's fingerprint covers.

    Example: logbook verify report.html --export my-internship.json
    """
    from logbook.render.terminal.verify import print_verification
    from logbook.services.verify import check_report, mismatch

    result, source, payload = check_report(report, context.logbook(), export_)
    print_verification(result, str(report), source, payload, result["internship"])
    if not result["matches"]:
        raise mismatch(report, source, result)


def demo(
    keep: Annotated[Optional[Path], typer.Option(help="Keep the demo logbook in this file instead of a temporary one.")] = None,
    format_: Annotated[Optional[str], typer.Option("--format", "-f", help="Report format: text, md, html, csv, json or pdf.")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    lang: LangOpt = None,
    force: ForceOpt = False,
) -> None:
    """Log a realistic sample internship (Bukhara, twelve days) and print its report.

    Example: logbook demo --format html --output demo-report.html
    """
    import tempfile

    from logbook.render.terminal.messages import say
    from logbook.services.report import demo_summary

    fmt = report_format(format_, output)
    context.report_language(lang, fmt)
    if keep is not None:
        from logbook.services.report import refuse_existing_keep

        refuse_existing_keep(keep, output, force)
    refuse_output(output, [context.logbook().path], force)
    with tempfile.TemporaryDirectory(prefix="logbook-demo-") as folder:
        target = keep or Path(folder) / "demo.json"
        write_report(demo_summary(target), fmt, output, screen=format_ is None and output is None,
                     protect=[target, context.logbook().path], force=force)
        say(f"Demo logbook: {target if keep else 'a temporary file, now removed (use --keep FILE to keep it)'}")


COMMANDS = {"target": target_app, "targets": targets, "reflect": reflect, "summary": summary, "verify": verify,
            "demo": demo}
