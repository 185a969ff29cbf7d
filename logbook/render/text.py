"""The report as terminal text: tables, a calendar, bar charts, target progress, the sign-off block.

Everything is drawn by render/table.py and written by render/screen.py, in Rich's look but without
rich.console: Rich laid out even a short report in ~0.12 s and its console costs ~50 ms to import.
User text is made inert() before it is laid out.
"""

from __future__ import annotations

import io
from typing import Iterator

from logbook.domain.involvement import LEVELS
from logbook.domain.names import same_name
from logbook.render.cohort_layout import ABBREVIATIONS, LEVELS_CAPTION
from logbook.render.safe import inert
from logbook.render.screen import Line, Screen
from logbook.render.table import Table, boxed, panel, wrapped

STATUS_STYLE = {"met": "bold green", "on pace": "green", "behind": "bold red", "not met": "bold red"}
STATUS_MARK = {"met": "✓ met", "on pace": "on pace", "behind": "⚑ behind pace", "not met": "✗ not met"}
CALENDAR_MARK = {"logged": ("■", "green"), "cultural only": ("○", "magenta"), "not logged": ("□", "red"), "weekend": ("·", "dim")}
CALENDAR_LEGEND = "■ clinical   ○ cultural visits only   □ not logged   · weekend, nothing logged"
FILE_WIDTH = 100
MANY_ROWS = 40  # beyond this many, cultural visits are listed once per place and notes as a table


def progress_bar(fraction: float, width: int) -> str:
    """A bar of block characters: done, then not yet done (readable with or without colour)."""
    filled = round(max(0.0, min(fraction, 1.0)) * width)
    return "█" * filled + "░" * (width - filled)


def bar_chart(title: str, rows: list[tuple[str, float, str]], unit: str, screen_width: int = 80) -> Table:
    """A horizontal bar chart: label, bar scaled to the largest value (40 cells, fewer on a narrow screen), the value."""
    chart = Table(title=title, title_style="bold", box=False, show_header=False)
    chart.add_column("", no_wrap=True)
    chart.add_column("", no_wrap=True)
    chart.add_column("", justify="right", no_wrap=True)
    labels, values = [inert(label) for label, _, _ in rows], [f"{value:g}{unit}" for _, value, _ in rows]
    width = max(5, min(40, screen_width - 2 - max(map(len, labels), default=0) - max(map(len, values), default=0)))
    top = max((value for _, value, _ in rows), default=0) or 1
    for label, shown, (_, value, style) in zip(labels, values, rows):
        length = round(value / top * width)
        chart.add_row(label, ("█" * length if value else "", style or "cyan"), shown)
    return chart


def bar_label(bar: dict, by: str, day=lambda iso: iso) -> str:
    """How a bar of hours over time is named: "Mon 2024-12-02", "week of 2024-12-02", "2024-12"."""
    return {"day": f"{bar['weekday']} {day(bar['from'])}", "week": f"week of {day(bar['from'])}", "month": bar["from"][:7]}[by]


def targets_table(rows: list[dict], pace: dict | None = None, width: int = 80) -> Table:
    """Each target with a bar 24 cells long, or shorter where the screen is narrow; the target's name wraps."""
    caption = None
    if pace:
        caption = (f"Pace: {pace['days_elapsed']} of {pace['days_total']} internship days completed "
                   f"by {pace['as_of']}; a target is behind when less than that share is done.")
    table = Table(title="Targets", caption=caption)
    table.add_column("Target", min_width=20)
    table.add_column("Progress", no_wrap=True)
    table.add_column("Done", justify="right", no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True)
    table.add_column("Pace", no_wrap=True)
    others = [(f"{row['achieved']:g} / {row['target']:g}", f"{row['percent']:g}%", STATUS_MARK[row["status"]]) for row in rows]
    room = width - 16 - 20 - sum(max(len(texts[n]) for texts in others) for n in range(3))  # 16: borders and padding
    bar = max(8, min(24, room))
    for row in rows:
        table.add_row(
            inert(row["label"]), (progress_bar(row["percent"] / 100, bar), "green"),
            f"{row['achieved']:g} / {row['target']:g}", f"{row['percent']:g}%",
            (STATUS_MARK[row["status"]], STATUS_STYLE[row["status"]]),
        )
    return table


def calendar(days: list[dict], day=lambda iso: iso) -> Table:
    grid = Table(title="Attendance", caption=CALENDAR_LEGEND, box=False, gap=2,
                 pad_edge=True)
    grid.add_column("Week of", no_wrap=True)
    for name in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
        grid.add_column(name, justify="center")
    for week in weeks(days):
        first = next(d for d in week if d)  # the Monday, or the period's first day
        cells = [(f"{d['date'][8:]} " + CALENDAR_MARK[d["status"]][0], CALENDAR_MARK[d["status"]][1]) if d else ""
                 for d in week]
        grid.add_row(day(first["date"]), *cells)
    return grid


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


def report(s: dict, width: int, unicode: bool = True, date_format: str = "iso") -> Iterator[Line]:
    """Every section of the report, in the order the home university reads it, a blank line after each."""
    from logbook.domain.dates import show_day

    def day(iso: str) -> str:
        return show_day(iso, date_format)

    def section(lines) -> Iterator[Line]:
        yield from lines.lines(width, unicode) if isinstance(lines, Table) else lines
        yield [("", "")]

    yield from section(profile(s, width, unicode, day))

    days, counts = s["days"], s["entries"]
    attendance = attendance_lines(s, day)
    yield from section(wrapped(attendance, width))
    yield from section(calendar(s["calendar"], day))
    over_time = s["hours_over_time"]
    yield from section(bar_chart(f"Hours per {over_time['by']}", [(bar_label(b, over_time["by"], day), b["hours"], "cyan")
                                                                 for b in over_time["bars"]], " h", width))

    hours = Table(title="Hours by clinical base")
    hours.add_column("Site")
    hours.add_column("Days", justify="right")
    hours.add_column("Hours", justify="right")
    for row in s["hours_by_site"]:
        hours.add_row(inert(row["site"]), str(row["days"]), f"{row['hours']:g}")
    hours.add_section()
    hours.add_row(("Total", "bold"), "", (f"{s['total_hours']:g}", "bold"))
    yield from section(hours)

    departments = Table(title="Hours by department")
    for name, opts in (("Site", {}), ("Department", {}), ("Days", {"justify": "right"}), ("Hours", {"justify": "right"})):
        departments.add_column(name, **opts)
    for row in s["hours_by_department"]:
        departments.add_row(inert(row["site"]), inert(row["department"] or "—"), str(row["days"]), f"{row['hours']:g}")
    yield from section(departments)
    if s["sign_off"]:
        supervisors = Table(title="Supervisors by clinical base")
        supervisors.add_column("Site")
        supervisors.add_column("Supervisors")
        for base in s["sign_off"]:
            supervisors.add_row(inert(base["site"]), inert(", ".join(base["supervisors"]) or "—"))
        yield from section(supervisors)

    procs = Table(title="Procedures by level of involvement", caption=LEVELS_CAPTION)
    procs.add_column("Procedure", min_width=20)
    for level in LEVELS:
        procs.add_column(ABBREVIATIONS[level], justify="right", no_wrap=True)
    procs.add_column("Total", justify="right", style="bold")
    for row in s["procedures"]:
        procs.add_row(inert(row["procedure"]), *[_count(row["by_role"][lv]) for lv in LEVELS], str(row["total"]))
    procs.add_section()
    procs.add_row(("Total", "bold"), *[_count(s["procedures_by_role"][lv]) for lv in LEVELS], str(s["total_procedures"]))
    yield from section(procs)
    yield from section(bar_chart("Procedures per level", [(lv, s["procedures_by_role"][lv], "magenta") for lv in LEVELS], "", width))

    if s["targets"]:
        yield from section(targets_table(s["targets"], s["pace"], width))
    yield from section(cultural_programme(s["cultural"], day))
    if len(s["notes"]) > MANY_ROWS:
        notes_table = Table(title=f"Notes ({len(s['notes'])})")
        for name in ("Date", "About", "Note"):
            notes_table.add_column(name, no_wrap=name == "Date")
        for n in s["notes"]:
            notes_table.add_row(day(n["date"]), inert(n["about"]), inert(n["note"]))
        yield from section(notes_table)
    elif s["notes"]:
        notes = [[(f"{day(n['date'])}  ", ""), (inert(n["about"]), "bold"), (": " + inert(n["note"]), "")] for n in s["notes"]]
        yield from section(boxed("Notes", notes, width, unicode))
    if s["reflections"]:
        lines: list[Line] = []
        for r in s["reflections"]:
            lines += [*([[("", "")]] if lines else []), [(day(r["date"]), "bold")], [(inert(r["text"]), "")]]
        yield from section(boxed("Reflections", lines, width, unicode))
    yield from section(signature_block(s, width, unicode))
    if s.get("signature"):
        # One unbroken line, so `logbook verify` can read it back from the saved text.
        yield [(inert(s["signature"]["token"]), "")]


def cultural_programme(visits: list[dict], day=lambda iso: iso) -> Table:
    """Each visit in date order; over a long residency, each place once with its visits, which reads better."""
    if len(visits) <= MANY_ROWS:
        culture = Table(title="Cultural programme")
        for col in ("Date", "Place", "Category", "Note"):
            culture.add_column(col)
        for row in visits:
            culture.add_row(day(row["date"]), inert(row["place"]), inert(row["category"]), inert(row["note"]))
        return culture
    places: dict[str, dict] = {}
    for visit in visits:  # in date order, so the first visit seen is the earliest
        place = places.setdefault(same_name(visit["place"]), {**visit, "visits": 0, "last": visit["date"]})
        place["visits"] += 1
        place["last"] = visit["date"]
    table = Table(title=f"Cultural programme: {len(visits)} visits to {len(places)} places")
    for name, options in (("Place", {}), ("Category", {}), ("Visits", {"justify": "right"}),
                          ("First", {"no_wrap": True}), ("Last", {"no_wrap": True})):
        table.add_column(name, **options)
    for place in places.values():
        table.add_row(inert(place["place"]), inert(place["category"]), str(place["visits"]), day(place["date"]), day(place["last"]))
    return table


def profile(s: dict, width: int, unicode: bool = True, day=lambda iso: iso) -> Iterator[Line]:
    i = s["internship"]
    selection = ", ".join(f"{k} contains {v!r}" if k == "site" else f"{k} {v}" for k, v in s["selection"].items() if v)
    rows = [
        ("Resident", i["resident"]),
        ("Specialty", i["specialty"]),
        ("Home institution", i.get("home_institution")),
        ("Host institution", i["host_institution"]),
        ("Internship", f"{day(i['start'])} to {day(i['end'])}"),
        ("Report of", f"{day(s['period']['from'])} to {day(s['period']['to'])}" + (f" (only {selection})" if selection else "")),
    ]
    return panel("Internship logbook summary", [(label, inert(value)) for label, value in rows], width, unicode)


def attendance_lines(s: dict, day=lambda iso: iso) -> str:
    """Clinical days apart from days with only cultural visits, the days missing, the entries by kind."""
    days, counts = s["days"], s["entries"]
    cultural_only = days["with_entries"] - days["with_clinical"]
    lines = [f"Clinical days: {days['with_clinical']} of {days['total']}",
             f"Days with entries: {days['with_entries']} of {days['total']}"
             + (f" ({cultural_only} with cultural visits only)" if cultural_only else "")]
    if days["without_entries"]:
        lines.append("Days without entries: " + ", ".join(day(d) for d in days["without_entries"]))
    lines.append(f"Entries: {counts['clinical']} clinical, {counts['procedure']} procedures, {counts['cultural']} cultural visits")
    return "\n".join(lines)


SIGN_OFF_TITLE = "Supervisor's confirmation"
SIGN_OFF_TEXT = "I confirm that the resident took part in the internship as recorded in this report."


def sign_off_heading(base: dict | None) -> str:
    """Whom a sign-off block is for: a clinical base, or the whole report when it has none."""
    return f"{SIGN_OFF_TITLE}: {base['site']}" if base else SIGN_OFF_TITLE


def signature_block(s: dict, width: int, unicode: bool = True) -> Iterator[Line]:
    """One block per clinical base, in the order the resident first worked there; each supervisor signs their own."""
    lines: list[Line] = []
    for base in s["sign_off"] or [None]:
        if lines:
            lines.append([("", "")])
        lines += [[(inert(sign_off_heading(base)), "bold")]]
        if base and base["supervisors"]:
            lines += [[("Supervisors: " + inert(", ".join(base["supervisors"])), "")]]
        lines += [
            [(SIGN_OFF_TEXT, "")], [("", "")],
            # Each line fits an 80-column screen's box, so the blanks are never wrapped.
            [("Supervisor (name): ________________________   Position: _______________", "")], [("", "")],
            [("Signature: ________________________   Date: ____________   Stamp:", "")],
        ]
    signature = s.get("signature")
    if signature:
        lines += [[("", "")], [(f"Report digest (SHA-256 of the internship and its {signature['entries']} entries):", "")],
                  [(signature["digest"], "bold")], [("Check it with: logbook verify REPORT-FILE", "")]]
    return boxed("Sign-off", lines, width, unicode, expand=False)


def print_report(s: dict, screen: Screen | None = None, date_format: str = "iso") -> None:
    """The report on the terminal (or stdout), in colour where the screen takes it."""
    screen = screen or Screen()
    screen.write(report(s, screen.width, screen.unicode, date_format))


def render_text(s: dict) -> str:
    """The report as plain text (no colour), as written by --output."""
    buffer = io.StringIO()
    screen = Screen(buffer)
    screen.width, screen.styled, screen.coloured, screen.unicode = FILE_WIDTH, False, False, True
    print_report(s, screen)
    return buffer.getvalue()


def _count(n: int) -> str:
    return str(n) if n else "·"
