"""Targets on the terminal: progress with Rich's bars, the pace of the internship, and the list with ids."""

from __future__ import annotations

from rich.progress_bar import ProgressBar
from rich.text import Text

from logbook.render import language
from logbook.render.files.wording import STATUS_MARK, hours, pace_line
from logbook.render.language import _
from logbook.render.terminal.console import screen_table, show, text

STATUS_STYLE = {"met": "bold green", "on pace": "green", "behind": "bold red", "not met": "bold red"}


def targets_table(rows: list[dict], pace: dict | None, width: int):
    """Each target with a bar (12 to 24 cells as the screen allows); the target's name wraps at whole words."""
    table = screen_table(_("Targets"), pace_line(pace) if pace else None)
    bar = max(10, min(24, width - 70))  # at 80 columns the names get the room
    table.add_column(_("Target"), overflow="fold")
    table.add_column(_("Progress"), no_wrap=True, width=bar)
    table.add_column(_("Done"), justify="right", no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True)
    table.add_column(_("Pace"), no_wrap=True)
    for row in rows:
        done = min(row["achieved"], row["target"])
        table.add_row(
            text(language.target_label(row)), ProgressBar(total=row["target"], completed=done, width=bar),
            f"{_amount(row['achieved'])} / {_amount(row['target'])}", f"{language.number(row['percent'])}%",
            Text(STATUS_MARK[row["status"]], style=STATUS_STYLE[row["status"]]),
        )
    return table


def print_targets(rows: list[dict], pace: dict) -> None:
    from logbook.render.terminal.console import console

    show([targets_table(rows, pace, console().width)])


def print_target_list(targets: list[dict]) -> None:
    from logbook.domain.targets import label

    table = screen_table()
    table.add_column("ID", style="cyan", no_wrap=True)
    table.add_column("Target", overflow="fold")
    table.add_column("Amount", justify="right", no_wrap=True)
    for t in targets:
        goal = f"×{t['count']}" if t["kind"] == "procedure" else f"{hours(t['hours'])} h"  # as the list writes a count
        table.add_row(t["id"][:8], text(label(t)), goal)
    show([table])


def _amount(value: float | int) -> str:
    return hours(value) if isinstance(value, float) else str(value)
