"""Messages for the user on stderr without loading Rich, so `add` and friends start fast."""

from __future__ import annotations

import sys

from logbook.render.escaping import inert


def say(message: str) -> None:
    """A confirmation or notice for the user, on stderr so stdout stays data; control characters escaped."""
    line = inert(message, one_line=True)
    if sys.stderr.isatty():
        line = _between_words(line)
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def _between_words(line: str) -> str:
    """A terminal breaks a long line mid-word at its edge: break it between words (a word wider than a line stays whole)."""
    import os
    import textwrap

    columns = os.environ.get("COLUMNS", "")
    try:
        width = int(columns) if columns.isdigit() else os.get_terminal_size(sys.stderr.fileno()).columns
    except OSError:
        return line
    return textwrap.fill(line, max(width, 20), break_long_words=False, break_on_hyphens=False)
