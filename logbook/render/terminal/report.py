"""The report drawn with Rich: profile, attendance, hours, supervisors, procedures, targets, culture, notes, sign-off.

On the terminal a residency's report stays a summary: attendance day by day for up to a month, then
per week up to about six months, then per month; notes, cultural visits and reflections are capped
with a line saying how many more there are and where every one is. A text file (--format text) holds
everything, drawn the same way without colour.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from rich.bar import Bar
from rich.columns import Columns
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from logbook.domain.dates import show_day
from logbook.domain.involvement import LEVELS
from logbook.render import language, report_words
from logbook.render.axis import scale, ticks
from logbook.render.files.wording import (
    ABBREVIATIONS, CALENDAR_MARK, CALENDAR_WORDS, about, bar_label, clinical_days, days_with_entries, elsewhere, entries_by_kind,
    hours, left_out, legend_states, levels_caption, more, selection, sign_off_heading, sign_off_text, week_days, weeks,
)
from logbook.render.files.wording import holds, named, sections_line, places as visited  # `places` names the count here
from logbook.render.language import _
from logbook.render.terminal.console import Unbroken, console, screen_table, show, text
from logbook.render.terminal.targets import targets_table

FILE_WIDTH = 80  # as a terminal shows it, and as a text file is read and printed
CALENDAR_STYLE = {"logged": "green", "cultural only": "magenta", "left out": "blue", "not logged": "red", "weekend": "dim"}
MANY_VISITS = 20  # beyond this many, the cultural programme lists each place once


@dataclass
class Caps:
    """How many rows of the long sections the screen shows; a text file shows every row."""

    notes: int | None = 10
    places: int | None = 20
    reflections: int | None = 5


EVERYTHING = Caps(None, None, None)


def print_report(s: dict, date_format: str = "iso") -> None:
    """The report on the terminal (or stdout), capped to stay a summary; long output goes through the pager."""
    out = console()
    show(report_parts(s, out.width, date_format, Caps()), out)


def report_text(s: dict) -> str:
    """The report as plain text (no colour, 80 columns as on a terminal, nothing capped), as written by --format text."""
    out = Console(file=io.StringIO(), width=FILE_WIDTH, color_system=None, force_terminal=False, highlight=False,
                  emoji=False, legacy_windows=False)
    show(report_parts(s, FILE_WIDTH, "iso", EVERYTHING), out)
    # Rich pads table lines to the width; a text file needs no trailing blanks.
    return "\n".join(line.rstrip() for line in out.file.getvalue().splitlines()) + "\n"


def report_parts(s: dict, width: int, date_format: str = "iso", caps: Caps = EVERYTHING) -> list[RenderableType]:
    """Every section in the order the home university reads it, a blank line between them."""

    def day(iso: str) -> str:
        return show_day(iso, date_format)

    def shown(section: str, parts: list[RenderableType | None]) -> list[RenderableType | None]:
        return parts if holds(s, section) else []

    def cap(section: str, most: int | None) -> int | None:
        return None if named(s, section) else most  # a section named in --sections is shown whole

    sections: list[RenderableType | None] = [
        profile(s, date_format),
        *([text(only, "dim")] if (only := sections_line(s)) else []),
        *shown("attendance", [attendance(s, day), *over_time(s, width, day)]),
        # The attendance says what the report leaves out; without it, the line stands on its own: never silently.
        *([] if holds(s, "attendance") or not (said := left_out(s)) else [text(said, "bold yellow")]),
        # A report without clinical hours or procedures (--kind cultural) shows no empty tables or charts of them.
        *shown("hours", [hours_by_site(s) if s["hours_by_site"] else None, hours_by_department(s), supervisors(s)]),
        *shown("procedures", [procedures(s), bar_chart(
            _("Procedures per level"), [(language.level(lv), s["procedures_by_role"][lv]) for lv in LEVELS],
            language.number, width, "magenta", whole=True) if s["total_procedures"] else None]),
        *shown("targets", [targets_table(s["targets"], s["pace"], width) if s["targets"] else None]),
        *shown("culture", cultural_programme(s["cultural"], cap("culture", caps.places), day)),
        *shown("notes", notes(s["notes"], cap("notes", caps.notes), day)),
        *shown("reflections", reflections(s["reflections"], cap("reflections", caps.reflections), day)),
        *shown("signoff", sign_off(s, width)),
        *digest(s),
    ]
    parts: list[RenderableType] = []
    for section in sections:
        if section is not None:
            parts += [section, Text("")]
    if s.get("signature"):
        # Unbroken lines, so `logbook verify` can read them back from the saved text: what the report shows, the token.
        from logbook.domain.fingerprint import statement

        parts += [Unbroken(text(statement(s))), Unbroken(text(s["signature"]["token"]))]
    return parts


def profile(s: dict, date_format: str) -> Panel:
    i = s["internship"]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in (
        (_("Resident"), i["resident"]), (_("Specialty"), i["specialty"]), (_("Home institution"), i.get("home_institution")),
        (_("Host institution"), i["host_institution"]), (_("Internship"), report_words.period(i["start"], i["end"], date_format)),
        (_("Report of"), report_words.period(s["period"]["from"], s["period"]["to"], date_format) + selection(s)),
    ):
        grid.add_row(label, text(value))
    return Panel(grid, title=_("Internship logbook summary"), title_align="left", expand=False)


def attendance(s: dict, day) -> RenderableType:
    """Clinical days first; the days without entries by date while a calendar of days is shown, else counted."""
    lines = [clinical_days(s), days_with_entries(s)]
    missing = s["days"]["without_entries"]
    if missing and s["hours_over_time"]["by"] == "day":
        lines.append(_("Days without entries: {days}").format(days=", ".join(day(d) for d in missing)))
    elif missing:
        lines.append(_("Days without entries: {n} (each is marked on the calendar of {where})").format(
            n=len(missing), where=elsewhere()))
    lines.append(entries_by_kind(s))
    if said := left_out(s):  # never silently: a report that leaves entries out says how many and why
        return Group(text("\n".join(lines)), text(said, "bold yellow"))
    return text("\n".join(lines))


def over_time(s: dict, width: int, day) -> list[RenderableType]:
    """A calendar and hours per day for up to a month; beyond, one row per week or month with its bar."""
    by, bars = s["hours_over_time"]["by"], s["hours_over_time"]["bars"]
    if by == "day":
        return [Group(calendar(s["calendar"], day), legend(s["calendar"])), None if not s["total_hours"] else
                bar_chart(_("Hours per day"), [(bar_label(b, by, day), b["hours"]) for b in bars], language.hours, width, "cyan")]
    table = screen_table(_("Attendance and hours per week") if by == "week" else _("Attendance and hours per month"))
    table.add_column(_("Week of") if by == "week" else _("Month"), no_wrap=True)
    table.add_column(_("Clinical days"), justify="right", no_wrap=True)
    table.add_column(_("Hours"), justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    marks = ticks(max((b["hours"] for b in bars), default=0))
    bar_width = max(8, min(40, width - 44))
    for b in bars:
        table.add_row(day(b["from"]) if by == "week" else language.month(b["from"]),
                      week_days(b),
                      hours(b["hours"]), Bar(marks[-1], 0, b["hours"], width=bar_width, color="cyan"))
    table.add_row("", "", "", Text(scale(marks, bar_width, language.number), style="dim"))
    return [table]


def calendar(days: list[dict], day) -> Table:
    grid = Table(title=_("Attendance"), title_justify="left", title_style="bold", box=None, padding=(0, 1), pad_edge=False,
                 header_style="bold")
    grid.add_column(_("Week of"), no_wrap=True)
    for name in language.weekdays():
        grid.add_column(name, justify="center", no_wrap=True)
    for week in weeks(days):
        first = next(d for d in week if d)  # the Monday, or the period's first day
        cells = [Text(f"{d['date'][8:]} {CALENDAR_MARK[d['status']]}", style=CALENDAR_STYLE[d["status"]]) if d else ""
                 for d in week]
        grid.add_row(day(first["date"]), *cells)
    return grid


def legend(days: list[dict]) -> RenderableType:
    """The calendar's marks explained, each "mark words" pair kept on one line however narrow the terminal."""
    return Columns([Text(f"{CALENDAR_MARK[k]} {CALENDAR_WORDS[k]}") for k in legend_states(days)], padding=(0, 3))


def bar_chart(title: str, rows: list[tuple[str, float]], shown_as, width: int, colour: str, whole: bool = False) -> Table:
    """A horizontal bar chart with Rich's Bar: label, bar (up to 40 cells) on an axis of round steps, value.

    `whole`: the values are counts, so the axis steps by whole numbers.
    """
    chart = Table.grid(padding=(0, 1))
    chart.title, chart.title_justify, chart.title_style = title, "left", "bold"
    chart.add_column(no_wrap=True)
    chart.add_column(no_wrap=True)
    chart.add_column(justify="right", no_wrap=True)
    labels, values = [label for label, _value in rows], [shown_as(value) for _label, value in rows]
    room = width - 2 - max(map(len, labels), default=0) - max(map(len, values), default=0)
    bar_width = max(5, min(40, room))
    marks = ticks(max((value for _label, value in rows), default=0), whole=whole)
    for label, shown, (_label, value) in zip(labels, values, rows):
        chart.add_row(text(label), Bar(marks[-1], 0, value, width=bar_width, color=colour), shown)
    chart.add_row("", Text(scale(marks, bar_width, language.number), style="dim"), "")
    return chart


def hours_by_site(s: dict) -> Table:
    table = screen_table(_("Hours by clinical base"))
    table.add_column(_("Site"), overflow="fold")
    table.add_column(_("Days"), justify="right", no_wrap=True)
    table.add_column(_("Hours"), justify="right", no_wrap=True)
    for row in s["hours_by_site"]:
        table.add_row(text(row["site"]), str(row["days"]), hours(row["hours"]))
    table.add_section()
    table.add_row(Text(_("Total"), style="bold"), "", Text(hours(s["total_hours"]), style="bold"))
    return table


def hours_by_department(s: dict) -> Table | None:
    if not s["hours_by_department"]:
        return None
    table = screen_table(_("Hours by department"))
    table.add_column(_("Site"), overflow="fold")
    table.add_column(_("Department"), overflow="fold")
    table.add_column(_("Days"), justify="right", no_wrap=True)
    table.add_column(_("Hours"), justify="right", no_wrap=True)
    for row in s["hours_by_department"]:
        table.add_row(text(row["site"]), text(row["department"] or "—"), str(row["days"]), hours(row["hours"]))
    return table


def supervisors(s: dict) -> Table | None:
    """Who supervised at each clinical base, the bases in the order the resident first worked there."""
    if not s["sign_off"]:
        return None
    table = screen_table(_("Supervisors by clinical base"))
    table.add_column(_("Site"), overflow="fold")
    table.add_column(_("Supervisors"), overflow="fold")
    for base in s["sign_off"]:
        table.add_row(text(base["site"]), names(base["supervisors"]))
    return table


def names(people: list[str]) -> Columns | Text:
    """People's names side by side, as many to a line as fit: a name is never split over two lines."""
    if not people:
        return Text("—")
    if len(", ".join(people)) <= 40:  # one short line: as text, so the table stays as narrow as its content
        return text(", ".join(people))
    shown = [text(name + ",") for name in people[:-1]] + [text(people[-1])]
    for name in shown:
        name.overflow = "fold"  # a name wider than the column folds; Columns would cut it with "…"
    return Columns(shown, padding=(0, 1))


def procedures(s: dict) -> Table | None:
    if not s["procedures"]:
        return None
    table = screen_table(_("Procedures by level of involvement"), levels_caption())
    table.add_column(_("Procedure"), overflow="fold")
    for level in LEVELS:
        table.add_column(ABBREVIATIONS[level], justify="right", no_wrap=True)
    table.add_column(_("Total"), justify="right", no_wrap=True, style="bold")
    for row in s["procedures"]:
        table.add_row(text(language.procedure_name(row["procedure"])), *[_count(row["by_role"][lv]) for lv in LEVELS], str(row["total"]))
    table.add_section()
    table.add_row(Text(_("Total"), style="bold"), *[_count(s["procedures_by_role"][lv]) for lv in LEVELS],
                  str(s["total_procedures"]))
    return table


def cultural_programme(visits: list[dict], cap: int | None, day) -> list[RenderableType]:
    """Each visit in date order; past MANY_VISITS, each place once with its visits (capped on a screen)."""
    if not visits:
        return []
    if len(visits) <= MANY_VISITS:
        table = screen_table(_("Cultural programme"))
        table.add_column(_("Date"), no_wrap=True)
        for name in (_("Place"), _("Category"), _("Note")):
            table.add_column(name, overflow="fold")
        for row in visits:
            table.add_row(day(row["date"]), text(language.place_name(row["place"])), text(language.category(row["category"])), text(row["note"]))
        return [table]
    places = visited(visits)
    shown = sorted(places, key=lambda p: -p["visits"])[:cap] if cap else places
    table = screen_table(_("Cultural programme: {visits} to {places}").format(
        visits=language.visits(len(visits)), places=language.places(len(places))))
    table.add_column(_("Place"), overflow="fold")
    table.add_column(_("Category"), overflow="fold")
    table.add_column(_("Visits"), justify="right", no_wrap=True)
    table.add_column(_("First"), no_wrap=True)
    table.add_column(_("Last"), no_wrap=True)
    for place in shown:
        table.add_row(text(language.place_name(place["place"])), text(language.category(place["category"])), str(place["visits"]), day(place["date"]), day(place["last"]))
    if len(shown) == len(places):
        return [table]
    where = _("{where}, and in {command}").format(where=elsewhere(), command="logbook list --kind cultural")
    return [table, text(more(len(shown), len(places), "place", where), "dim")]


def notes(rows: list[dict], cap: int | None, day) -> list[RenderableType]:
    """The notes of clinical and procedure entries; on a screen the newest `cap` of them."""
    if not rows:
        return []
    shown = rows[-cap:] if cap else rows
    table = screen_table(_("Notes ({n})").format(n=len(rows)) if len(shown) < len(rows) else _("Notes"))
    table.add_column(_("Date"), no_wrap=True)
    table.add_column(_("About"), overflow="fold")
    table.add_column(_("Note"), overflow="fold")
    for n in shown:
        table.add_row(day(n["date"]), text(about(n)), text(n["note"]))
    if len(shown) == len(rows):
        return [table]
    newest = _("The newest {n} shown.").format(n=len(shown))
    return [table, text(f"{newest} " + more(len(shown), len(rows), "note", elsewhere()), "dim")]


def reflections(rows: list[dict], cap: int | None, day) -> list[RenderableType]:
    if not rows:
        return []
    shown = rows[-cap:] if cap else rows
    body: list[RenderableType] = []
    for r in shown:
        body += [*([Text("")] if body else []), Text(day(r["date"]), style="bold"), text(r["text"])]
    parts: list[RenderableType] = [Panel(Group(*body), title=_("Reflections"), title_align="left")]
    if len(shown) < len(rows):
        where = _("{where}; {command} shows one").format(where=elsewhere(), command="logbook day " + _("DATE"))
        parts.append(text(_("The newest {n} shown.").format(n=len(shown)) + " " + more(len(shown), len(rows), "reflection", where),
                          "dim"))
    return parts


def sign_off(s: dict, width: int, confirm: str | None = None) -> list[RenderableType]:
    """A block per clinical base, in the order the resident first worked there; each supervisor signs their own."""
    blocks: list[RenderableType] = []
    for base in s["sign_off"] or [None]:
        lines = [text(sign_off_heading(base), "bold")]
        if base and base["supervisors"]:
            row = Table.grid(padding=(0, 1))
            row.add_column(no_wrap=True)
            row.add_column()
            row.add_row(f"{_('Supervisors')}:", names(base["supervisors"]))
            lines.append(row)
        lines += [Text(confirm or sign_off_text()), Text(""),
                  Text(f"{_('Supervisor (name)')}: ________________________   {_('Position')}: _______________"), Text(""),
                  Text(f"{_('Signature')}: ________________________   {_('Date')}: ____________   {_('Stamp')}:")]
        blocks.append(Panel(Group(*lines), title=_("Sign-off"), title_align="left", width=min(width, 80)))
    return blocks


def digest(s: dict) -> list[RenderableType]:
    """A fingerprinted report's digest and how to check it, whichever sections it holds."""
    signature = s.get("signature")
    if not signature:
        return []
    said = _("Report digest (SHA-256 of the internship and its {entries}):").format(entries=language.entries(signature["entries"]))
    check = _("Check it with: {command}").format(command=report_words.verify_command())
    return [text(f"{said} {signature['digest']}\n{check}")]


def _count(n: int) -> str:
    return str(n) if n else "·"
