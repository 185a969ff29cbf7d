"""The entries list, drawn without Rich: a residency's list runs to thousands of rows, and Rich's
console alone costs a third of the start-up floor to import."""

from __future__ import annotations

from logbook.domain.dates import show_day
from logbook.domain.entries import title
from logbook.render.plain import say
from logbook.render.safe import inert

ENTRY_COLUMNS = (
    ("ID", {"no_wrap": True, "style": "cyan"}),
    ("Date", {"no_wrap": True}),
    ("Kind", {}),
    ("What", {}),
    ("Where", {}),
    ("Level", {}),
    ("Hours/Count", {"justify": "right"}),
    ("Supervisor", {}),
)


def entry_cells(e: dict, id_length: int, date_format: str = "iso") -> list[str]:
    """One entry as the list shows it, every cell already inert."""
    amount = e.get("hours") if e["kind"] == "clinical" else e.get("count") if e["kind"] == "procedure" else None
    where = e.get("site") or e.get("category")
    if e["kind"] == "clinical" and e.get("department"):
        where = f"{e['site']} / {e['department']}"
    shown = "" if amount is None else f"{amount:g}" if isinstance(amount, float) else str(amount)
    return [e["id"][:id_length], show_day(e["date"], date_format), e["kind"], inert(title(e)), inert(where),
            inert(e.get("role")), shown, inert(e.get("supervisor"))]


def print_entries(entries: list[dict], id_length: int, date_format: str = "iso") -> None:
    """The list: drawn by render/table.py, since Rich takes ~1.3 ms a row (296 ms for 219 rows, measured)."""
    from logbook.render.screen import Screen
    from logbook.render.table import Table as FastTable

    if not entries:
        say("No entries match.")
        return
    table = FastTable()
    for name, opts in ENTRY_COLUMNS:
        table.add_column(name, **opts)
    for e in entries:
        table.add_row(*entry_cells(e, id_length, date_format))
    screen = Screen()
    screen.write(table.lines(screen.width, screen.unicode))
    say(f"{len(entries)} entries")


