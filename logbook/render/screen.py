"""Writing styled lines to the terminal without Rich's Console, deciding width and colour as Rich does.

Importing rich.console costs about 0.4x the whole start-up floor (CPU, measured side by side);
list and summary print only boxes of text in bold, italic, dim and cyan, so they write them here.
"""

from __future__ import annotations

import os
import sys
from typing import Iterable, TextIO

Line = list[tuple[str, str]]  # pieces of one line: (text, style words such as "bold cyan")

_SGR = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "green": "32", "magenta": "35", "cyan": "36"}
_COLOURS = {"red", "green", "magenta", "cyan"}
# One character each, so tables keep their widths: bars, calendar marks, target status, a cut cell's ellipsis.
_ASCII_MARKS = str.maketrans("█░■○□·✓✗⚑…—", "#.#*o.vx!~-")


class Screen:
    """Where lines go: its width, whether it shows styles and colours, and whether it takes box drawing."""

    def __init__(self, stream: TextIO | None = None, environ: dict | None = None):
        self.stream = stream or sys.stdout
        env = os.environ if environ is None else environ
        terminal = _is_terminal(self.stream, env)
        dumb = terminal and env.get("TERM", "").lower() in ("dumb", "unknown")
        self.width = 80 if dumb else _width(env)
        # NO_COLOR takes every escape code away, bold included, as our Rich console does.
        self.styled = terminal and not dumb and env.get("NO_COLOR", "") == ""
        self.coloured = self.styled
        self.unicode = (getattr(self.stream, "encoding", None) or "utf-8").lower().startswith("utf")

    def write(self, lines: Iterable[Line]) -> None:
        if self.styled:
            text = "\n".join("".join(self._paint(piece, style) for piece, style in line) for line in lines)
        else:
            text = "\n".join("".join(piece for piece, _ in line) for line in lines)
        if not self.unicode:  # boxes are ASCII already; the report's marks get ASCII stand-ins, anything else "?"
            encoding = self.stream.encoding
            text = text.translate(_ASCII_MARKS).encode(encoding, errors="replace").decode(encoding)
        self.stream.write(text + "\n")
        self.stream.flush()

    def _paint(self, text: str, style: str) -> str:
        if not (style and self.styled and text):
            return text
        codes = ";".join(_SGR[word] for word in style.split() if word in _SGR and (self.coloured or word not in _COLOURS))
        return f"\x1b[{codes}m{text}\x1b[0m" if codes else text


def _is_terminal(stream: TextIO, env: dict) -> bool:
    # Rich's order: TTY_COMPATIBLE, then FORCE_COLOR (https://force-color.org/), then isatty().
    if env.get("TTY_COMPATIBLE") in ("0", "1"):
        return env["TTY_COMPATIBLE"] == "1"
    if env.get("FORCE_COLOR") is not None:
        return env["FORCE_COLOR"] != ""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _width(env: dict) -> int:
    """The terminal's columns: COLUMNS if set, else the first of stdin, stdout, stderr that is a terminal, else 80."""
    columns = env.get("COLUMNS", "")
    if columns.isdigit() and int(columns):
        return int(columns)
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns or 80
        except (OSError, ValueError):
            continue
    return 80
