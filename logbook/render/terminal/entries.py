"""Entries on the terminal: the list, one day, one entry in full — Rich tables that keep words whole at 80 columns.

At 80 columns an entry takes three lines: what was done, where, and who supervised, in one cell; the
id, the date, the level and the hours or count sit beside it and never wrap. From 100 columns the
kind and the supervisor get columns of their own.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from logbook.domain.dates import show_day
from logbook.domain.entries import KINDS, title
from logbook.domain.involvement import LEVELS
from logbook.render.files.wording import ABBREVIATIONS, hours, plural
from logbook.render.terminal.console import console, measuring_console, screen_table, show, text

WIDE = 100  # from this many columns, kind and supervisor are columns of their own
SHOWN = 200  # a list shows the newest this many entries unless --all

FIELD_LABELS = {
    "id": "ID", "kind": "Kind", "date": "Date", "site": "Site", "department": "Department", "hours": "Hours",
    "activity": "Activity", "role": "Level", "supervisor": "Supervisor", "note": "Note", "procedure": "Procedure",
    "count": "Count", "place": "Place", "category": "Category", "created_at": "Logged", "updated_at": "Changed",
}


def entries_table(entries: list[dict], id_length: int, width: int, *, kind: str | None = None, date_format: str = "iso",
                  with_date: bool = True) -> Table:
    """The entries as a table for a screen `width` wide; columns no row fills are left out."""
    wide = width >= WIDE
    with_kind = kind is None
    with_level = any(e.get("role") for e in entries)
    amounts = {e["kind"] for e in entries if e["kind"] != "cultural"}
    with_supervisor = wide and any(e.get("supervisor") for e in entries)
    levels = [lv for lv in LEVELS if any(e.get("role") == lv for e in entries)]

    table = screen_table(caption=", ".join(f"{ABBREVIATIONS[lv]}={lv}" for lv in levels) or None)
    table.add_column("ID", no_wrap=True, style="cyan")
    if with_date:
        table.add_column("Date", no_wrap=True)
    if with_kind and (wide or not with_date):
        table.add_column("Kind", no_wrap=True)
    table.add_column("Entry", overflow="fold")
    if with_level:
        table.add_column("Level", no_wrap=True)
    if amounts:
        table.add_column({"clinical": "Hours", "procedure": "Count"}.get(*amounts) if len(amounts) == 1 else "Amount",
                         justify="right", no_wrap=True)
    if with_supervisor:
        table.add_column("Supervisor", overflow="fold")

    rows = []
    for e in entries:
        before: list[RenderableType] = [e["id"][:id_length]]
        if with_date:
            when = Text(show_day(e["date"], date_format))
            if with_kind and not wide:  # the kind under the date: the entry's cell keeps the width
                when.append("\n" + e["kind"], style="dim")
            before.append(when)
        if with_kind and (wide or not with_date):
            before.append(e["kind"])
        after: list[RenderableType] = []
        if with_level:
            after.append(ABBREVIATIONS.get(e.get("role") or "", ""))
        if amounts:
            after.append(_amount(e))
        if with_supervisor:
            after.append(text(e.get("supervisor")))
        rows.append((e, before, after))
    # The room the entry's cell gets when the table must wrap (console.fit): the screen less the other columns.
    others = [_longest(cells, column.header) for cells, column in zip(
        zip(*[before + after for _, before, after in rows]), [c for c in table.columns if c.header != "Entry"])]
    room = width - sum(others) - 2 * (len(table.columns) - 1)
    for e, before, after in rows:
        table.add_row(*before, _entry_cell(e, None if wide else room), *after)
    return table


def _longest(cells: tuple, header: str) -> int:
    return max(cell_len(line) for cell in (header, *cells) for line in (cell.plain if isinstance(cell, Text) else cell).split("\n"))


def _entry_cell(e: dict, room: int | None) -> Text:
    """What was done, then (dimmed) where and who supervised, wrapped at whole words.

    With `room` (a narrow screen), the supervisor goes on the last line of the place when the name fits
    there whole, else on a line of its own; on a wide screen the supervisor has a column.
    """
    cell = text(title(e))
    where = ", ".join(filter(None, [e.get("site") or e.get("category"), e.get("department")]))
    if where:
        cell.append("\n")
        cell.append_text(text(where, "dim"))
    if room and e.get("supervisor"):
        supervisor = text(e["supervisor"], "dim italic")
        last = text(where).wrap(measuring_console(room), room)[-1].plain if where else None
        fits = last is not None and cell_len(last) + 3 + supervisor.cell_len <= room
        cell.append(" · " if fits else "\n", style="dim")
        cell.append_text(supervisor)
    return cell


def _amount(e: dict) -> str:
    if e["kind"] == "clinical":
        return f"{hours(e['hours'])} h"
    return f"×{e['count']}" if e["kind"] == "procedure" else ""


def print_entries(entries: list[dict], id_length: int, date_format: str = "iso", *, kind: str | None = None,
                  everything: bool = False) -> None:
    """The list, oldest first: the newest SHOWN entries unless `everything`, then a line saying what was left out."""
    from logbook.render.terminal.messages import say

    if not entries:
        say("No entries match.")
        return
    out = console()
    shown = entries if everything else entries[-SHOWN:]
    show([entries_table(shown, id_length, out.width, kind=kind, date_format=date_format)], out)
    if len(shown) < len(entries):
        # On stderr, like every message, wrapped at whole words by Rich (the table is stdout's data).
        console(stderr=True).print(text(f"The newest {len(shown)} of {len(entries)} matching entries are shown; "
                                        f"{len(entries) - len(shown)} more match: add --all to see every one."))
    else:
        say(plural(len(entries), "entry", "entries"))


def print_entry(entry: dict, date_format: str = "iso") -> None:
    """One entry in full: every field on its own row, long text wrapped at whole words."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    fields, _ = KINDS[entry["kind"]]
    for key in ("id", "kind", "date", *fields, "created_at", "updated_at"):
        value = entry.get(key)
        if value is None:
            continue
        if key == "role":
            value = f"{value} ({LEVELS[value]['meaning']})"
        elif key == "date":
            value = show_day(value, date_format)
        elif key == "hours":
            value = hours(value)
        grid.add_row(FIELD_LABELS.get(key, key), text(value))
    show([grid])


def print_day(day: str, entries: list[dict], reflection: dict | None, id_length: int, date_format: str = "iso") -> None:
    """A day's entries (no date column: the heading has it) and its reflection."""
    out = console()
    spent = sum(e["hours"] for e in entries if e["kind"] == "clinical")
    heading = Text(show_day(day, date_format), style="bold")
    heading.append(f"  {plural(len(entries), 'entry', 'entries')}" + (f", {hours(spent)} clinical hours" if spent else ""),
                   style="")
    parts: list[RenderableType] = [heading]
    if entries:
        parts.append(entries_table(entries, id_length, out.width, date_format=date_format, with_date=False))
    body = text(reflection["text"]) if reflection else Text(f"No reflection yet: logbook reflect TEXT --date {day}", style="dim")
    parts.append(Panel(body, title="Reflection", title_align="left"))
    show(parts, out)
