"""Tables for many rows: laid out once and drawn line by line, in the look of Rich's default table.

Rich's Table measures and wraps every cell through its whole rendering pipeline, about 1.3 ms a
row of the entries list (296 ms for 219 rows, measured); a list or summary of a residency has
hundreds to thousands of rows. This table works on plain strings: widths from cell lengths, a
greedy word wrap, whole lines of text. Cells are escaped with inert() before they get here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from rich.cells import cell_len

from logbook.render.screen import Line

# Rich's HEAVY_HEAD box: heavy around the header, light around the rows; ASCII where boxes cannot print.
BOXES = {
    True: {"top": ("┏", "━", "┳", "┓"), "head": ("┃", "┃", "┃"), "head_rule": ("┡", "━", "╇", "┩"),
           "row": ("│", "│", "│"), "section": ("├", "─", "┼", "┤"), "bottom": ("└", "─", "┴", "┘")},
    False: {"top": ("+", "-", "+", "+"), "head": ("|", "|", "|"), "head_rule": ("|", "=", "+", "|"),
            "row": ("|", "|", "|"), "section": ("|", "-", "+", "|"), "bottom": ("+", "-", "+", "+")},
}
Cell = str | tuple[str, str] | None  # text, or (text, style)


@dataclass
class Column:
    header: str
    justify: str = "left"
    style: str = ""
    no_wrap: bool = False
    min_width: int = 0
    width: int = 0  # decided when drawn


@dataclass
class Row:
    cells: list[tuple[str, str]]  # (text, style)
    section_before: bool = False


@dataclass
class Table:
    title: str | None = None
    caption: str | None = None
    title_style: str = "italic"
    box: bool = True  # False: a borderless grid, columns `gap` spaces apart (Rich's box=None, Table.grid)
    show_header: bool = True
    gap: int = 1
    pad_edge: bool = False  # borderless only: a space before the first column, as Rich's box=None table
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    _section_next: bool = False

    def add_column(self, header: str, **options) -> None:
        self.columns.append(Column(header, **options))

    def add_row(self, *cells: Cell) -> None:
        plain = [c if isinstance(c, tuple) else (c or "", "") for c in cells]
        self.rows.append(Row(plain, self._section_next))
        self._section_next = False

    def add_section(self) -> None:
        self._section_next = bool(self.rows)

    def lines(self, width: int, unicode: bool = True) -> Iterator[Line]:
        """The table drawn to fit `width` columns, line by line."""
        box = BOXES[unicode]
        self._fit(width)
        if self.title:
            yield [(self.title, self.title_style)]
        if not self.box:
            yield from self._grid_lines()
            return
        yield self._rule(box["top"])
        head = box["head"]
        yield from self._line([(c.header, "bold") for c in self.columns], (f"{head[0]} ", f" {head[1]} ", f" {head[2]}"),
                              header=True)
        yield self._rule(box["head_rule"])
        for row in self.rows:
            if row.section_before:
                yield self._rule(box["section"])
            yield from self._line(row.cells, (f"{box['row'][0]} ", f" {box['row'][1]} ", f" {box['row'][2]}"))
        yield self._rule(box["bottom"])
        if self.caption:
            for line in _wrap(self.caption, sum(c.width + 3 for c in self.columns) + 1):
                yield [(line, "dim italic")]

    def _grid_lines(self) -> Iterator[Line]:
        edges = (" " if self.pad_edge else "", " " * self.gap, "")
        if self.show_header:
            yield from self._line([(c.header, "bold") for c in self.columns], edges, header=True)
        for row in self.rows:
            yield from self._line(row.cells, edges)
        if self.caption:
            width = sum(c.width for c in self.columns) + self.gap * (len(self.columns) - 1) + 2 * self.pad_edge
            for line in _wrap(self.caption, max(width, 1)):
                yield [(line, "dim italic")]

    def _fit(self, max_width: int) -> None:
        """Natural widths; when too wide, narrow the widest wrappable column a cell at a time, as Rich does."""
        if self.box:
            room = max(len(self.columns), max_width - 3 * len(self.columns) - 1)
        else:
            room = max(len(self.columns), max_width - self.gap * (len(self.columns) - 1) - 2 * self.pad_edge)
        for n, column in enumerate(self.columns):
            texts = [column.header if self.show_header else "", *(row.cells[n][0] for row in self.rows)]
            joined = "".join(texts)
            if joined.isascii() and "\n" not in joined:  # the usual column: lengths are widths
                column.width = max(column.min_width, *map(len, texts))
            else:
                column.width = max(column.min_width, max(_cells(line) for t in texts for line in t.split("\n")))
        excess = sum(c.width for c in self.columns) - room
        while excess > 0:
            wrappable = [c for c in self.columns if not c.no_wrap and c.width > max(c.min_width, 1)]
            candidates = wrappable or [c for c in self.columns if c.width > 1]
            if not candidates:
                break
            widest = max(candidates, key=lambda c: c.width)
            widest.width -= 1
            excess -= 1

    def _rule(self, parts: tuple[str, str, str, str]) -> Line:
        left, fill, cross, right = parts
        return [(left + cross.join(fill * (c.width + 2) for c in self.columns) + right, "")]

    def _line(self, cells: list[tuple[str, str]], edges: tuple[str, str, str], header: bool = False) -> Iterator[Line]:
        """One row, as many lines as its tallest cell; unstyled text between styled cells is one piece.

        `edges` are the strings before the first cell, between cells and after the last."""
        start, sep, end = edges
        columns = self.columns
        padded = []
        for (text, _), c in zip(cells, columns):
            if text.isascii() and len(text) <= c.width and "\n" not in text:  # most cells: one line as it is
                padded.append([_pad(text, c.width, c.justify)])
            else:
                padded.append([_pad(line, c.width, c.justify) for line in _wrap(text, c.width, c.no_wrap)])
        styles = [(c.style if not header else "") + (" " + style if style else "") for c, (_, style) in zip(columns, cells)]
        painted = [n for n, style in enumerate(styles) if style]
        for i in range(max(map(len, padded))):
            texts = [lines[i] if i < len(lines) else " " * c.width for c, lines in zip(columns, padded)]
            shown = [n for n in painted if not texts[n].isspace()]
            if not shown:
                yield [(start + sep.join(texts) + end, "")]
                continue
            # Unstyled stretches between the styled cells stay single pieces of text.
            line, first, lead = [], 0, start
            for n in shown:
                line += [(lead + sep.join(texts[first:n]) + (sep if n > first else ""), ""), (texts[n], styles[n])]
                first, lead = n + 1, sep
            yield [*line, ((lead + sep.join(texts[first:]) if first < len(texts) else "") + end, "")]


def _pad(line: str, width: int, justify: str) -> str:
    pad = width - _cells(line)
    if justify == "right":
        return " " * pad + line
    if justify == "center":
        return " " * (pad // 2) + line + " " * (pad - pad // 2)
    return line + " " * pad


def _cells(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def _wrap(text: str, width: int, no_wrap: bool = False) -> list[str]:
    """Greedy word wrap to `width` cells; a word longer than a line is cut; no_wrap cuts with an ellipsis."""
    if "\n" not in text and _cells(text) <= width:
        return [text]
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if _cells(paragraph) <= width:
            lines.append(paragraph)
        elif no_wrap:
            lines.append(_cut(paragraph, width - 1) + "…")
        else:
            line, used, plain = "", 0, paragraph.isascii()  # ASCII: a word's length is its width
            for word in paragraph.split(" "):
                size = len(word) if plain else _cells(word)
                if line and used + 1 + size <= width:
                    line, used = f"{line} {word}", used + 1 + size
                    continue
                if line:
                    lines.append(line)
                while size > width:
                    head = _cut(word, width)
                    lines.append(head)
                    word = word[len(head):]
                    size = _cells(word)
                line, used = word, size
            lines.append(line)
    return lines


def _cut(text: str, width: int) -> str:
    """The longest start of `text` that fits in `width` cells (at least one character)."""
    if text.isascii():
        return text[: max(width, 1)]
    n = 0
    while n < len(text) and cell_len(text[: n + 1]) <= width:
        n += 1
    return text[: max(n, 1)]


def panel(title: str, rows: list[tuple[str, str]], width: int, unicode: bool = True) -> Iterator[Line]:
    """Labelled values in a rounded box with a centred title, as Rich's Panel of a two-column grid draws them."""
    corners = ("╭", "╮", "╰", "╯", "─", "│") if unicode else ("+", "+", "+", "+", "-", "|")
    top_left, top_right, bottom_left, bottom_right, fill, side = corners
    label_width = max(_cells(label) for label, _ in rows)
    value_width = max(_cells(line) for _, value in rows for line in value.split("\n"))
    value_width = max(1, min(value_width, width - 4 - label_width - 2))
    inner = max(label_width + 2 + value_width + 2, _cells(title) + 4)
    heading = f" {title} "
    left = (inner - _cells(heading)) // 2
    yield [(top_left + fill * left + heading + fill * (inner - left - _cells(heading)) + top_right, "")]
    for label, value in rows:
        for n, line in enumerate(_wrap(value, value_width)):
            yield [(f"{side} ", ""), (_pad(label if n == 0 else "", label_width, "left"), "bold"),
                   ("  " + _pad(line, inner - label_width - 4, "left") + f" {side}", "")]
    yield [(bottom_left + fill * inner + bottom_right, "")]


def wrapped(text: str, width: int, style: str = "") -> Iterator[Line]:
    """Plain text wrapped to the screen, one line at a time."""
    for line in _wrap(text, width):
        yield [(line, style)]


def boxed(title: str, lines: list[Line], width: int, unicode: bool = True, expand: bool = True) -> Iterator[Line]:
    """Lines in a rounded box titled on the left, as Rich's Panel(title_align="left") draws them.

    The lines are wrapped to fit; `expand` fills the screen's width, else the box fits its longest line."""
    corners = ("╭", "╮", "╰", "╯", "─", "│") if unicode else ("+", "+", "+", "+", "-", "|")
    top_left, top_right, bottom_left, bottom_right, fill, side = corners
    room = max(1, width - 4)
    body = [part for line in lines for part in wrap_styled(line, room)]
    longest = max((_cells(part) for line in lines for part in "".join(t for t, _ in line).split("\n")), default=1)
    inner = room if expand else min(room, longest)
    inner = max(inner, min(room, _cells(title) + 4))
    heading = f"{fill} {title} " if title else ""
    yield [(top_left + heading + fill * max(0, inner + 2 - _cells(heading)) + top_right, "")]
    for line in body:
        used = _cells("".join(t for t, _ in line))
        yield [(f"{side} ", ""), *line, (" " * (inner - used) + f" {side}", "")]
    yield [(bottom_left + fill * (inner + 2) + bottom_right, "")]


def wrap_styled(line: Line, width: int) -> list[Line]:
    """A line of styled pieces word-wrapped to `width` cells, each piece keeping its style."""
    text = "".join(t for t, _ in line)
    if "\n" not in text and _cells(text) <= width:
        return [line]
    styles = [style for t, style in line for _ in t]  # the style of each character
    out, pos = [], 0
    for part in _wrap(text, width):
        while text[pos:pos + len(part)] != part:  # skip the space or newline the wrap broke at
            pos += 1
        pieces: Line = []
        for n in range(pos, pos + len(part)):
            if pieces and pieces[-1][1] == styles[n]:
                pieces[-1] = (pieces[-1][0] + text[n], styles[n])
            else:
                pieces.append((text[n], styles[n]))
        out.append(pieces or [("", "")])
        pos += len(part)
    return out
