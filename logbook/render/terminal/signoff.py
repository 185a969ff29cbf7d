"""Sign-off sheets drawn with Rich: each base's figures, its days, departments, procedures and signature block."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from logbook.domain.dates import show_day
from logbook.render.files import sheet_words as words
from logbook.render.files.wording import hours
from logbook.render.language import _
from logbook.render.terminal.console import Unbroken, console, screen_table, show, text
from logbook.render.terminal.report import procedures, sign_off

TEXT_WIDTH = 80  # a sheet is printed and signed: the text file as wide as the terminal's usual 80 columns


def print_sheets(s: dict, date_format: str = "iso") -> None:
    """The sheets on the terminal (or stdout); long output goes through the pager."""
    out = console()
    show(sheets_parts(s, out.width, date_format), out)


def sheets_text(s: dict) -> str:
    """The sheets as plain text at 80 columns, as `--format text` writes them."""
    out = Console(file=io.StringIO(), width=TEXT_WIDTH, color_system=None, force_terminal=False, highlight=False,
                  emoji=False, legacy_windows=False)
    show(sheets_parts(s, TEXT_WIDTH, "iso"), out)
    return "\n".join(line.rstrip() for line in out.file.getvalue().splitlines()) + "\n"


def sheets_parts(s: dict, width: int, date_format: str = "iso") -> list[RenderableType]:
    """Each sheet under a rule naming its base, so sheets one after another are told apart; the fingerprint last."""
    parts: list[RenderableType] = []
    for sheet in s["sheets"]:
        parts += [Rule(Text(words.sheet_heading(sheet), style="bold"), characters="═", style="bold"), Text("")]
        for part in sheet_parts(s, sheet, width, date_format):
            parts += [part, Text("")]
    signature = s.get("signature")
    if signature:
        from logbook.domain.fingerprint import statement

        digest, check = words.digest_lines(signature)
        parts += [text(f"{digest} {signature['digest']}\n{check}"), Text(""),
                  Unbroken(text(statement(s))), Unbroken(text(signature["token"]))]
    return parts


def sheet_parts(s: dict, sheet: dict, width: int, date_format: str) -> list[RenderableType]:
    def day(iso: str) -> str:
        return show_day(iso, date_format)

    sections: list[RenderableType | None] = [
        profile(s, sheet, date_format),
        days(sheet, day),
        departments(sheet),
        procedures(sheet),
        text(words.left_out(sheet), "bold") if words.left_out(sheet) else None,
        text(words.on_the_sheet(), "dim"),
        *sign_off({"sign_off": [{"site": sheet["site"], "supervisors": sheet["supervisors"]}]}, width, words.confirm()),
    ]
    return [section for section in sections if section is not None]


def profile(s: dict, sheet: dict, date_format: str) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in words.facts(s, sheet, date_format):
        grid.add_row(label, text(value))
    return Panel(grid, title=_(words.SHEET_TITLE), title_align="left", expand=False)


def days(sheet: dict, day) -> Table:
    """The internship from this base's side: days worked here in bold, the rest (elsewhere, weekend, none) dim."""
    laid = words.days_table(sheet, day)
    table = screen_table(laid["title"])
    for n, header in enumerate(laid["headers"]):
        # A figure's header wraps between its words ("Days at / other / bases"); its figures never do.
        widest = max((len(cells[n]) for cells, _here in laid["rows"]), default=1)
        table.add_column(header, justify="right" if n >= laid["numeric_from"] else "left", no_wrap=n == 0,
                         min_width=widest if n >= laid["numeric_from"] else None, overflow="fold")
    for cells, here in laid["rows"]:
        table.add_row(*[text(cell, "bold" if here else "dim") for cell in cells])
    return table


def departments(sheet: dict) -> Table | None:
    if not sheet["hours_by_department"]:
        return None
    table = screen_table(_("Hours by department"))
    table.add_column(_("Department"), overflow="fold")
    table.add_column(_("Days"), justify="right", no_wrap=True)
    table.add_column(_("Hours"), justify="right", no_wrap=True)
    for row in sheet["hours_by_department"]:
        table.add_row(text(row["department"] or "—"), str(row["days"]), hours(row["hours"]))
    table.add_section()
    table.add_row(Text(_("Total"), style="bold"), "", Text(hours(sheet["total_hours"]), style="bold"))
    return table
