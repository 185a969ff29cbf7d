"""Writing what a command made (a report, an export) to the file the resident named, never over what it read."""

from __future__ import annotations

import os
from pathlib import Path

from logbook.errors import LogbookError


def write_output(path: Path, payload: bytes, inputs: tuple[tuple[Path, str], ...] = (), force: bool = False) -> None:
    """Write the whole file or nothing: a failure leaves what was there before.

    `inputs` are (file, what it is) pairs the command read; an output naming one of them, by any spelling,
    link or hard link, is refused, as is anything but a regular file (a device or FIFO stays what it is),
    and a read-only file unless `force`.
    """
    from logbook.storage.files import write_atomically

    refuse_output_over(path, inputs, force)
    try:
        info = path.stat()
    except OSError:
        info = None
    if info is not None and not _regular(info):
        raise LogbookError(f"--output {path} is not a regular file (a device, pipe or folder); name a file, "
                           "or leave out --output to print to the terminal; nothing was written")
    write_atomically(path, payload)


def refuse_output_over(path: Path, inputs, force: bool = False) -> None:
    """Refuse, before any work, an output that names a file the command reads (by any spelling or link),
    or, unless `force`, a file marked read-only (a signed report its owner protected, as the shell's `>` would)."""
    for source, what in inputs:
        if _same_file(path, source):
            raise LogbookError(f"--output {path} is {what} ({source}); write the output to another file; nothing was written")
    if not force and (mode := _read_only_mode(path)):
        raise LogbookError(f"--output {path} is read-only ({mode}), so logbook will not replace it; add --force to "
                           "replace it, or name another file; nothing was written")


def _read_only_mode(path: Path) -> str | None:
    """The file's mode (`-r--r--r--`) if it is a regular file marked read-only, else None.

    A rename replaces a file whatever its mode, and root may write any file (os.access says yes):
    a file without its owner's write bit is read-only for everyone, root included.
    """
    import stat

    try:
        info = path.stat()
    except OSError:
        return None
    if not _regular(info):
        return None
    if info.st_mode & stat.S_IWUSR and os.access(path, os.W_OK):
        return None
    return stat.filemode(info.st_mode)


def _regular(info: os.stat_result) -> bool:
    import stat

    return stat.S_ISREG(info.st_mode)


def _same_file(a: Path, b: Path) -> bool:
    """One file under two names: the same resolved path, or (for a hard link) the same inode."""
    try:
        if a.expanduser().resolve() == b.expanduser().resolve():
            return True
        return os.path.samefile(a, b)
    except OSError:
        return False


def logbook_files(path: Path) -> tuple[tuple[Path, str], ...]:
    """The logbook file, the files that keep it safe, and the config file: none of them an output may replace."""
    from logbook.config import config_path
    from logbook.storage.files import backups_dir, previous_version

    real = path.resolve()
    pairs = [(path, "the logbook"), (previous_version(path), "the logbook's backup"),
             (real.with_name(f"{real.name}.lock"), "the logbook's lock"),  # replacing it would let two writers in
             (config_path(), "the config file")]
    folder = backups_dir(path)
    if folder.is_dir():
        pairs += [(copy, "a backup of the logbook") for copy in folder.iterdir()]
    return tuple(pairs)
