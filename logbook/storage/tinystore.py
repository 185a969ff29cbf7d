"""TinyDB's Storage for a logbook file: parsed with orjson, written whole and atomically.

TinyDB's own JSONStorage rewrites the file in place (a crash or a full disk leaves it cut short)
and has no lock. This is TinyDB's documented extension point, and it keeps TinyDB's Storage contract
on its own (`TinyDB(path, storage=LogbookStorage)`): what `write` stored, `read` returns, and a handle
reads the file again once another handle (or process) has replaced it. Being a logbook file's storage,
it keeps the file's format marker, the `_meta` table, in every write (`drop_tables()` leaves it) and
refuses a value JSON cannot hold (NaN, infinity) rather than write it as null. It takes no lock: the
logbook holds its lock around a whole change, under TinyDB's CachingMiddleware, so a change of several
steps (an import: entries, targets, reflections) is written once, when the whole change succeeded.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage

from logbook.errors import LogbookFileError
from logbook.storage import files, migrations
from logbook.storage.files import previous_version, read_logbook, write_atomically
from logbook.storage.format import DOCTOR_HINT, META, dump, new_tables, problem_with


class LogbookStorage(Storage):
    """The logbook file as TinyDB sees it: parsed with orjson, each write atomic with `<file>.bak` kept.

    A read-only storage is a snapshot: read once, it never changes under the command that reads it.
    Any other reads the file again when it was replaced since it last read or wrote it.
    """

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self.data: bytes | None = None  # the file's bytes as read, for the checks and the dated copies
        self._tables: dict | None = None
        self._read = False
        self._seen: tuple | None = None  # the file's identity and age when last read or written

    def read(self) -> dict | None:
        if self._read and (self.read_only or self._identity() == self._seen):
            return self._tables
        seen = self._identity()  # before reading: a file replaced meanwhile is read again next time
        self.data = read_logbook(self.path)
        self._tables = None
        if self.data is not None:
            tables, problem, _ = problem_with(self.data, migrations.SCHEMA_VERSION)
            if problem:
                raise LogbookFileError(f"{self.path} {problem}; {DOCTOR_HINT}")
            self._tables = tables
        self._read, self._seen = True, seen
        return self._tables

    def migrated_in_memory(self, tables: dict) -> None:
        """Hold the migrated tables for reading, leaving the file as it is."""
        self._tables = tables

    def write(self, data: dict) -> None:
        if self.read_only:
            raise RuntimeError("a logbook read for a report is never written")  # a defect, not a user's error
        if META not in data:  # TinyDB's drop_tables(), or a first insert: the file stays a logbook file
            data = {**new_tables(migrations.SCHEMA_VERSION), **data}
        payload = dump(data, self.path)
        if len(payload) > files.MAX_BYTES:  # a file no command could read back would lose the whole logbook
            raise LogbookFileError(f"{self.path} would grow to {len(payload) / 2**20:,.0f} MiB, and a logbook file holds at "
                                   f"most {files.MAX_BYTES // 2**20} MiB; nothing was changed")
        write_atomically(self.path, payload, previous=previous_version(self.path))
        self.data, self._tables, self._read, self._seen = payload, data, True, self._identity()

    def close(self) -> None:
        pass

    def _identity(self) -> tuple | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns, info.st_ctime_ns


class OneWrite(CachingMiddleware):
    """TinyDB's CachingMiddleware, flushed only by the logbook, once, when a change is complete."""

    WRITE_CACHE_SIZE = math.inf

    @property
    def changed(self) -> bool:
        return self._cache_modified_count > 0

    def close(self) -> None:
        pass  # never flush on close: a change that failed halfway is dropped whole
