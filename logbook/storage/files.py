"""The logbook file on disk: where it lives, reading it safely, writing it atomically, and the lock."""

from __future__ import annotations

import glob
import math
import os
import stat
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from logbook.errors import LogbookError, LogbookFileError

DEFAULT_LOCK_TIMEOUT = 15.0
# A residency of eight years at 50 entries a day is ~65 MiB; this bounds what /dev/zero or a FIFO can make us read.
MAX_BYTES = 256 * 2**20


def default_path() -> Path:
    """Where the logbook lives when neither --db nor LOGBOOK_DB says otherwise."""
    from platformdirs import user_data_path

    return user_data_path("logbook", appauthor=False) / "logbook.json"


def previous_version(path: Path) -> Path:
    """The rolling backup: the logbook as it was before the last change, beside the file a link points to."""
    real = path.resolve()
    return real.with_name(f"{real.name}.bak")


def backups_dir(path: Path) -> Path:
    """The folder of dated copies, beside the file a link points to (two links to one logbook share it)."""
    real = path.resolve()
    return real.with_name(f"{real.name}.backups")


def read_regular(path: Path, what: str = "logbook file", limit: int | None = None) -> bytes | None:
    """The bytes of a regular file of at most `limit` bytes; None when there is none; a refusal otherwise.

    Opened without blocking and checked before reading, so a FIFO, a device or /dev/zero is refused
    instead of hanging or filling memory.
    """
    limit = MAX_BYTES if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise LogbookFileError(f"{path} is a folder, not a {what}") from None
    except OSError as err:
        raise LogbookFileError(f"cannot read {path}: {err.strerror}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise LogbookFileError(f"{path} is a folder, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise LogbookFileError(f"{path} is not a regular file (a device, pipe or socket), so it is not a {what}")
        if info.st_size > limit:
            raise LogbookFileError(f"{path} is {info.st_size / 2**20:,.0f} MiB; a {what} is at most {limit // 2**20} MiB")
        with os.fdopen(os.dup(fd), "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as err:
        raise LogbookFileError(f"cannot read {path}: {err.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while we read it
        raise LogbookFileError(f"{path} is over {limit // 2**20} MiB; a {what} is at most {limit // 2**20} MiB")
    return data


def is_read_only(path: Path) -> bool:
    """Whether the file at `path` is one its owner (or the file system) marked read-only."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return False
    except OSError as err:
        raise LogbookFileError(f"cannot read {path}: {err.strerror}") from None
    owner_read_only = info.st_uid == os.geteuid() and not info.st_mode & stat.S_IWUSR  # root may write it, yet should not
    return stat.S_ISREG(info.st_mode) and (owner_read_only or not os.access(path, os.W_OK))


def refuse_read_only(path: Path) -> None:
    """A read-only logbook is the user's choice: refuse to change it rather than replace it with a writable one."""
    if is_read_only(path):
        raise LogbookFileError(f"{path} is read-only, so logbook will not change it (make it writable, e.g. "
                               f"`chmod u+w {path}`, to change it); nothing was changed")


def write_atomically(path: Path, payload: bytes, previous: Path | None = None) -> None:
    """Write to a temporary file beside `path`, fsync it, rename it over `path`, fsync the folder.

    Readers see the old file or the new one, never half of either; on failure the old file stays
    byte-for-byte and the temporary files are removed. The new file keeps the old one's mode and
    group (a shared 0640 logbook stays shared). With `previous`, the replaced file becomes it.
    """
    target = path.resolve()  # write through a symlink, never over it
    tmp = kept = None
    try:
        try:
            old = os.stat(target)
        except FileNotFoundError:
            old = None
        if old is not None and not stat.S_ISREG(old.st_mode):
            raise LogbookFileError(f"{path} is not a regular file; logbook writes only regular files; nothing was changed")
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}~", suffix=".tmp")
        tmp = Path(name)
        try:
            if old is not None:
                _keep_owner_and_mode(fd, old)
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        if previous is not None and old is not None:
            kept = _link_or_copy(target, previous)
        os.replace(tmp, target)
        tmp = None
    except BaseException as err:
        for leftover in (tmp, kept):
            if leftover is not None:
                leftover.unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise LogbookFileError(f"could not write {path}: {err.strerror or err}; the file was left as it was") from None
        raise
    if kept is not None:
        try:
            os.replace(kept, previous)
        except OSError as err:
            kept.unlink(missing_ok=True)
            raise LogbookFileError(f"saved {path}, but could not update its backup {previous}: {err.strerror}") from None
    _fsync_dir(target.parent)


def _keep_owner_and_mode(fd: int, old: os.stat_result) -> None:
    try:
        os.fchown(fd, -1, old.st_gid)  # the group first: changing it may clear set-group-id bits
    except OSError:
        pass  # not a member of that group: the new file keeps ours
    os.fchmod(fd, stat.S_IMODE(old.st_mode))


def _link_or_copy(source: Path, beside: Path) -> Path:
    """A temporary twin of `source` next to `beside` (a hard link costs no copy), to be renamed later."""
    twin = beside.with_name(f".{beside.name}~{os.getpid()}.tmp")
    twin.unlink(missing_ok=True)
    try:
        os.link(source, twin)
    except OSError:
        import shutil

        shutil.copy2(source, twin)
    return twin


def _fsync_dir(folder: Path) -> None:
    # The rename is only durable once the directory entry is on disk.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temporaries(path: Path) -> None:
    """Temporary files left by a killed writer; only called under the lock, when no one else is writing."""
    for name in (path.name, previous_version(path).name):
        for leftover in path.parent.glob(f".{glob.escape(name)}~*.tmp"):
            leftover.unlink(missing_ok=True)


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

    flock, not filelock: filelock does the same flock on Unix and costs ~32 ms to import (fcntl: 0.2 ms).
    A second command waits up to LOGBOOK_LOCK_TIMEOUT seconds.
    """
    import fcntl

    real = path.resolve()  # two symlinks to one logbook take one lock
    timeout = lock_timeout()
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(f"{real}.lock", os.O_RDONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as err:
        raise LogbookFileError(f"cannot lock {path}: {err.strerror}; nothing was changed") from None
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LogbookFileError(
                        f"{path} is busy: another logbook command was still using it after {timeout:g} s of waiting; "
                        "try again (LOGBOOK_LOCK_TIMEOUT sets how long to wait); nothing was changed") from None
                time.sleep(0.02)
            except OSError as err:
                raise LogbookFileError(f"cannot lock {path}: {err.strerror}; nothing was changed") from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the flock
