"""Entries on the terminal: the list, one day, one entry in full — Rich tables that keep words whole at 80 columns.

Below 110 columns the id, the date and the kind are stacked in a narrow first column and the level over the
hours or count in a narrow last one, so the entry's own cell gets the width: what was done, where (with the
department when it fits on the site's line) and who supervised — three lines for a typical entry. From 110
columns each of those has a column of its own. `day` and `show` keep every field, however many lines it takes.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from logbook.domain.dates import show_day
from logbook.domain.entries import KINDS, plural, title
from logbook.domain.involvement import LEVELS
from logbook.render.files.wording import ABBREVIATIONS, hours
from logbook.render.terminal.console import console, measuring_console, screen_table, show, text

WIDE = 110  # from this many columns, id, date, kind, level and amount each get a column of their own
SHOWN = 200  # a list shows the newest this many entries unless --all
GAP = 2  # the spaces between two columns of a screen table

FIELD_LABELS = {
    "id": "ID", "kind": "Kind", "date": "Date", "site": "Site", "department": "Department", "hours": "Hours",
    "activity": "Activity", "role": "Level", "supervisor": "Supervisor", "note": "Note", "procedure": "Procedure",
    "count": "Count", "place": "Place", "category": "Category", "created_at": "Logged", "updated_at": "Changed",
}


def entries_table(entries: list[dict], id_length: int, width: int, *, kind: str | None = None, date_format: str = "iso",
                  with_date: bool = True, complete: bool = False) -> Table:
    """The entries as a table for a screen `width` wide; columns no row fills are left out.

    `complete` (the day's screen) keeps each entry's department even where it needs a line of its own, and its note.
    """
    levels = [lv for lv in LEVELS if any(e.get("role") == lv for e in entries)]
    amounts = {e["kind"] for e in entries if e["kind"] != "cultural"}
    amount = {"clinical": "Hours", "procedure": "Count"}.get(*amounts) if len(amounts) == 1 else "Amount"
    left = [("ID", lambda e: Text(e["id"][:id_length], style="cyan"))]
    if with_date:
        left.append(("Date", lambda e: Text(show_day(e["date"], date_format))))
    if kind is None:
        left.append(("Kind", lambda e: Text(e["kind"], style="dim")))
    right = [("Level", lambda e: Text(ABBREVIATIONS.get(e.get("role") or "", "")))] if levels else []
    if amounts:
        right.append((amount, lambda e: Text(_amount(e))))
    if width < WIDE:  # stacked: one narrow column on each side of the entry
        left = [_stacked(left)]
        right = [_stacked(right)] if right else []

    lefts = [[cell(e) for _, cell in left] for e in entries]
    rights = [[cell(e) for _, cell in right] for e in entries]
    widths = [max(cell_len(line) for value in (header, *(c.plain for c in cells)) for line in value.split("\n"))
              for (header, _), cells in zip(left + right, zip(*[a + b for a, b in zip(lefts, rights)]))]
    room = max(width - sum(widths) - GAP * len(widths), 1)
    height = max(header.count("\n") + 1 for header, _ in left)  # the lines the first column takes anyway

    table = screen_table(caption=", ".join(f"{ABBREVIATIONS[lv]}={lv}" for lv in levels) or None)
    for header, _ in left:
        table.add_column(header, no_wrap=True)
    table.add_column("Entry", overflow="fold")
    for header, _ in right:
        table.add_column(header, justify="right", no_wrap=True)
    for e, before, after in zip(entries, lefts, rights):
        table.add_row(*before, _entry_cell(e, room, height, complete), *after)
    return table


def _stacked(columns: list) -> tuple:
    """Several columns as one: the headers and the cells one above the other."""
    def cell(e: dict) -> Text:
        return Text("\n").join(make(e) for _, make in columns)
    return "\n".join(header for header, _ in columns), cell


def _lines(value: Text, room: int) -> list[str]:
    """The lines `value` takes in `room` columns, wrapped as Rich will wrap it."""
    if not value.plain:
        return []
    if "\n" not in value.plain and value.cell_len <= room:  # most names fit: no need to wrap them
        return [value.plain]
    return [line.plain for line in value.wrap(measuring_console(room), room)]


def _entry_cell(e: dict, room: int, height: int, complete: bool) -> Text:
    """What was done, then (dimmed) where and who supervised, wrapped at whole words to `room` columns.

    The department is kept when it fits on the site's line; `complete` keeps it always, and the note. The supervisor
    takes a line of their own unless the entry would then be taller than `height` and the name fits whole after the place.
    """
    what = text(title(e))
    where = e.get("site") or e.get("category")
    place = text(where, "dim")
    if e.get("department"):
        with_department = text(", ".join(filter(None, [where, e["department"]])), "dim")
        if complete or len(_lines(with_department, room)) <= max(len(_lines(place, room)), 1):
            place = with_department
    cell = what.copy()
    if place.plain:
        cell.append("\n")
        cell.append_text(place)
    if e.get("supervisor"):
        supervisor = text(e["supervisor"], "dim italic")
        own_line = len(_lines(what, room)) + len(_lines(place, room)) + len(_lines(supervisor, room))
        last = _lines(place, room)[-1:]
        joins = bool(last) and own_line > height and cell_len(last[0]) + 3 + supervisor.cell_len <= room
        cell.append(" · " if joins else "\n", style="dim")
        cell.append_text(supervisor)
    if complete and e.get("note"):
        cell.append("\n")
        cell.append_text(text(f"Note: {e['note']}", "dim"))
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
        rest = len(entries) - len(shown)
        console(stderr=True).print(text(f"The newest {len(shown)} of {len(entries)} matching entries are shown; "
                                        f"{rest} more {'entry matches' if rest == 1 else 'match'}: add --all to see every one."))
    else:
        say(plural(len(entries), "entry"))


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
    heading.append(f"  {plural(len(entries), 'entry')}" + (f", {hours(spent)} clinical {'hour' if spent == 1 else 'hours'}" if spent else ""),
                   style="")
    parts: list[RenderableType] = [heading]
    if entries:
        parts.append(entries_table(entries, id_length, out.width, date_format=date_format, with_date=False,
                                    complete=True))
    body = text(reflection["text"]) if reflection else Text(f"No reflection yet: logbook reflect TEXT --date {day}", style="dim")
    parts.append(Panel(body, title="Reflection", title_align="left"))
    show(parts, out)
