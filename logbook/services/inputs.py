"""Reading a file the resident names (an export, a report, a cohort's files): a regular file of bounded size, or a refusal.

A FIFO, a device such as /dev/zero or /dev/urandom, or a huge file is refused before it can hang the
command or fill memory: the bytes are read by the storage's one careful reader.
"""

from __future__ import annotations

from pathlib import Path

from logbook.errors import LogbookError

# The same bound as the logbook file itself: an export of the largest logbook must still import.
MAX_INPUT_MIB = 256


def read_input(path: Path, what: str) -> bytes:
    """The whole content of `path`, a `what` (e.g. "logbook export"), or a one-line refusal naming the limit."""
    from logbook.storage.files import read_regular

    data = read_regular(path, what, MAX_INPUT_MIB * 2**20)
    if data is None:
        raise LogbookError(f"cannot read {path}: No such file or directory")
    return data
