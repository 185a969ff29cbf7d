"""The logbook file on disk: where it lives, reading it safely, writing it atomically (the lock is in lock.py)."""

from __future__ import annotations

import glob
import os
import stat
import tempfile
import time
from pathlib import Path

from logbook.errors import LogbookFileError
from logbook.storage import system

# A residency of eight years at 50 entries a day is ~65 MiB; this bounds what /dev/zero or a FIFO can make us read.
MAX_BYTES = 256 * 2**20
# Never block on a FIFO (POSIX), never translate line ends (Windows), never leak into a child process.
_READ_FLAGS = (getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
               | getattr(os, "O_NOINHERIT", 0))
# How long to wait, one try after another, while Windows refuses a rename because a sync client, an indexer
# or an antivirus holds the file open for a moment: about a second in all.
REPLACE_WAITS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.4)


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


def read_logbook(path: Path) -> bytes | None:
    """The logbook file's bytes; None when there is no logbook there yet.

    An empty file with no backups beside it is no logbook yet (stock TinyDB creates the file before it writes
    anything); an empty file with backups beside it is damage, for `logbook doctor` to restore.
    """
    data = read_regular(path)
    if data is not None and not data.strip() and not has_backups(path):
        return None
    return data


def has_backups(path: Path) -> bool:
    """Whether the logbook at `path` has a `.bak` or a dated copy beside it."""
    folder = backups_dir(path)
    return previous_version(path).exists() or (folder.is_dir() and any(folder.glob("*.json")))


def read_regular(path: Path, what: str = "logbook file", limit: int | None = None) -> bytes | None:
    """The bytes of a regular file of at most `limit` bytes; None when there is none; a refusal otherwise.

    Opened without blocking and checked before reading, so a FIFO, a device or /dev/zero is refused
    instead of hanging or filling memory.
    """
    limit = MAX_BYTES if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | _READ_FLAGS)
    except FileNotFoundError:
        return None
    except (IsADirectoryError, PermissionError) as err:
        if os.path.isdir(path):  # Windows refuses to open a folder with "Permission denied"
            raise LogbookFileError(f"{path} is a folder, not a {what}") from None
        raise LogbookFileError(f"cannot read {path}: {err.strerror}") from None
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
    if system.WINDOWS:  # the Read-only attribute: the only mode bit Windows has
        return stat.S_ISREG(info.st_mode) and not info.st_mode & stat.S_IWRITE
    owner_read_only = info.st_uid == os.geteuid() and not info.st_mode & stat.S_IWUSR  # root may write it, yet should not
    return stat.S_ISREG(info.st_mode) and (owner_read_only or not os.access(path, os.W_OK))


def refuse_read_only(path: Path) -> None:
    """A read-only logbook is the user's choice: refuse to change it rather than replace it with a writable one."""
    if is_read_only(path):
        how = (f"clear its Read-only attribute, e.g. `attrib -r \"{path}\"`" if system.WINDOWS
               else f"make it writable, e.g. `chmod u+w {path}`")
        raise LogbookFileError(f"{path} is read-only, so logbook will not change it ({how}, to change it); nothing was changed")


def refuse_other_names(path: Path) -> None:
    """A logbook with hard links is refused: a change replaces the file under one name and would split it in two.

    Refused rather than locked by identity, since the `.bak`, the dated copies and the rename itself are per name.
    """
    try:
        fd = os.open(path, os.O_RDONLY | _READ_FLAGS)
    except FileNotFoundError:
        return
    except OSError as err:
        raise LogbookFileError(f"cannot read {path}: {err.strerror}; nothing was changed") from None
    try:
        info = os.fstat(fd)  # from the open file: on Windows, stat by name may not count the links
    finally:
        os.close(fd)
    names = info.st_nlink
    if stat.S_ISREG(info.st_mode) and names > 1:  # a folder's links are its subfolders: refused elsewhere
        raise LogbookFileError(
            f"{path} is one file under {names} names (hard links); a change replaces it under this name only and "
            f"would split the logbook in {names}; keep one name (delete the others, or use a symbolic link); "
            "nothing was changed")


def write_atomically(path: Path, payload: bytes, previous: Path | None = None) -> None:
    """Write to a temporary file beside `path`, fsync it, rename it over `path`, fsync the folder.

    Readers see the old file or the new one, never half of either; on failure the old file stays
    byte-for-byte and the temporary files are removed. The new file keeps the old one's mode and
    group (a shared 0640 logbook stays shared). With `previous`, the replaced file becomes it.
    """
    target = path.resolve()  # write through a symlink, never over it
    tmp = kept = None
    replacing = False
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
            if old is not None and not system.WINDOWS:  # Windows has no group, and the old file was writable
                _keep_owner_and_mode(fd, old)
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        if previous is not None and old is not None and old.st_size > 0:  # an empty file holds nothing to keep
            kept = _link_or_copy(target, previous)
        replacing = True
        _replace(tmp, target)
        tmp = None
    except BaseException as err:
        for leftover in (tmp, kept):
            if leftover is not None:
                remove_if_possible(leftover)
        if isinstance(err, PermissionError) and replacing and system.WINDOWS:
            raise LogbookFileError(f"could not write {path}: Windows refused to replace it for over a second (a sync "
                                   "client, an indexer or an antivirus may hold it open); try again; the file was left "
                                   "as it was") from None
        if isinstance(err, OSError):
            raise LogbookFileError(f"could not write {path}: {err.strerror or err}; the file was left as it was") from None
        raise
    if kept is not None:
        try:
            _replace(kept, previous)
        except OSError as err:
            remove_if_possible(kept)
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


def _replace(source: Path, target: Path) -> None:
    """os.replace; on Windows retried for about a second while another program holds the target open."""
    waits = iter(REPLACE_WAITS if system.WINDOWS else ())
    while True:
        try:
            os.replace(source, target)
            return
        except PermissionError:
            wait = next(waits, None)
            if wait is None:
                raise
            time.sleep(wait)


def _fsync_dir(folder: Path) -> None:
    # The rename is only durable once the directory entry is on disk; Windows cannot open a folder to flush
    # it, and NTFS journals the rename itself.
    if system.WINDOWS:
        return
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
            remove_if_possible(leftover)


def remove_if_possible(leftover: Path) -> bool:
    """Remove a file we no longer need; one another program holds open (Windows refuses then) goes next time."""
    try:
        leftover.unlink(missing_ok=True)
    except OSError:
        return False
    return True
