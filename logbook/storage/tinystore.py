"""TinyDB's Storage for a logbook file: parsed with orjson, written whole and atomically.

TinyDB's own JSONStorage rewrites the file in place (a crash or a full disk leaves it cut short)
and has no lock. This is TinyDB's documented extension point: `TinyDB(path, storage=LogbookStorage)`
works on its own; the logbook puts it under TinyDB's CachingMiddleware, so a change of several steps
(an import: entries, targets, reflections) is written once, when the whole change succeeded.
"""

from __future__ import annotations

import math
from pathlib import Path

from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage

from logbook.errors import LogbookFileError
from logbook.storage import files, migrations
from logbook.storage.files import previous_version, read_regular, write_atomically
from logbook.storage.format import DOCTOR_HINT, dump, problem_with


class LogbookStorage(Storage):
    """The logbook file as TinyDB sees it: read once (orjson), each write atomic with `<file>.bak` kept."""

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self.data: bytes | None = None  # the file's bytes as read, for the checks and the dated copies
        self._tables: dict | None = None
        self._read = False

    def read(self) -> dict | None:
        if not self._read:
            self.data = read_regular(self.path)
            if self.data is not None:
                tables, problem, _ = problem_with(self.data, migrations.SCHEMA_VERSION)
                if problem:
                    raise LogbookFileError(f"{self.path} {problem}; {DOCTOR_HINT}")
                self._tables = tables
            self._read = True
        return self._tables

    def migrated_in_memory(self, tables: dict) -> None:
        """Hold the migrated tables for reading, leaving the file as it is."""
        self._tables = tables

    def write(self, data: dict) -> None:
        if self.read_only:
            raise RuntimeError("a logbook read for a report is never written")  # a defect, not a user's error
        payload = dump(data, self.path)
        if len(payload) > files.MAX_BYTES:  # a file no command could read back would lose the whole logbook
            raise LogbookFileError(f"{self.path} would grow to {len(payload) / 2**20:,.0f} MiB, and a logbook file holds at "
                                   f"most {files.MAX_BYTES // 2**20} MiB; nothing was changed")
        write_atomically(self.path, payload, previous=previous_version(self.path))
        self._tables = data

    def close(self) -> None:
        pass


class OneWrite(CachingMiddleware):
    """TinyDB's CachingMiddleware, flushed only by the logbook, once, when a change is complete."""

    WRITE_CACHE_SIZE = math.inf

    @property
    def changed(self) -> bool:
        return self._cache_modified_count > 0

    def close(self) -> None:
        pass  # never flush on close: a change that failed halfway is dropped whole
