"""Reading a file the resident names (an export, a report, a cohort's files): a regular file of bounded size, or a refusal.

A FIFO, a device such as /dev/zero or /dev/urandom, or a huge file is refused before it can hang the
command or fill memory: the bytes are read by the storage's one careful reader.
"""

from __future__ import annotations

from pathlib import Path

from logbook.errors import LogbookError

# The same bound as the logbook file itself: an export of the largest logbook must still import.
MAX_INPUT_MIB = 256


# What an editor may hand back for one note or reflection: its longest text (20,000 characters) at 4 bytes each, and room.
MAX_EDITED_BYTES = 2**20


def read_edited(path: Path, what: str) -> str | None:
    """The text saved in the editor (UTF-8, a regular file of bounded size); None if the editor removed the file.

    An editor (or a script set as $EDITOR) may leave anything there: a FIFO would hang the read, megabytes of text
    would take minutes to print back when refused.
    """
    import os
    import stat

    from logbook.storage.files import read_regular

    try:
        info = os.stat(path)
    except OSError:
        info = None  # gone, or unreadable: read_regular below says which
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise LogbookError(f"the editor left a pipe or device in place of the {what} file; nothing was written")
    if info is not None and info.st_size > MAX_EDITED_BYTES:
        raise LogbookError(f"the editor saved {info.st_size / 2**20:,.0f} MiB, far more than a {what} holds; nothing was written")
    data = read_regular(path, f"{what} file", MAX_EDITED_BYTES)  # still bounded if it grows meanwhile
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise LogbookError(f"the {what} was not saved as UTF-8 text; nothing was written") from None


def read_input(path: Path, what: str) -> bytes:
    """The whole content of `path`, a `what` (e.g. "logbook export"), or a one-line refusal naming the limit."""
    from logbook.storage.files import read_regular

    data = read_regular(path, what, MAX_INPUT_MIB * 2**20)
    if data is None:
        raise LogbookError(f"cannot read {path}: No such file or directory")
    return data
