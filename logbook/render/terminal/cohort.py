"""The cohort report with Rich: on the terminal, or as plain text (no colour, fixed width) for a file."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType
from rich.measure import Measurement
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from logbook.render.files.cohort_layout import MOST_ROWS, TITLE, layout
from logbook.render.language import _
from logbook.render.terminal.console import screen_table, show, text

# Plain text is as wide as its widest table (no cell wrapped), within these bounds.
TEXT_WIDTH = (100, 240)


def print_cohort(report: dict) -> None:
    show(_parts(layout(report, MOST_ROWS)))


def cohort_text(report: dict) -> str:
    parts = _parts(layout(report, MOST_ROWS))
    out = Console(file=io.StringIO(), width=TEXT_WIDTH[1], color_system=None, highlight=False, force_terminal=False,
                  force_jupyter=False, emoji=False)
    widest = max(Measurement.get(out, out.options, part).maximum for part in parts if isinstance(part, Table))
    out.width = max(TEXT_WIDTH[0], min(widest, TEXT_WIDTH[1]))
    for part in parts:
        out.print(part)
    # Rich pads every line to the width; a text file needs no trailing blanks.
    return "\n".join(line.rstrip() for line in out.file.getvalue().splitlines()) + "\n"


class Heading:
    """A section's heading in a rule; one too long for the line (a Russian date is long) wraps above the rule, never cut."""

    def __init__(self, title: Text):
        self.title = title

    def __rich_console__(self, console, options):
        if self.title.cell_len + 4 <= options.max_width:
            yield Rule(self.title, align="left")
        else:
            yield self.title
            yield Rule()


def _parts(sections: list[dict]) -> list[RenderableType]:
    parts: list[RenderableType] = [Text(_(TITLE), style="bold")]
    for section in sections:
        parts += [Text(""), Heading(text(section["heading"], "bold"))]
        parts += [text(line) for line in section["lines"]]
        for table in section["tables"]:
            grid = screen_table(text(table["title"]), text(table["caption"]) if table["caption"] else None)
            for n, column in enumerate(table["columns"]):
                numeric = n >= table["numeric"]
                # Names and long headers wrap at whole words; only a word longer than its whole column folds.
                grid.add_column(text(column), justify="right" if numeric else "left", overflow="fold")
            for row in table["rows"]:
                grid.add_row(*(text(cell) for cell in row))
            parts += [Text(""), grid]
    return parts
