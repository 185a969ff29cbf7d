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
from logbook.render import language
from logbook.render.files.wording import (
    ABBREVIATIONS, CALENDAR_MARK, bar_label, calendar_legend, clinical_days, days_with_entries, elsewhere, entries_by_kind,
    hours, levels_caption, more, selection, sign_off_heading, sign_off_text, weeks,
)
from logbook.render.language import _
from logbook.render.terminal.console import Unbroken, console, screen_table, show, text
from logbook.render.terminal.targets import targets_table

FILE_WIDTH = 100
CALENDAR_STYLE = {"logged": "green", "cultural only": "magenta", "not logged": "red", "weekend": "dim"}
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
    """The report as plain text (no colour, 100 columns, nothing capped), as written by --format text."""
    out = Console(file=io.StringIO(), width=FILE_WIDTH, color_system=None, force_terminal=False, highlight=False,
                  emoji=False, legacy_windows=False)
    show(report_parts(s, FILE_WIDTH, "iso", EVERYTHING), out)
    # Rich pads table lines to the width; a text file needs no trailing blanks.
    return "\n".join(line.rstrip() for line in out.file.getvalue().splitlines()) + "\n"


def report_parts(s: dict, width: int, date_format: str = "iso", caps: Caps = EVERYTHING) -> list[RenderableType]:
    """Every section in the order the home university reads it, a blank line between them."""

    def day(iso: str) -> str:
        return show_day(iso, date_format)

    sections: list[RenderableType | None] = [
        profile(s, date_format),
        attendance(s, day),
        *over_time(s, width, day),
        # A report without clinical hours or procedures (--kind cultural) shows no empty tables or charts of them.
        hours_by_site(s) if s["hours_by_site"] else None,
        hours_by_department(s),
        supervisors(s),
        procedures(s),
        bar_chart(_("Procedures per level"), [(language.level(lv), s["procedures_by_role"][lv]) for lv in LEVELS],
                  language.number, width, "magenta") if s["total_procedures"] else None,
        targets_table(s["targets"], s["pace"], width) if s["targets"] else None,
        *cultural_programme(s["cultural"], caps.places, day),
        *notes(s["notes"], caps.notes, day),
        *reflections(s["reflections"], caps.reflections, day),
        *sign_off(s, width),
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
        (_("Host institution"), i["host_institution"]), (_("Internship"), language.period(i["start"], i["end"], date_format)),
        (_("Report of"), language.period(s["period"]["from"], s["period"]["to"], date_format) + selection(s)),
    ):
        grid.add_row(label, text(value))
    return Panel(grid, title=_("Internship logbook summary"), title_align="left", expand=False)


def attendance(s: dict, day) -> Text:
    """Clinical days first; the days without entries by date while a calendar of days is shown, else counted."""
    lines = [clinical_days(s), days_with_entries(s)]
    missing = s["days"]["without_entries"]
    if missing and s["hours_over_time"]["by"] == "day":
        lines.append(_("Days without entries: {days}").format(days=", ".join(day(d) for d in missing)))
    elif missing:
        lines.append(_("Days without entries: {n} (each is marked on the calendar of {where})").format(
            n=len(missing), where=elsewhere()))
    lines.append(entries_by_kind(s))
    return text("\n".join(lines))


def over_time(s: dict, width: int, day) -> list[RenderableType]:
    """A calendar and hours per day for up to a month; beyond, one row per week or month with its bar."""
    by, bars = s["hours_over_time"]["by"], s["hours_over_time"]["bars"]
    if by == "day":
        return [Group(calendar(s["calendar"], day), text(calendar_legend())), None if not s["total_hours"] else
                bar_chart(_("Hours per day"), [(bar_label(b, by, day), b["hours"]) for b in bars], language.hours, width, "cyan")]
    table = screen_table(_("Attendance and hours per week") if by == "week" else _("Attendance and hours per month"))
    table.add_column(_("Week of") if by == "week" else _("Month"), no_wrap=True)
    table.add_column(_("Clinical days"), justify="right", no_wrap=True)
    table.add_column(_("Hours"), justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    top = max((b["hours"] for b in bars), default=0) or 1
    bar_width = max(8, min(40, width - 44))
    for b in bars:
        table.add_row(day(b["from"]) if by == "week" else language.month(b["from"]),
                      _("{done} of {total}").format(done=b["clinical_days"], total=b["days"]),
                      hours(b["hours"]), Bar(top, 0, b["hours"], width=bar_width, color="cyan"))
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


def bar_chart(title: str, rows: list[tuple[str, float]], shown_as, width: int, colour: str) -> Table:
    """A horizontal bar chart with Rich's Bar: label, bar scaled to the largest value (up to 40 cells), value."""
    chart = Table.grid(padding=(0, 1))
    chart.title, chart.title_justify, chart.title_style = title, "left", "bold"
    chart.add_column(no_wrap=True)
    chart.add_column(no_wrap=True)
    chart.add_column(justify="right", no_wrap=True)
    labels, values = [label for label, _value in rows], [shown_as(value) for _label, value in rows]
    room = width - 2 - max(map(len, labels), default=0) - max(map(len, values), default=0)
    bar_width = max(5, min(40, room))
    top = max((value for _label, value in rows), default=0) or 1
    for label, shown, (_label, value) in zip(labels, values, rows):
        chart.add_row(text(label), Bar(top, 0, value, width=bar_width, color=colour), shown)
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
    return Columns([text(name + ",") for name in people[:-1]] + [text(people[-1])], padding=(0, 1))


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
    places: dict[str, dict] = {}
    for visit in visits:  # in date order, so the first visit seen is the earliest
        place = places.setdefault(" ".join(visit["place"].casefold().split()), {**visit, "visits": 0, "last": visit["date"]})
        place["visits"] += 1
        place["last"] = visit["date"]
    shown = sorted(places.values(), key=lambda p: -p["visits"])[:cap] if cap else list(places.values())
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
        table.add_row(day(n["date"]), text(n["about"]), text(n["note"]))
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
    signature = s.get("signature")
    if signature:
        digest = _("Report digest (SHA-256 of the internship and its {entries}):").format(
            entries=language.entries(signature["entries"]))
        check = _("Check it with: {command}").format(command=language.verify_command())
        blocks.append(text(f"{digest} {signature['digest']}\n{check}"))
    return blocks


def _count(n: int) -> str:
    return str(n) if n else "·"
