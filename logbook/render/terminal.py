"""Rich output for the terminal: entry tables, one entry, the summary, messages."""

from __future__ import annotations

import sys

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from logbook.entries import KINDS, title
from logbook.involvement import LEVELS
from logbook.render.safe import inert


def console(stderr: bool = False) -> Console:
    # highlight=False: Rich must not colour numbers or URLs inside a resident's text.
    return Console(stderr=stderr, highlight=False)


def text(value: object, style: str = "") -> Text:
    """User text as inert Rich Text: never parsed as markup, control characters escaped."""
    if value is None:
        return Text("")
    if isinstance(value, float):
        return Text(f"{value:g}", style=style)
    return Text(inert(str(value)), style=style)


def line(message: str, style: str = "") -> Text:
    """A message as one inert line: user text quoted in it cannot break it or steer the terminal."""
    return Text(inert(message, one_line=True), style=style)


def say(message: str) -> None:
    """A confirmation or notice for the user, on stderr so stdout stays data."""
    console(stderr=True).print(line(message), soft_wrap=True)


def error(message: str) -> None:
    console(stderr=True).print(Text("Error: ", style="bold red") + line(message), soft_wrap=True)


def entries_table(entries: list[dict], id_length: int) -> Table:
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
            e["id"][:id_length], e["date"], e["kind"], text(title(e)), text(where),
            text(e.get("role")), text(amount), text(e.get("supervisor")),
        )
    return table


def print_entries(entries: list[dict], id_length: int) -> None:
    out = console()
    if not entries:
        console(stderr=True).print("No entries match.")
        return
    out.print(entries_table(entries, id_length))
    console(stderr=True).print(f"{len(entries)} entries")


def print_entry(entry: dict) -> None:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    fields, _ = KINDS[entry["kind"]]
    for key in ("id", "kind", "date", *fields, "created_at", "updated_at"):
        value = entry.get(key)
        if key == "role" and value:
            value = f"{value} ({LEVELS[value]['meaning']})"
        grid.add_row(key, text(value))
    console().print(grid)


def print_summary(s: dict) -> None:
    out = console()
    i = s["internship"]
    profile = Table.grid(padding=(0, 2))
    profile.add_column(style="bold")
    profile.add_column()
    for label, value in (
        ("Resident", i["resident"]),
        ("Specialty", i["specialty"]),
        ("Home institution", i.get("home_institution")),
        ("Host institution", i["host_institution"]),
        ("Internship", f"{i['start']} to {i['end']}"),
        ("Summary of", f"{s['period']['from']} to {s['period']['to']}"),
    ):
        profile.add_row(label, text(value))
    out.print(Panel(profile, title="Internship logbook summary", expand=False))

    days = s["days"]
    attendance = Text(f"Days with entries: {days['with_entries']} of {days['total']}")
    if days["without_entries"]:
        attendance.append("\nDays without entries: " + ", ".join(days["without_entries"]))
    counts = s["entries"]
    attendance.append(
        f"\nEntries: {counts['clinical']} clinical, {counts['procedure']} procedures, {counts['cultural']} cultural visits"
    )
    out.print(attendance)

    hours = Table(title="Hours by clinical base", title_justify="left", header_style="bold")
    hours.add_column("Site")
    hours.add_column("Days", justify="right")
    hours.add_column("Hours", justify="right")
    for row in s["hours_by_site"]:
        hours.add_row(text(row["site"]), str(row["days"]), f"{row['hours']:g}")
    hours.add_section()
    hours.add_row(Text("Total", style="bold"), "", Text(f"{s['total_hours']:g}", style="bold"))
    out.print(hours)

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
    out.print(procs)

    culture = Table(title="Cultural programme", title_justify="left", header_style="bold")
    for col in ("Date", "Place", "Category", "Note"):
        culture.add_column(col)
    for row in s["cultural"]:
        culture.add_row(row["date"], text(row["place"]), text(row["category"]), text(row["note"]))
    out.print(culture)

    if s["notes"]:
        notes = Group(*[Text(f"{n['date']}  ") + text(n["about"], "bold") + Text(": ") + text(n["note"]) for n in s["notes"]])
        out.print(Panel(notes, title="Notes", title_align="left"))


ABBREVIATIONS = {"observed": "obs", "assisted": "asst", "supervised": "sup", "independent": "indep", "teaching": "teach"}


def _count(n: int) -> str:
    return str(n) if n else "·"
