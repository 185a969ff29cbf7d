"""Messages for the user on stderr without loading Rich, so `add` and friends start fast."""

from __future__ import annotations

import sys

from logbook.render.escaping import inert


def say(message: str) -> None:
    """A confirmation or notice for the user, on stderr so stdout stays data; control characters escaped."""
    sys.stderr.write(inert(message, one_line=True) + "\n")
    sys.stderr.flush()
