"""Windows, as far as this machine can play it: no fcntl, a stand-in msvcrt whose lock behaves as Windows' does,
and the POSIX-only parts of `os` taken away. `python -m tests.windows ARGS` runs `logbook ARGS` that way.

The stand-in locks a byte range per open handle and refuses at once (LK_NBLCK) with the OSError Windows gives
(EACCES) when another handle holds it: Linux's open-file-description locks (F_OFD_SETLK) behave so.
"""

from __future__ import annotations

import errno
import fcntl
import os
import struct
import sys
import types

LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4
POSIX_ONLY = ("fchown", "fchmod", "geteuid", "O_NONBLOCK")  # what Windows' `os` lacks (and logbook might call)


def locking(fd: int, mode: int, nbytes: int) -> None:
    """msvcrt.locking: lock (LK_NBLCK) or unlock (LK_UNLCK) `nbytes` from the descriptor's current position."""
    if mode not in (LK_NBLCK, LK_UNLCK):
        raise NotImplementedError(f"the stand-in plays LK_NBLCK and LK_UNLCK only, not mode {mode}")
    start = os.lseek(fd, 0, os.SEEK_CUR)
    kind = fcntl.F_WRLCK if mode == LK_NBLCK else fcntl.F_UNLCK
    request = struct.pack("hhqqi4x", kind, os.SEEK_SET, start, nbytes, 0)  # struct flock, l_pid 0 as OFD wants
    try:
        fcntl.fcntl(fd, fcntl.F_OFD_SETLK, request)
    except OSError as err:
        if err.errno in (errno.EAGAIN, errno.EACCES):
            raise PermissionError(errno.EACCES, "Permission denied") from None  # what Windows' CRT reports
        raise


def msvcrt() -> types.ModuleType:
    module = types.ModuleType("msvcrt", "A stand-in for Windows' msvcrt: locking() and its modes.")
    module.locking = locking
    module.LK_UNLCK, module.LK_LOCK, module.LK_NBLCK, module.LK_RLCK, module.LK_NBRLCK = LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK
    return module


def play_windows(monkeypatch) -> None:
    """In this test's process: the storage takes its Windows path, with no fcntl and only Windows' `os`."""
    from logbook.storage import system

    monkeypatch.setattr(system, "WINDOWS", True)
    monkeypatch.setitem(sys.modules, "fcntl", None)  # `import fcntl` now fails, as on Windows
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt())
    for name in POSIX_ONLY:
        monkeypatch.delattr(os, name, raising=False)


def main() -> None:
    import subprocess  # noqa: F401 — it tells Windows by `import msvcrt`, and this machine's is POSIX underneath

    for name in POSIX_ONLY:
        if hasattr(os, name):
            delattr(os, name)
    sys.modules["fcntl"] = None  # type: ignore[assignment]
    sys.modules["msvcrt"] = msvcrt()
    from logbook.storage import system

    system.WINDOWS = True
    from logbook.launch import run

    run()


if __name__ == "__main__":
    main()
