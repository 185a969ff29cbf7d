"""The Rich console every screen prints through: width and colour as the terminal allows, a pager for long output."""

from __future__ import annotations

import io
import os
import re
import sys
from typing import Iterable

from rich import box
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.measure import Measurement
from rich.segment import Segments
from rich.table import Column, Table
from rich.text import Text

from logbook.render.escaping import inert

# Where the output cannot encode them, the screens' marks get one-character ASCII stand-ins (widths stay).
ASCII_MARKS = str.maketrans("█░■○◇□·✓✗⚑—–×", "#.#*+o.vx!--x")
# Jobs smaller than this finish before a progress bar could be read; bigger ones show one on a terminal.
PROGRESS_FROM = 2000


class _Screen(Console):
    def on_broken_pipe(self) -> None:
        # The reader stopped reading (`| head`): Rich would exit 1, which says "refused"; the app's run() ends it as 0.
        self.quiet = True
        raise BrokenPipeError


def console(stderr: bool = False) -> Console:
    # highlight=False: Rich must not colour numbers or URLs inside a resident's text.
    if os.environ.get("NO_COLOR"):
        # no-color.org: Rich alone would drop colours but keep bold and underline; no escape codes at all.
        return _Screen(stderr=stderr, highlight=False, color_system=None, emoji=False)
    return _Screen(stderr=stderr, highlight=False, emoji=False)


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


# Rich's SIMPLE_HEAD with a rule, not a blank line, above a table's last section (a Total row).
RULED = box.Box("    \n    \n ── \n    \n ── \n ── \n    \n    \n")


def screen_table(title: str | None = None, caption: str | None = None, **options) -> Table:
    """Every screen's table look: a rule under the header, no outer edge, two spaces between columns."""
    return Table(title=title, title_justify="left", title_style="bold", caption=caption, caption_justify="left",
                 box=RULED, show_edge=False, pad_edge=False, collapse_padding=True, header_style="bold", **options)


EMPTY = ("", "—")  # a cell that says nothing, or says "none"


def without_empty_columns(table: Table) -> Table:
    """The table without the columns that no row fills (a list of cultural visits has no Level)."""
    if table.row_count:
        table.columns[:] = [column for column in table.columns
                            if not all((cell.plain if isinstance(cell, Text) else cell) in EMPTY for cell in column.cells)]
        for index, column in enumerate(table.columns):
            column._index = index  # Rich pads the first and last column by their index
    return table


def fit(table: Table, width: int) -> Table:
    """Set the table's column widths so that no word is cut unless it is longer than its whole column.

    Left to itself, Rich narrows the widest columns first and may fold a word that would have fitted
    (a name cut as "Sultanov/a"). Here every column first gets its longest word (a column that does not
    wrap, its longest line); the room left goes to the columns whose text still wraps, the least needy
    first. A table that fits as it is, or that cannot fit its words at all, is left to Rich.
    """
    columns = table.columns
    if table.pad_edge and table.padding[3]:  # Rich counts an edge's padding inside a set width: leave such tables be
        return table
    words, lines = zip(*(_extent(column) for column in columns)) if columns else ((), ())
    for column in columns:
        column.width = 1
    overhead = Measurement.get(measuring_console(width), measuring_console(width).options, table).maximum - len(columns)
    for column in columns:
        column.width = None
    room = width - overhead
    if sum(lines) <= room or sum(words) > room:
        return table
    widths = list(words)
    spare = room - sum(widths)
    # Max-min fair: the columns needing least are made whole first (a supervisor's name on one line),
    # then the rest is shared evenly among the columns still wrapping.
    wanting = sorted((n for n, (word, line) in enumerate(zip(words, lines)) if line > word), key=lambda n: lines[n] - words[n])
    for left, n in zip(range(len(wanting), 0, -1), wanting):
        share = min(lines[n] - words[n], spare // left)
        widths[n] += share
        spare -= share
    widths = _fewer_lines(columns, widths, words, wanting)
    for column, w in zip(columns, widths):
        column.width = w
    return table


def _fewer_lines(columns: list[Column], widths: list[int], words: tuple, wanting: list[int]) -> list[int]:
    """The widths after moving a few columns' worth between wrapping text columns while that makes the table shorter.

    An even share can leave a name on three lines ("Анестезиология / и / реаниматология") where one more column
    taken from a neighbour that stays as tall would have left it on two.
    """
    cells = [list(column.cells) for column in columns]
    texts = [n for n in wanting if all(isinstance(cell, (str, Text)) for cell in cells[n])]
    if len(texts) < 2 or len(cells[0]) > 60:  # a long table is left as shared: each try measures every cell
        return widths
    # Each cell as its paragraphs' word widths, wrapped greedily as Rich wraps (a word longer than the line folds).
    words_of = {n: [[[cell_len(word) for word in part.split()] for part in (c.plain if isinstance(c, Text) else c).split("\n")]
                    for c in cells[n]] for n in texts}
    measured: dict[tuple[int, int], list[int]] = {}

    def lines(n: int, width: int) -> list[int]:
        if (n, width) not in measured:
            measured[n, width] = [sum(_wrapped(part, width) for part in cell) for cell in words_of[n]]
        return measured[n, width]

    def height(trial: list[int]) -> int:
        return sum(map(max, zip(*(lines(n, trial[n]) for n in texts))))

    best = height(widths)
    for _ in range(8):
        tries = [[w - s if n == a else w + s if n == b else w for n, w in enumerate(widths)]
                 for a in texts for b in texts if a != b for s in range(1, min(widths[a] - words[a], 6) + 1)]
        shortest = min(tries, key=height, default=None)
        if shortest is None or height(shortest) >= best:
            break
        widths, best = shortest, height(shortest)
    return widths


def _wrapped(words: list[int], width: int) -> int:
    """How many lines words this wide take, wrapped greedily at `width` (at least one line)."""
    count, used = 1, -1
    for word in words:
        if used >= 0 and used + 1 + word <= width:
            used += 1 + word
            continue
        if used >= 0:
            count += 1
        count += (word - 1) // width if word > width else 0
        used = word % width or width if word > width else word
    return count


def _extent(column: Column) -> tuple[int, int]:
    """(the longest word, the longest line) of a column's header and cells; a column that never wraps: its longest line."""
    longest_word = longest_line = 0
    for cell in (column.header, *column.cells):
        if isinstance(cell, (str, Text)):
            plain = cell.plain if isinstance(cell, Text) else cell
            for part in plain.split("\n"):
                longest_line = max(longest_line, cell_len(part))
                longest_word = max(longest_word, *(cell_len(word) for word in part.split()), 0)
        else:
            measured = Measurement.get(measuring_console(80), measuring_console(80).options, cell)
            longest_word, longest_line = max(longest_word, measured.minimum), max(longest_line, measured.maximum)
    return (longest_line if column.no_wrap else longest_word), longest_line


_MEASURERS: dict[int, Console] = {}


def measuring_console(width: int) -> Console:
    """A console that prints nowhere, to measure renderables and wrap text as the screen will."""
    if width not in _MEASURERS:
        _MEASURERS[width] = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False)
    return _MEASURERS[width]


class Unbroken:
    """A line printed whole however wide the screen, e.g. a report's fingerprint that `logbook verify` reads back."""

    def __init__(self, line: Text):
        self.line = line


def show(parts: Iterable[RenderableType | Unbroken], out: Console | None = None) -> None:
    """Print the parts; on a terminal, through Rich's pager (PAGER, else less) when they are longer than the screen."""
    out = out or console()
    parts = [fit(without_empty_columns(part), out.width) if isinstance(part, Table) else part for part in parts]
    if not out.encoding.lower().startswith("utf"):
        with out.capture() as captured:
            _print(out, parts)
        out.file.write(captured.get().translate(ASCII_MARKS).encode(out.encoding, "replace").decode(out.encoding))
        out.file.flush()
        return
    if not out.is_terminal or out.is_dumb_terminal:  # piped: straight out, laid out once
        _print(out, parts)
        return
    # Laid out once, then counted: the pager only when the lines would not fit on the screen.
    laid_out = [part if isinstance(part, Unbroken) else Segments(list(out.render(part))) for part in parts]
    lines = sum(1 if isinstance(part, Unbroken) else sum(s.text.count("\n") for s in part.segments) for part in laid_out)
    if lines < out.height:
        _print(out, laid_out)
        return
    if not pager_found():  # a PAGER naming a missing program would swallow the screen: print it instead
        _print(out, laid_out)
        return
    os.environ.setdefault("LESS", "-R")  # less shows the colours instead of their escape codes
    with out.pager(styles=not WINDOWS):  # Windows' `more` shows escape codes as they are: plain text there
        _print(out, laid_out)


# Where pydoc's pager parts: Windows pages with `more` through a file. A render module cannot ask the storage's seam
# (logbook/storage/system.py), so the tests turn this one as they turn that.
WINDOWS = sys.platform == "win32"


def pager_found() -> bool:
    """Whether the program Rich's pager (pydoc's) would run is there: MANPAGER or PAGER, else `more` on Windows.

    Elsewhere pydoc itself falls back from less to more to printing.
    """
    import shlex
    import shutil

    command = (os.environ.get("MANPAGER") or os.environ.get("PAGER") or "").strip()
    if not command:
        return not WINDOWS or shutil.which("more") is not None
    try:
        program = shlex.split(command, posix=not WINDOWS)[0]
    except (ValueError, IndexError):  # an unclosed quote: no shell would run it either
        return False
    return shutil.which(program) is not None


def _print(out: Console, parts: list) -> None:
    for part in parts:
        if isinstance(part, Unbroken):
            out.print(part.line, soft_wrap=True)
        else:
            out.print(part)


def error(message: str) -> None:
    console(stderr=True).print(Text("Error: ", style="bold red") + line(shortened(message)), soft_wrap=True)


def shortened(message: str) -> str:
    """A refusal short enough to read: a huge quoted value loses its middle; paths and names stay whole to copy."""
    if len(message) <= LONGEST_ERROR:
        return message
    message = QUOTED.sub(lambda quoted: _quote_cut(quoted.group()), message)
    # What is left unquoted is the message's own words, paths and names: whole, unless it is beyond any path.
    return _middle_out(message, LONGEST_UNQUOTED)


def _quote_cut(quoted: str) -> str:
    return quoted[0] + _middle_out(quoted[1:-1], QUOTED_KEEP) + quoted[-1]


def _middle_out(value: str, keep: int) -> str:
    if len(value) <= keep:
        return value
    return f"{value[:keep * 2 // 3]} … ({len(value):,} characters) … {value[-(keep // 3):]}"


LONGEST_ERROR = 600
# A value quoted back (repr-style, '…' or "…") is cut to about this; its quotes sit at both ends, so it still reads as one.
QUOTED_KEEP = 240
QUOTED = re.compile(r"""(?<!\w)'(?:[^'\\\n]|\\.)*'(?!\w)|(?<!\w)"(?:[^"\\\n]|\\.)*"(?!\w)""")
# The longest path Linux allows (4,096 characters) with the words around it; the rest is no longer a message.
LONGEST_UNQUOTED = 4_400


def _progress_wanted(size: int) -> Console | None:
    """The stderr console when it is a terminal and the job is big enough for a progress bar."""
    err = console(stderr=True)
    # A bar redraws itself with cursor escapes, which NO_COLOR and dumb terminals are promised to be spared.
    plain = bool(os.environ.get("NO_COLOR")) or err.is_dumb_terminal
    return err if size >= PROGRESS_FROM and err.is_terminal and not plain else None


def track(items: list, description: str):
    """Iterate `items`, with Rich's progress bar on stderr while a large job runs on a terminal."""
    err = _progress_wanted(len(items))
    if err is None:
        return items
    from rich.progress import track as rich_track

    return rich_track(items, description=description, console=err, transient=True)
