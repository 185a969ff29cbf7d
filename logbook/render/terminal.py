"""Rich output for the terminal: entry tables, one entry, the summary, messages."""

from __future__ import annotations

import os
import sys

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from logbook.dates import show_day
from logbook.entries import KINDS, title
from logbook.involvement import LEVELS
from logbook.render.safe import inert


def console(stderr: bool = False) -> Console:
    # highlight=False: Rich must not colour numbers or URLs inside a resident's text.
    if os.environ.get("NO_COLOR"):
        # no-color.org: Rich alone would drop colours but keep bold and underline; no escape codes at all.
        return Console(stderr=stderr, highlight=False, color_system=None)
    return Console(stderr=stderr, highlight=False)


def text(value: object, style: str = "") -> Text:
    """User text as inert Rich Text: never parsed as markup, control characters escaped."""
    if value is None:
        return Text("")
    if isinstance(value, float):
        return Text(f"{value:g}", style=style)
    return Text(inert(str(value)), style=style)


# Jobs smaller than this finish before a progress bar could be read; bigger ones show one on a terminal.
PROGRESS_FROM = 2000


def _progress_wanted(size: int) -> Console | None:
    """The stderr console when it is a terminal and the job is big enough for a progress bar."""
    err = console(stderr=True)
    # A bar redraws itself with cursor escapes, which NO_COLOR and dumb terminals are promised to be spared.
    plain = bool(os.environ.get("NO_COLOR")) or err.is_dumb_terminal
    return err if size >= PROGRESS_FROM and err.is_terminal and not plain else None


def track(items: list, description: str):
    """Iterate `items`, with a progress bar on stderr while a large job runs on a terminal."""
    err = _progress_wanted(len(items))
    if err is None:
        return items
    from rich.progress import track as rich_track

    return rich_track(items, description=description, console=err, transient=True)


def print_large(out: Console, renderables: list, size: int, description: str) -> None:
    """Print; when `size` rows make rendering slow, render first with a progress bar on stderr.

    Rich measures every cell of a table before its first line, so the bar pulses, then counts the
    lines as Rich renders them; the output is written once the bar has gone, so the two never mix.
    """
    err = _progress_wanted(size)
    if err is None:
        for renderable in renderables:
            out.print(renderable)
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.segment import Segments

    rendered = []
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} lines"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(description, total=None)
        for renderable in renderables:
            for segment in out.render(renderable):
                rendered.append(segment)
                if segment.text == "\n":
                    progress.advance(task)
    out.print(Segments(rendered), end="")


def say(message: str) -> None:
    """A confirmation or notice for the user, on stderr so stdout stays data."""
    console(stderr=True).print(text(message), soft_wrap=True)


def error(message: str) -> None:
    console(stderr=True).print(Text("Error: ", style="bold red") + text(message), soft_wrap=True)


def entries_table(entries: list[dict], id_length: int, date_format: str = "iso") -> Table:
    table = Table(title=None, show_lines=False, header_style="bold")
    for name, opts in (
        ("ID", {"no_wrap": True, "style": "cyan"}),
        ("Date", {"no_wrap": True}),
        ("Kind", {}),
        ("What", {"ratio": 3}),
        ("Where", {"ratio": 2}),
        ("Level", {}),
        ("Hours/Count", {"justify": "right"}),
        ("Supervisor", {"ratio": 2}),
    ):
        table.add_column(name, **opts)
    for e in entries:
        amount = e.get("hours") if e["kind"] == "clinical" else e.get("count") if e["kind"] == "procedure" else None
        where = e.get("site") or e.get("category")
        if e["kind"] == "clinical" and e.get("department"):
            where = f"{e['site']} / {e['department']}"
        table.add_row(
            e["id"][:id_length], show_day(e["date"], date_format), e["kind"], text(title(e)), text(where),
            text(e.get("role")), text(amount), text(e.get("supervisor")),
        )
    return table


def print_entries(entries: list[dict], id_length: int, date_format: str = "iso") -> None:
    out = console()
    if not entries:
        console(stderr=True).print("No entries match.")
        return
    print_large(out, [entries_table(entries, id_length, date_format)], len(entries), f"Rendering {len(entries)} entries")
    console(stderr=True).print(f"{len(entries)} entries")


def print_entry(entry: dict, date_format: str = "iso") -> None:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    fields, _ = KINDS[entry["kind"]]
    for key in ("id", "kind", "date", *fields, "created_at", "updated_at"):
        value = entry.get(key)
        if key == "role" and value:
            value = f"{value} ({LEVELS[value]['meaning']})"
        elif key == "date":
            value = show_day(value, date_format)
        grid.add_row(key, text(value))
    console().print(grid)


def print_summary(s: dict, date_format: str = "iso") -> None:
    out = console()
    parts: list = []  # printed at the end, with a progress bar if rendering them is slow

    def day(iso: str) -> str:
        return show_day(iso, date_format)

    i = s["internship"]
    profile = Table.grid(padding=(0, 2))
    profile.add_column(style="bold")
    profile.add_column()
    for label, value in (
        ("Resident", i["resident"]),
        ("Specialty", i["specialty"]),
        ("Home institution", i.get("home_institution")),
        ("Host institution", i["host_institution"]),
        ("Internship", f"{day(i['start'])} to {day(i['end'])}"),
        ("Summary of", f"{day(s['period']['from'])} to {day(s['period']['to'])}"),
    ):
        profile.add_row(label, text(value))
    parts.append(Panel(profile, title="Internship logbook summary", expand=False))

    days = s["days"]
    attendance = Text(f"Days with entries: {days['with_entries']} of {days['total']}")
    if days["without_entries"]:
        attendance.append("\nDays without entries: " + ", ".join(day(d) for d in days["without_entries"]))
    counts = s["entries"]
    attendance.append(
        f"\nEntries: {counts['clinical']} clinical, {counts['procedure']} procedures, {counts['cultural']} cultural visits"
    )
    parts.append(attendance)

    hours = Table(title="Hours by clinical base", title_justify="left", header_style="bold")
    hours.add_column("Site")
    hours.add_column("Days", justify="right")
    hours.add_column("Hours", justify="right")
    for row in s["hours_by_site"]:
        hours.add_row(text(row["site"]), str(row["days"]), f"{row['hours']:g}")
    hours.add_section()
    hours.add_row(Text("Total", style="bold"), "", Text(f"{s['total_hours']:g}", style="bold"))
    parts.append(hours)

    procs = Table(
        title="Procedures by level of involvement", title_justify="left", header_style="bold",
        caption=", ".join(f"{ABBREVIATIONS[lv]} = {lv}" for lv in LEVELS), caption_justify="left",
    )
    procs.add_column("Procedure", min_width=20, ratio=1)
    for level in LEVELS:
        procs.add_column(ABBREVIATIONS[level], justify="right", no_wrap=True)
    procs.add_column("Total", justify="right", style="bold")
    for row in s["procedures"]:
        procs.add_row(text(row["procedure"]), *[_count(row["by_role"][lv]) for lv in LEVELS], str(row["total"]))
    procs.add_section()
    procs.add_row(
        Text("Total", style="bold"), *[_count(s["procedures_by_role"][lv]) for lv in LEVELS], str(s["total_procedures"])
    )
    parts.append(procs)

    culture = Table(title="Cultural programme", title_justify="left", header_style="bold")
    for col in ("Date", "Place", "Category", "Note"):
        culture.add_column(col)
    for row in s["cultural"]:
        culture.add_row(day(row["date"]), text(row["place"]), text(row["category"]), text(row["note"]))
    parts.append(culture)

    if s["notes"]:
        notes = Group(*[Text(f"{day(n['date'])}  ") + text(n["about"], "bold") + Text(": ") + text(n["note"]) for n in s["notes"]])
        parts.append(Panel(notes, title="Notes", title_align="left"))
    rows = len(s["hours_by_site"]) + len(s["procedures"]) + len(s["cultural"]) + len(s["notes"])
    print_large(out, parts, rows, "Rendering the summary")


ABBREVIATIONS = {"observed": "obs", "assisted": "asst", "supervised": "sup", "independent": "indep", "teaching": "teach"}


def _count(n: int) -> str:
    return str(n) if n else "·"


def print_settings(rows: list[tuple[str, str | None, str]], config_file: str, exists: bool) -> None:
    """Each setting with its value and where it comes from, then the config file."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_column(style="dim")
    for key, value, source in rows:
        grid.add_row(key, text(value if value is not None else "(none)"), source)
    out = console()
    out.print(grid)
    out.print(text(f"config file: {config_file}" + ("" if exists else " (not created yet)")))
