"""The `logbook doctor` report: what was found in the logbook file and its backups, in plain words."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from logbook.render.terminal.console import show, text


def print_checkup(checkup, backups: list) -> None:
    """The logbook's checkup, then each backup with its state and the advice that follows."""
    found = _grid()
    if not checkup.found:
        found.add_row("  ", text("There is no logbook file here yet; `logbook init` creates it."))
    for line in checkup.fine:
        found.add_row(Text("  ok", style="green"), text(line))
    for line in checkup.problems:
        found.add_row(Text("  problem", style="bold red"), text(line))
    for line in checkup.warnings:
        found.add_row(Text("  warning", style="yellow"), text(line))

    saved = _grid()
    if not backups:
        saved.add_row("  ", text("none yet (`.bak` is kept from the first change on; `logbook backup` makes a copy)"))
    for b in backups:
        when = b.saved.strftime("%Y-%m-%d %H:%M") if b.saved else "?"
        state = f"good, {b.entries} {'entry' if b.entries == 1 else 'entries'}" if b.good else f"not usable: {b.problems[0]}"
        saved.add_row(Text("  good" if b.good else "  damaged", style="green" if b.good else "bold red"),
                      text(str(b.path)) + Text(f"\nsaved {when}; ", style="dim") + text(state, "dim"))

    show([Text("Logbook: ", style="bold") + text(str(checkup.path)), found,
          Text("Backups, most recent first:", style="bold"), saved, text(_advice(checkup, backups))])


def _grid() -> Table:
    # The state in a narrow column of its own; the text beside it wraps at whole words (a long path folds).
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    return grid


def _advice(checkup, backups: list) -> str:
    has_good = any(b.good for b in backups)
    if checkup.good and checkup.warnings:
        return ("Your logbook is in good order and can be used, except for the warnings above: what they name, "
                "`import` refuses, so its export would not import as it is.")
    if checkup.good:
        return "Your logbook is in good order."
    if checkup.newer:
        return "Upgrade logbook to use this file; restoring an older backup would lose its newer entries."
    if has_good:
        state = "is missing" if not checkup.found else "was left unchanged: logbook will not write to a file it does not understand"
        return (f"The logbook {state}. To put the most recent good backup in its place, run `logbook doctor --restore` "
                "(the current file is kept in the backups folder first).")
    if not checkup.found:
        return "Nothing to check yet."
    return "The file was left unchanged and no good backup was found; keep a copy of the file before trying to repair it by hand."
