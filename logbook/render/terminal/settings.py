"""`logbook config list`: each setting, its value and where it comes from, then the config file."""

from __future__ import annotations

from rich.table import Table

from logbook.render.terminal.console import show, text


def print_settings(rows: list[tuple[str, str | None, str]], config_file: str, exists: bool) -> None:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_column(style="dim")
    for key, value, source in rows:
        grid.add_row(key, text(value if value is not None else "(none)"), source)
    show([grid, text(f"config file: {config_file}" + ("" if exists else " (not created yet)"))])
