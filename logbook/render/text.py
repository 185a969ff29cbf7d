"""The report as terminal text (Rich): tables, a calendar, bar charts, target progress, the sign-off block."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from logbook.involvement import LEVELS
from logbook.render.safe import inert
from logbook.render.table import Table as FastTable
from logbook.render.terminal import ABBREVIATIONS, text

STATUS_STYLE = {"met": "bold green", "on pace": "green", "behind": "bold red", "not met": "bold red"}
STATUS_MARK = {"met": "✓ met", "on pace": "on pace", "behind": "⚑ behind pace", "not met": "✗ not met"}
CALENDAR_MARK = {"logged": ("■", "green"), "not logged": ("□", "red"), "weekend": ("·", "dim")}
FILE_WIDTH = 100
MANY_ROWS = 40  # beyond this many rows, a table is drawn by render/table.py (or grouped) instead of Rich


def progress_bar(fraction: float, width: int, console: Console) -> RenderableType:
    """Rich's progress bar in colour; block characters where there is no colour to tell done from not."""
    done = max(0.0, min(fraction, 1.0))
    if console.color_system:
        return ProgressBar(total=1.0, completed=done, width=width, finished_style="green")
    filled = round(done * width)
    return Text("█" * filled + "░" * (width - filled))


def bar_chart(title: str, rows: list[tuple[str, float, str]], unit: str, width: int = 40) -> Table:
    """A horizontal bar chart: label, bar scaled to the largest value, the value itself."""
    chart = Table.grid(padding=(0, 1))
    chart.title, chart.title_justify, chart.title_style = title, "left", "bold"
    chart.add_column(no_wrap=True)
    chart.add_column(no_wrap=True)
    chart.add_column(justify="right", no_wrap=True)
    top = max((value for _, value, _ in rows), default=0) or 1
    for label, value, style in rows:
        length = round(value / top * width)
        chart.add_row(text(label), Text("█" * length if value else "", style=style or "cyan"), f"{value:g}{unit}")
    return chart


def bar_label(bar: dict, by: str, day=lambda iso: iso) -> str:
    """How a bar of hours over time is named: "Mon 2024-12-02", "week of 2024-12-02", "2024-12"."""
    return {"day": f"{bar['weekday']} {day(bar['from'])}", "week": f"week of {day(bar['from'])}", "month": bar["from"][:7]}[by]


def targets_table(rows: list[dict], console: Console, pace: dict | None = None) -> Table:
    caption = None
    if pace:
        caption = (f"Pace: {pace['days_elapsed']} of {pace['days_total']} internship days completed "
                   f"by {pace['as_of']}; a target is behind when less than that share is done.")
    table = Table(title="Targets", title_justify="left", header_style="bold", caption=caption, caption_justify="left")
    table.add_column("Target", ratio=1, min_width=20)
    table.add_column("Progress", no_wrap=True)
    table.add_column("Done", justify="right", no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True)
    table.add_column("Pace", no_wrap=True)
    for row in rows:
        table.add_row(
            text(row["label"]), progress_bar(row["percent"] / 100, 24, console),
            f"{row['achieved']:g} / {row['target']:g}", f"{row['percent']:g}%",
            Text(STATUS_MARK[row["status"]], style=STATUS_STYLE[row["status"]]),
        )
    return table


def calendar(days: list[dict], day=lambda iso: iso):
    all_weeks = weeks(days)
    grid = _table(len(all_weeks), "Attendance", "■ logged   □ not logged   · weekend, nothing logged", box=None, padding=(0, 1))
    grid.add_column("Week of", no_wrap=True)
    for name in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
        grid.add_column(name, justify="center")
    for week in all_weeks:
        first = next(d for d in week if d)  # the Monday, or the period's first day
        cells = [_cell(grid, f"{d['date'][8:]} " + CALENDAR_MARK[d["status"]][0], CALENDAR_MARK[d["status"]][1])
                 if d else "" for d in week]
        grid.add_row(day(first["date"]), *cells)
    return grid


def _table(rows: int, title: str, caption: str | None = None, **rich_options):
    """A Rich table, or for more than MANY_ROWS rows one drawn by render/table.py (same look, ~50x faster)."""
    if rows > MANY_ROWS:
        return FastTable(title=title, caption=caption)
    return Table(title=title, title_justify="left", header_style="bold", caption=caption, caption_justify="left",
                 **rich_options)


def _cell(table, value: object, style: str = ""):
    """A cell of user text for either kind of table, inert."""
    if isinstance(table, FastTable):
        shown = "" if value is None else inert(f"{value:g}" if isinstance(value, float) else str(value))
        return (shown, style) if style else shown
    return text(value, style)


def weeks(days: list[dict]) -> list[list[dict | None]]:
    """The days laid out Monday to Sunday, one list per week, None where the period has no day."""
    from datetime import date

    out: list[list[dict | None]] = []
    for day in days:
        weekday = date.fromisoformat(day["date"]).weekday()
        if not out or weekday == 0:
            out.append([None] * 7)
        out[-1][weekday] = day
    return out


def report(s: dict, console: Console, date_format: str = "iso") -> list[RenderableType]:
    """Every section of the report, in the order the home university reads it."""
    from logbook.dates import show_day

    def day(iso: str) -> str:
        return show_day(iso, date_format)

    parts: list[RenderableType] = [profile(s, day)]

    days = s["days"]
    attendance = Text(f"Days with entries: {days['with_entries']} of {days['total']}")
    if days["without_entries"]:
        attendance.append("\nDays without entries: " + ", ".join(day(d) for d in days["without_entries"]))
    counts = s["entries"]
    attendance.append(
        f"\nEntries: {counts['clinical']} clinical, {counts['procedure']} procedures, {counts['cultural']} cultural visits"
    )
    parts += [attendance, calendar(s["calendar"], day)]
    over_time = s["hours_over_time"]
    parts.append(bar_chart(f"Hours per {over_time['by']}", [(bar_label(b, over_time["by"], day), b["hours"], "cyan")
                                                          for b in over_time["bars"]], " h"))

    hours = Table(title="Hours by clinical base", title_justify="left", header_style="bold")
    hours.add_column("Site")
    hours.add_column("Days", justify="right")
    hours.add_column("Hours", justify="right")
    for row in s["hours_by_site"]:
        hours.add_row(text(row["site"]), str(row["days"]), f"{row['hours']:g}")
    hours.add_section()
    hours.add_row(Text("Total", style="bold"), "", Text(f"{s['total_hours']:g}", style="bold"))
    parts.append(hours)

    departments = _table(len(s["hours_by_department"]), "Hours by department")
    for name, opts in (("Site", {}), ("Department", {}), ("Days", {"justify": "right"}), ("Hours", {"justify": "right"})):
        departments.add_column(name, **opts)
    for row in s["hours_by_department"]:
        departments.add_row(_cell(departments, row["site"]), _cell(departments, row["department"] or "—"), str(row["days"]),
                            f"{row['hours']:g}")
    parts.append(departments)

    procs = _table(len(s["procedures"]), "Procedures by level of involvement",
                   ", ".join(f"{ABBREVIATIONS[lv]} = {lv}" for lv in LEVELS))
    procs.add_column("Procedure", min_width=20, **({} if isinstance(procs, FastTable) else {"ratio": 1}))
    for level in LEVELS:
        procs.add_column(ABBREVIATIONS[level], justify="right", no_wrap=True)
    procs.add_column("Total", justify="right", style="bold")
    for row in s["procedures"]:
        procs.add_row(_cell(procs, row["procedure"]), *[_count(row["by_role"][lv]) for lv in LEVELS], str(row["total"]))
    procs.add_section()
    procs.add_row(
        _cell(procs, "Total", "bold"), *[_count(s["procedures_by_role"][lv]) for lv in LEVELS], str(s["total_procedures"])
    )
    parts.append(procs)
    parts.append(bar_chart("Procedures per level", [(lv, s["procedures_by_role"][lv], "magenta") for lv in LEVELS], ""))

    if s["targets"]:
        parts.append(targets_table(s["targets"], console, s["pace"]))

    parts.append(cultural_programme(s["cultural"], day))
    if len(s["notes"]) > MANY_ROWS:
        notes_table = FastTable(title=f"Notes ({len(s['notes'])})")
        for name in ("Date", "About", "Note"):
            notes_table.add_column(name, no_wrap=name == "Date")
        for n in s["notes"]:
            notes_table.add_row(day(n["date"]), inert(n["about"]), inert(n["note"]))
        parts.append(notes_table)
    elif s["notes"]:
        notes = Group(*[Text(f"{day(n['date'])}  ") + text(n["about"], "bold") + Text(": ") + text(n["note"]) for n in s["notes"]])
        parts.append(Panel(notes, title="Notes", title_align="left"))
    if s["reflections"]:
        lines = Text("\n\n").join(Text(day(r["date"]), style="bold") + Text("\n") + text(r["text"]) for r in s["reflections"])
        parts.append(Panel(lines, title="Reflections", title_align="left"))
    parts.append(signature_block(s))
    return parts


def cultural_programme(visits: list[dict], day=lambda iso: iso):
    """Each visit in date order; over a long residency, each place once with its visits, which reads better."""
    if len(visits) <= MANY_ROWS:
        culture = Table(title="Cultural programme", title_justify="left", header_style="bold")
        for col in ("Date", "Place", "Category", "Note"):
            culture.add_column(col)
        for row in visits:
            culture.add_row(day(row["date"]), text(row["place"]), text(row["category"]), text(row["note"]))
        return culture
    places: dict[str, dict] = {}
    for visit in visits:  # in date order, so the first visit seen is the earliest
        place = places.setdefault(" ".join(visit["place"].casefold().split()), {**visit, "visits": 0, "last": visit["date"]})
        place["visits"] += 1
        place["last"] = visit["date"]
    table = FastTable(title=f"Cultural programme: {len(visits)} visits to {len(places)} places")
    for name, options in (("Place", {}), ("Category", {}), ("Visits", {"justify": "right"}),
                          ("First", {"no_wrap": True}), ("Last", {"no_wrap": True})):
        table.add_column(name, **options)
    for place in places.values():
        table.add_row(inert(place["place"]), inert(place["category"]), str(place["visits"]), day(place["date"]), day(place["last"]))
    return table


def profile(s: dict, day=lambda iso: iso) -> Panel:
    i = s["internship"]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    selection = ", ".join(f"{k} contains {v!r}" if k == "site" else f"{k} {v}" for k, v in s["selection"].items() if v)
    for label, value in (
        ("Resident", i["resident"]),
        ("Specialty", i["specialty"]),
        ("Home institution", i.get("home_institution")),
        ("Host institution", i["host_institution"]),
        ("Internship", f"{day(i['start'])} to {day(i['end'])}"),
        ("Report of", f"{day(s['period']['from'])} to {day(s['period']['to'])}" + (f" (only {selection})" if selection else "")),
    ):
        grid.add_row(label, text(value))
    return Panel(grid, title="Internship logbook summary", expand=False)


def signature_block(s: dict) -> RenderableType:
    lines = Text()
    lines.append("Supervisor's confirmation\n", style="bold")
    lines.append("I confirm that the resident took part in the internship as recorded in this report.\n\n")
    lines.append("Supervisor (name): ______________________________   Position: ____________________\n\n")
    lines.append("Signature: ______________________________   Date: ______________   Stamp:")
    signature = s.get("signature")
    if signature:
        lines.append(f"\n\nReport digest (SHA-256 of the internship and its {signature['entries']} entries):\n")
        lines.append(signature["digest"], style="bold")
        lines.append("\nCheck it with: logbook verify REPORT-FILE")
    return Panel(lines, title="Sign-off", title_align="left", expand=False)


def print_report(s: dict, console: Console, date_format: str = "iso") -> None:
    from logbook.render.screen import Screen
    from logbook.render.terminal import print_large

    # Rich lays out a table at ~1.3 ms a row: tables that can run to thousands of rows are drawn by
    # render/table.py straight onto the same stream, between the Rich parts around them.
    screen = Screen(console.file)
    screen.width = console.width
    rich_parts: list = []
    rows = len(s["hours_by_site"]) + len(s["procedures"]) + len(s["cultural"]) + len(s["notes"])
    for part in report(s, console, date_format):
        if isinstance(part, FastTable):
            print_large(console, rich_parts, rows, "Rendering the summary")
            rich_parts = []
            screen.write(part.lines(screen.width, screen.unicode))
            console.print()
        else:
            rich_parts += [part, Text("")]
    print_large(console, rich_parts, rows, "Rendering the summary")
    if s.get("signature"):
        # One unbroken line, so `logbook verify` can read it back from the saved text.
        console.print(Text(inert(s["signature"]["token"])), soft_wrap=True)


def render_text(s: dict) -> str:
    """The report as plain text (no colour), as written by --output."""
    import io

    buffer = io.StringIO()
    print_report(s, Console(file=buffer, width=FILE_WIDTH, color_system=None, highlight=False, force_terminal=False))
    return buffer.getvalue()


def _count(n: int) -> str:
    return str(n) if n else "·"
