"""One writer at a time: `<file>.lock` beside the file, held with flock on POSIX and msvcrt.locking on Windows.

Each system has one path and imports only its own module when a lock is taken (fcntl, or the built-in
msvcrt): no dependency, and the same kind of lock on both, held by the system and released when the
process ends, however it ends. Why not filelock: see the README ("One writer at a time").
"""

from __future__ import annotations

import errno
import math
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from logbook.errors import LogbookError, LogbookFileError
from logbook.storage import system

DEFAULT_LOCK_TIMEOUT = 15.0
_NO_INHERIT = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOINHERIT", 0)  # a child process never holds our lock


def lock_timeout() -> float:
    """Seconds a command waits for another one to finish with the logbook (LOGBOOK_LOCK_TIMEOUT)."""
    given = os.environ.get("LOGBOOK_LOCK_TIMEOUT", "").strip()
    if not given:
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(given)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < math.inf:
        raise LogbookError(f"LOGBOOK_LOCK_TIMEOUT: {given!r} is not a number of seconds; use e.g. 15")
    return seconds


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold `<file>.lock` beside the file `path` resolves to: one writer at a time, however it is named.

    A second command waits up to LOGBOOK_LOCK_TIMEOUT seconds, then gives up with one line.
    """
    real = path.resolve()  # two symlinks to one logbook take one lock
    timeout = lock_timeout()
    take, release = (_take_windows, _release_windows) if system.WINDOWS else (_take_posix, None)
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        # msvcrt.locking, like LockFile under it, locks a file opened for writing; flock needs only reading.
        flags = (os.O_RDWR | getattr(os, "O_BINARY", 0)) if system.WINDOWS else os.O_RDONLY
        fd = os.open(f"{real}.lock", flags | os.O_CREAT | _NO_INHERIT, 0o644)
    except OSError as err:
        raise LogbookFileError(f"cannot lock {path}: {err.strerror}; nothing was changed") from None
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                if take(fd):
                    break
            except OSError as err:
                raise LogbookFileError(f"cannot lock {path}: {err.strerror}; nothing was changed") from None
            if time.monotonic() >= deadline:
                raise LogbookFileError(
                    f"{path} is busy: another logbook command was still using it after {timeout:g} s of waiting; "
                    "try again (LOGBOOK_LOCK_TIMEOUT sets how long to wait); nothing was changed")
            time.sleep(0.02)
        try:
            yield
        finally:
            if release is not None:
                release(fd)
    finally:
        os.close(fd)  # closing the descriptor releases the lock on either system


def _take_posix(fd: int) -> bool:
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _take_windows(fd: int) -> bool:
    import msvcrt

    os.lseek(fd, 0, os.SEEK_SET)  # msvcrt.locking locks from the current position: always the first byte
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as err:
        if err.errno in (errno.EACCES, errno.EDEADLOCK):  # another handle holds the byte
            return False
        raise
    return True


def _release_windows(fd: int) -> None:
    import msvcrt

    os.lseek(fd, 0, os.SEEK_SET)
    try:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    except OSError:
        pass  # closing the descriptor next releases it too
