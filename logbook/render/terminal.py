"""Rich output for the terminal: entry tables, one entry, the summary, messages."""

from __future__ import annotations

import os
import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from logbook.domain.dates import show_day
from logbook.domain.entries import KINDS, title
from logbook.domain.involvement import LEVELS
from logbook.render.listing import ENTRY_COLUMNS, entry_cells, print_entries  # noqa: F401 — drawn without Rich
from logbook.render.plain import say  # noqa: F401 — kept importable here; it needs no Rich
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


def line(message: str, style: str = "") -> Text:
    """A message as one inert line: user text quoted in it cannot break it or steer the terminal."""
    return Text(inert(message, one_line=True), style=style)


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


def error(message: str) -> None:
    console(stderr=True).print(Text("Error: ", style="bold red") + line(message), soft_wrap=True)


def entries_table(entries: list[dict], id_length: int, date_format: str = "iso") -> Table:
    """The entries as a Rich table, for short lists inside other Rich output (a day)."""
    table = Table(title=None, show_lines=False, header_style="bold")
    for name, opts in ENTRY_COLUMNS:
        table.add_column(name, **opts)
    for e in entries:
        table.add_row(*[Text(cell) for cell in entry_cells(e, id_length, date_format)])
    return table


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


def print_targets(rows: list[dict], pace: dict) -> None:
    from logbook.render.screen import Screen
    from logbook.render.text import targets_table

    screen = Screen()
    screen.write(targets_table(rows, pace, screen.width).lines(screen.width, screen.unicode))


def print_target_list(targets: list[dict]) -> None:
    from logbook.domain.targets import label

    table = Table(header_style="bold")
    for name, opts in (("ID", {"style": "cyan", "no_wrap": True}), ("Target", {"ratio": 1}), ("Amount", {"justify": "right"})):
        table.add_column(name, **opts)
    for t in targets:
        goal = f"{t['count']} ×" if t["kind"] == "procedure" else f"{t['hours']:g} h"
        table.add_row(t["id"][:8], text(label(t)), goal)
    console().print(table)


def print_day(day: str, entries: list[dict], reflection: dict | None, id_length: int, date_format: str = "iso") -> None:
    out = console()
    hours = sum(e["hours"] for e in entries if e["kind"] == "clinical")
    heading = Text(show_day(day, date_format), style="bold")
    heading.append(f"  {len(entries)} entries" + (f", {hours:g} clinical hours" if hours else ""), style="")
    out.print(heading)
    if entries:
        out.print(entries_table(entries, id_length, date_format))
    from rich.panel import Panel

    body = text(reflection["text"]) if reflection else Text(f"No reflection yet: logbook reflect TEXT --date {day}", style="dim")
    out.print(Panel(body, title="Reflection", title_align="left"))


def print_verification(result: dict, report: str, source: str, payload: dict) -> None:
    """What `logbook verify` found: a match, or the entries added, changed and removed since signing."""
    out = console()
    digest = payload["digest"]
    if result["matches"]:
        out.print(text(f"OK: {source} holds exactly the {len(payload['entries'])} entries and the internship "
                       f"that {report} was signed with (SHA-256 {digest})."))
        return
    out.print(text(f"Changed since {report} was signed (SHA-256 {digest}):"))
    if result["internship_changed"]:
        out.print(text("  the internship profile (resident, institutions or dates) differs"))
    table = Table(box=None, header_style="bold", padding=(0, 2))
    for name in ("Change", "ID", "Date", "Kind", "What"):
        table.add_column(name)
    for change in ("added", "changed"):
        for e in result[change]:
            table.add_row(change, e["id"][:8], e["date"], e["kind"], text(title(e)))
    for r in result["removed"]:
        table.add_row("removed", r["id"][:8], r["date"], "", Text("no longer in " + inert(source), style="dim"))
    if table.row_count:
        out.print(table)


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
