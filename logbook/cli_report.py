"""Commands for the end-of-internship report: targets, reflections, a day's record, the summary, verify."""

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from logbook import errors
from logbook.cli import AllowIdsOpt, FromOpt, JsonOpt, OutsideOpt, ToOpt, _date_format, _date_option, _logbook, app
from logbook.involvement import HELP as LEVELS_HELP

target_app = typer.Typer(no_args_is_help=True)
app.add_typer(target_app, name="target")


@target_app.callback()
def target() -> None:
    """Set, list and remove learning targets: procedures at a level, or hours at a clinical base.

    Example: logbook target add "Caesarean section" --role assisted --count 3
    """

# Every command that writes a report (summary, demo, cohort) chooses its format by report_format().
FORMATS = ("text", "md", "html", "csv", "json", "pdf")
SUFFIXES = {".txt": "text", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".csv": "csv", ".json": "json",
            ".pdf": "pdf"}
ReportSiteOpt = Annotated[Optional[str], typer.Option("--site", "-s", help="Only entries whose site contains this text.")]
ReportKindOpt = Annotated[Optional[str], typer.Option("--kind", "-k", help="Only entries of this kind: clinical, procedure or cultural.")]
FormatOpt = Annotated[Optional[str], typer.Option("--format", "-f", help="text, md, html, csv, json or pdf (default: from --output's suffix, else text).")]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file instead of stdout.")]


@target_app.command("add")
def target_add(
    procedure: Annotated[Optional[str], typer.Argument(help="The procedure, e.g. 'Endotracheal intubation'.", show_default=False)] = None,
    role: Annotated[Optional[str], typer.Option("--role", "-r", help=f"Lowest level that counts (default observed: any): {LEVELS_HELP}.")] = None,
    count: Annotated[Optional[str], typer.Option("--count", "-c", help="How many procedures.")] = None,
    site: Annotated[Optional[str], typer.Option("--site", "-s", help="A clinical base, for an hours target (as logged).")] = None,
    hours: Annotated[Optional[str], typer.Option("--hours", "-H", help="Clinical hours at --site.")] = None,
) -> None:
    """Set a target: a procedure at a level (that level or a more hands-on one counts), or hours at a site.

    Setting a target again for the same procedure and level (or the same site) changes its amount.

    Example: logbook target add "Endotracheal intubation" --role supervised --count 5
    """
    from logbook import actions
    from logbook.render.plain import say
    from logbook.targets import label

    if procedure is not None and (site is not None or hours is not None):
        raise _usage("give either PROCEDURE with --count, or --site with --hours, not both")
    if procedure is not None:
        if hours is not None:
            raise _usage("--hours goes with --site; a procedure target takes --count")
        kind, values = "procedure", {"procedure": procedure, "role": role, "count": count}
    elif site is not None or hours is not None:
        if role is not None or count is not None:
            raise _usage("--role and --count go with a PROCEDURE; an hours target takes --site and --hours")
        kind, values = "hours", {"site": site, "hours": hours}
    else:
        raise _usage("say what to aim for: PROCEDURE --count N, or --site SITE --hours H")
    target, before = actions.set_target(_logbook(), kind, values)
    goal = f"{target['count']}" if kind == "procedure" else f"{target['hours']:g} h"
    if before is None:
        say(f"Target {target['id'][:8]} set: {label(target)}: {goal}")
    elif before == target:
        say(f"Target {target['id'][:8]} already is {label(target)}: {goal}")
    else:
        old = f"{before['count']}" if kind == "procedure" else f"{before['hours']:g} h"
        say(f"Target {target['id'][:8]} changed: {label(target)}: {old} -> {goal}")
    _hint_unknown_name(target)


def _hint_unknown_name(target: dict) -> None:
    """A target counts entries by exact name (any case and spacing); say so when nothing matches yet."""
    from logbook.entries import same_name
    from logbook.render.plain import say

    field = "procedure" if target["kind"] == "procedure" else "site"
    logged = {e[field] for e in _logbook().read().entries() if e.get(field)}
    if logged and same_name(target[field]) not in {same_name(n) for n in logged}:
        near = sorted(n for n in logged if same_name(target[field]) in same_name(n) or same_name(n) in same_name(target[field]))
        hint = f"; did you mean {', '.join(repr(n) for n in near[:3])}?" if near else ""
        say(f"Note: no {field} named {target[field]!r} is logged yet{hint}")


@target_app.command("list")
def target_list() -> None:
    """List the targets with their ids.

    Example: logbook target list
    """
    from logbook.render.terminal import print_target_list, say

    targets = _logbook().read().targets()
    if not targets:
        say("No targets yet: logbook target add PROCEDURE --role LEVEL --count N, or --site SITE --hours H")
        return
    print_target_list(targets)


@target_app.command("remove")
def target_remove(ident: Annotated[str, typer.Argument(metavar="ID", help="The target's id, or its first characters.")]) -> None:
    """Remove a target you no longer want to track (its entries stay).

    Example: logbook target remove 3f2a9c1e
    """
    from logbook import actions
    from logbook.render.plain import say
    from logbook.targets import label

    target = actions.remove_target(_logbook(), ident)
    say(f"Removed target {target['id'][:8]}: {label(target)}")


@app.command()
def targets(json: JsonOpt = False) -> None:
    """Progress on every target: achieved / target / %, flagged when behind the pace of the internship so far.

    Example: logbook targets
    """
    from logbook.actions import need_internship, today
    from logbook.render.terminal import print_targets, say
    from logbook.targets import last_complete_day, pace_of, progress

    book = _logbook().read()
    internship = need_internship(book)
    as_of = last_complete_day(today())
    rows, pace = progress(book.targets(), book.entries(), internship, as_of), pace_of(internship, as_of)
    if json:
        from logbook.render.json_output import print_json

        print_json({"targets": rows, "pace": pace})
    elif not rows:
        say("No targets yet: logbook target add PROCEDURE --role LEVEL --count N, or --site SITE --hours H")
    else:
        print_targets(rows, pace)


@app.command()
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
    from logbook import actions
    from logbook.render.plain import say

    if (text is None) == (not edit):
        raise _usage("give the reflection as TEXT, or --edit to write it in your editor (not both)")
    logbook = _logbook()
    day, current = actions.reflection_day(logbook, date, outside=outside)
    if edit:
        from logbook.editor import edit_text

        text = edit_text(current, [f"Your reflection on {day.isoformat()}: what you learned, what to ask next time.",
                                   "No patient identifiers."], what="reflection")
    result = actions.reflect(logbook, day, text, outside=outside, allow_identifiers=allow_identifiers)
    if result is None:
        say(f"The reflection of {day.isoformat()} already says that.")
    else:
        say(f"{'Replaced' if result[1] else 'Saved'} the reflection of {day.isoformat()} ({len(text)} characters).")


@app.command()
def day(
    when: Annotated[Optional[str], typer.Argument(metavar="DATE", help="The day (default: today).", show_default=False)] = None,
    json: JsonOpt = False,
) -> None:
    """Everything logged on one day: its entries and its reflection.

    Example: logbook day 2024-12-05
    """
    from logbook.entries import in_date_order, short_id_length
    from logbook.render.terminal import print_day

    chosen = _date_option("today" if when is None else when, "date")
    book = _logbook().read()
    everything = book.entries()
    reflection = next((r for r in book.reflections() if r["date"] == chosen), None)
    entries = in_date_order([e for e in everything if e["date"] == chosen])
    if json:
        from logbook.render.json_output import print_json

        print_json({"date": chosen, "entries": entries, "reflection": reflection})
        return
    print_day(chosen, entries, reflection, short_id_length(everything), _date_format())


@app.command()
def summary(
    from_: FromOpt = None,
    to: ToOpt = None,
    site: ReportSiteOpt = None,
    kind: ReportKindOpt = None,
    format_: FormatOpt = None,
    output: OutputOpt = None,
    sign: Annotated[bool, typer.Option("--sign", help="Embed a SHA-256 digest of the internship and its entries, for `logbook verify`.")] = False,
    json: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
) -> None:
    """The end-of-internship report: profile, attendance, hours, procedures, targets, culture, reflections, sign-off.

    Example: logbook summary --format html --output report.html --sign
    """
    from datetime import date as Date

    from logbook.actions import need_internship, today
    from logbook.entries import parse_kind
    from logbook.summary import summarize

    if json and format_ not in (None, "json"):
        raise _usage("--json and --format " + format_ + " ask for two formats; give one")
    fmt = "json" if json else report_format(format_, output)
    start, end = _date_option(from_, "from"), _date_option(to, "to")
    book = _logbook().read()
    internship = need_internship(book)
    s = summarize(
        internship, book.entries(), start and Date.fromisoformat(start), end and Date.fromisoformat(end),
        site=site, kind=parse_kind(kind) if kind else None, targets=book.targets(), reflections=book.reflections(),
        today=today(), sign=sign,
    )
    write_report(s, fmt, output)


def _usage(message: str, param_hint: str | None = None) -> Exception:
    """A usage error (exit 2) for options that do not go together."""
    from typer._click.exceptions import UsageError

    return UsageError(f"{param_hint}: {message}" if param_hint else message)


def report_format(given: str | None, output: Path | None, default: str | None = "text") -> str | None:
    """The one rule for every report: --format, else the --output file's suffix, else the command's default.

    A suffix that names no format is refused before anything is read or written.
    """
    if given is not None:
        if given.lower() not in FORMATS:
            raise _usage(f"{given!r} is not a report format; use one of {', '.join(FORMATS)}", param_hint="--format")
        chosen = given.lower()
    elif output is not None:
        chosen = SUFFIXES.get(output.suffix.lower())
        if chosen is None:
            raise _usage(f"{output.name!r} names no report format; end it in .txt, .md, .html, .csv, .json or .pdf, "
                         "or give --format", param_hint="--output")
    else:
        chosen = default
    if chosen == "pdf" and output is None and sys.stdout.isatty():
        raise _usage("a PDF is not for the terminal; write it to a file with --output report.pdf")
    return chosen


def write_report(s: dict, fmt: str, output: Path | None) -> None:
    """Render the report in one format, to stdout or (atomically) to a file."""
    from logbook.render.plain import say

    if fmt == "text" and output is None:
        from logbook.render.text import print_report  # drawn without rich.console, ~50 ms to import

        print_report(s, date_format=_date_format())
        return
    if fmt == "pdf":
        from logbook.render.files.pdf import render_pdf  # ReportLab, ~0.1 s to import: only the PDF pays

        payload = render_pdf(s)
    else:
        from importlib import import_module

        module = {"text": "text", "md": "markdown", "html": "html", "csv": "csv", "json": "json"}[fmt]
        payload = getattr(import_module(f"logbook.render.{module}"), f"render_{module}")(s).encode("utf-8")
    if output is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return
    from logbook.store import write_atomically

    write_atomically(output, payload)
    signed = f", signed {s['signature']['digest'][:12]}…" if s.get("signature") else ""
    say(f"Wrote the {fmt} report to {output}{signed}")


@app.command()
def verify(
    report: Annotated[Path, typer.Argument(help="A report made with `logbook summary --sign` (text, md, html, csv, json or pdf).")],
    export_: Annotated[Optional[Path], typer.Option("--export", help="Check against this JSON export instead of the logbook.")] = None,
) -> None:
    """Check that the logbook (or an export) still holds exactly the entries a signed report was made from.

    Example: logbook verify report.html --export my-internship.json
    """
    from datetime import date as Date

    from logbook import signing
    from logbook.actions import need_internship
    from logbook.render.terminal import print_verification
    from logbook.summary import select

    payload = signing.read_token(_report_text(report), str(report))
    if export_ is None:
        book = _logbook().read()
        internship, entries, source = need_internship(book), book.entries(), str(book.path)
    else:
        import orjson

        from logbook.exports import read_document

        try:
            internship, entries = read_document(orjson.loads(_read(export_)), str(export_))
        except orjson.JSONDecodeError as err:
            raise errors.LogbookError(f"{export_} is not valid JSON ({err})") from None
        source = str(export_)
    scope = payload["scope"]
    try:
        first, last = Date.fromisoformat(scope["from"]), Date.fromisoformat(scope["to"])
    except (KeyError, TypeError, ValueError):
        raise errors.LogbookError(f"{report}: its logbook signature is damaged (was the report edited?)") from None
    chosen = select(entries, first, last, scope.get("site"), scope.get("kind"))
    result = signing.compare(payload, internship, chosen)
    print_verification(result, str(report), source, payload)
    if not result["matches"]:
        changes = ", ".join(f"{len(result[k])} {k}" for k in ("added", "changed", "removed") if result[k])
        if result["internship_changed"]:
            changes = ", ".join(filter(None, ["the internship profile changed", changes]))
        raise errors.LogbookError(f"{report} does not match {source}: {changes or 'the entries differ'}")


def _report_text(report: Path) -> str:
    """The text a signed report carries its token in; a PDF keeps it in its metadata."""
    raw = _read(report)
    if raw.startswith(b"%PDF-"):
        from logbook.render.files.pdf_reader import token_text

        return token_text(raw, str(report))
    return raw.decode("utf-8", errors="replace")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise errors.LogbookError(f"cannot read {path}: {err.strerror}") from None
