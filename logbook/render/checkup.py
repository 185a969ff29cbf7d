"""The `logbook doctor` report: what was found in the logbook file and its backups, in plain words."""

from __future__ import annotations

from rich.text import Text

from logbook.render.terminal import console, text


def print_checkup(checkup, backups: list) -> None:
    """The logbook's checkup, then each backup with its state and the advice that follows."""
    out = console()
    out.soft_wrap = True  # paths stay whole, ready to copy
    out.print(Text("Logbook: ", style="bold") + text(str(checkup.path)))
    if not checkup.found:
        out.print(text("  There is no logbook file here yet; `logbook init` creates it."))
    for line in checkup.fine:
        out.print(Text("  ok       ", style="green") + text(line))
    for line in checkup.problems:
        out.print(Text("  problem  ", style="bold red") + text(line))

    out.print(Text("Backups, most recent first:", style="bold"))
    if not backups:
        out.print(text("  none yet (`.bak` is kept from the first change on; `logbook backup` makes a copy)"))
    for b in backups:
        saved = b.saved.strftime("%Y-%m-%d %H:%M") if b.saved else "?"
        state = f"good, {b.entries} {'entry' if b.entries == 1 else 'entries'}" if b.good else f"not usable: {b.problems[0]}"
        out.print(Text("  ") + text(str(b.path)) + Text(f"  saved {saved}  ") + text(state))

    out.print(text(_advice(checkup, backups)))


def _advice(checkup, backups: list) -> str:
    has_good = any(b.good for b in backups)
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
