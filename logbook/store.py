"""The logbook file: the only module that opens it, locks it, writes it, backs it up, migrates and checks it."""

from __future__ import annotations

import glob
import math
import os
import time
import tempfile
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

import orjson

from logbook.errors import InvalidValue, LogbookError, LogbookFileError

FORMAT = "internship-logbook-store"
SCHEMA_VERSION = 1
DEFAULT_LOCK_TIMEOUT = 15.0

# Numbered migrations: MIGRATIONS[n] turns a schema-n file's tables into schema n+1.
# The targets and reflections tables needed none: a schema-1 file without them reads as having none,
# and TinyDB keeps tables it does not know, so an older logbook still reads and rewrites a newer file.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}

META, INTERNSHIP, ENTRIES, TARGETS, REFLECTIONS = "_meta", "internship", "entries", "targets", "reflections"
EXPORT_FORMAT = "internship-logbook"  # what `logbook export` writes; recognised only to give a better message
DOCTOR_HINT = "nothing was changed (`logbook doctor` explains and can restore a backup)"


def default_path() -> Path:
    """Where the logbook lives when neither --db nor LOGBOOK_DB says otherwise."""
    from platformdirs import user_data_path

    return user_data_path("logbook", appauthor=False) / "logbook.json"


def backups_dir(path: Path) -> Path:
    return path.with_name(f"{path.name}.backups")


def previous_version(path: Path) -> Path:
    """The rolling backup: the logbook as it was before the last change."""
    return path.with_name(f"{path.name}.bak")


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


def new_tables() -> dict:
    return {META: {"1": {"format": FORMAT, "schema_version": SCHEMA_VERSION}}}


def schema_of(tables: dict) -> int:
    return next(iter(tables[META].values()))["schema_version"]


def problem_with(data: bytes) -> tuple[dict | None, str | None, bool]:
    """Whether bytes are a logbook this program understands: (tables, None, False) or (None, what is wrong, newer)."""
    if not data.strip():
        return None, "is empty, so it holds no logbook", False
    try:
        tables = orjson.loads(data)
    except orjson.JSONDecodeError as err:
        if b"\0" in data[:4096]:
            return None, "is a binary file, not a logbook (a logbook is JSON text)", False
        return None, f"is not valid JSON ({err}); it may have been cut short or edited by hand", False
    if isinstance(tables, dict) and tables.get("format") == EXPORT_FORMAT:
        return None, "is a logbook export, not a logbook file; bring it into a logbook with `logbook import`", False
    meta = tables.get(META) if isinstance(tables, dict) else None
    doc = next(iter(meta.values()), None) if isinstance(meta, dict) else None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        return None, "is JSON but not a logbook file (it lacks the logbook's format marker)", False
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return None, f"has no valid schema_version ({version!r})", False
    if version > SCHEMA_VERSION:
        return None, (
            f"was written by a newer logbook (schema {version}; this one knows up to {SCHEMA_VERSION}); "
            "upgrade logbook to use it"
        ), True
    for table in (INTERNSHIP, ENTRIES, TARGETS, REFLECTIONS):
        if not isinstance(tables.get(table, {}), dict):
            return None, f"has a damaged {table!r} table (it should be a JSON object)", False
    return tables, None, False


def parse_file(path: Path, data: bytes) -> dict:
    """The file's tables, or a refusal naming the file and what is wrong with it."""
    tables, problem, _ = problem_with(data)
    if problem:
        raise LogbookFileError(f"{path} {problem}; {DOCTOR_HINT}")
    return tables


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise LogbookFileError(f"{path} is a folder, not a logbook file") from None
    except OSError as err:
        raise LogbookFileError(f"cannot read {path}: {err.strerror}") from None


def read_tables(path: Path) -> dict | None:
    """The file's tables, or None when there is no logbook file yet."""
    data = _read_bytes(path)
    return None if data is None else parse_file(path, data)


def write_atomically(path: Path, payload: bytes | list, previous: Path | None = None) -> None:
    """Write to a temporary file beside `path`, fsync it, then rename it over `path`.

    Readers see the old file or the new one, never half of either; on failure the old file stays
    byte-for-byte and the temporary files are removed. With `previous`, the replaced file becomes it.
    `payload` may be a list of pieces, written one after the other (a splice need not join 40 MB).
    """
    target = path.resolve() if path.is_symlink() else path  # write through a symlink, never over it
    tmp = kept = None
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}~", suffix=".tmp")
        tmp = Path(name)
        try:
            for piece in payload if isinstance(payload, list) else [payload]:
                view = memoryview(piece)
                while view:
                    view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        if previous is not None and target.exists():
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


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files left by a killed writer; only called under the lock, when no one else is writing."""
    for name in (path.name, previous_version(path).name):
        for leftover in path.parent.glob(f".{glob.escape(name)}~*.tmp"):
            leftover.unlink(missing_ok=True)


def dated_copy(path: Path, reason: str, data: bytes | None = None) -> Path | None:
    """A dated copy of the logbook in its backups folder, kept before risky changes."""
    if data is None:
        data = _read_bytes(path)
        if data is None:
            return None
    folder = backups_dir(path)
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    dest = folder / f"{path.stem}.{stamp}.{reason}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise LogbookFileError(f"could not create {folder} for a backup: {err.strerror}; nothing was changed") from None
    write_atomically(dest, data)
    if path.exists():
        st = path.stat()
        os.utime(dest, ns=(st.st_atime_ns, st.st_mtime_ns))  # a backup is as old as the version it holds
    return dest


def backups(path: Path) -> list[Path]:
    """Every backup of this logbook, the most recently saved version first."""
    found = [previous_version(path)] if previous_version(path).is_file() else []
    folder = backups_dir(path)
    if folder.is_dir():
        found += [p for p in folder.glob(f"{glob.escape(path.stem)}.*.json") if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


class AtomicStorage:
    """TinyDB storage over tables held in memory: a change is saved once, whole, when it is complete.

    (TinyDB asks a storage only for read, write and close; not deriving from tinydb.storages.Storage
    lets a splice, which needs no TinyDB, skip importing it.)

    TinyDB's JSONStorage rewrites the file in place after every operation (a crash or a full disk
    leaves it truncated, a multi-step change half-done); here `Logbook.change()` saves the tables
    with `save()` only when the whole change succeeded.
    """

    def __init__(self, tables: dict):
        self.tables = tables
        self.changed = False

    def read(self) -> dict:
        return self.tables

    def write(self, data: dict) -> None:
        self.tables = data
        self.changed = True

    def close(self) -> None:
        pass


def dump(document: dict, path: Path) -> bytes:
    """A document in the logbook's layout (orjson, two-space indent), or a refusal before the file is touched."""
    try:
        return orjson.dumps(document, option=orjson.OPT_INDENT_2)
    except TypeError as err:
        raise LogbookFileError(f"could not save the logbook ({err}); {path} was left as it was") from None


def save(path: Path, tables: dict) -> None:
    """Serialise the tables and replace the logbook with them; the replaced file becomes `<logbook>.bak`."""
    write_atomically(path, dump(tables, path), previous=previous_version(path))


class Spliceable:
    """A logbook file in the layout `save()` writes, whose new entries can be spliced in as bytes.

    Adding one entry through TinyDB means parsing every entry, copying the table twice and
    serialising the whole file again (about 1 s at 100,000 entries); appending into the file's own
    bytes gives the very same bytes for a fraction of it. Only what a splice relies on is checked:
    the head (every table before `entries`, parsed and checked like any logbook), the entries table
    non-empty with a numbered last key, and the file ending as `save()` ends it. Any other layout
    (hand-compacted, empty entries table, older schema, damaged) takes the TinyDB path, which reads
    and checks everything. In orjson's two-space indent a JSON string never holds a raw newline, so
    a line's indentation tells top-level keys (2 spaces), entry keys (4) and entry fields (6) apart.
    """

    KEY = b'\n  "' + ENTRIES.encode() + b'": {\n'
    CLOSE = b"\n    }\n  }"  # the last entry's closing brace, then the entries table's

    def __init__(self, data: bytes, head: dict, start: int, end: int, next_id: int):
        self.data, self.head, self.start, self.end, self.next_id = data, head, start, end, next_id

    @classmethod
    def recognise(cls, path: Path, data: bytes) -> Spliceable | None:
        start = data.find(cls.KEY)
        if start < 0 or not data.endswith(b"\n  }\n}") or b"\0" in data:
            return None
        end = data.find(cls.CLOSE, start) + len(cls.CLOSE)  # the entries table's closing line
        if end < len(cls.CLOSE) or data[end:end + 1] not in (b",", b"\n"):
            return None
        tables, problem, _ = problem_with(data[:start].removesuffix(b",") + b"\n}")
        if problem or schema_of(tables) < SCHEMA_VERSION:
            return None  # the full parse will say what is wrong, or migrate
        # TinyDB numbers a new document one past the largest key, and its keys only grow, so in a file it
        # wrote the last key is the largest. Reading every key would cost ~0.1 s at 100k entries; a hand-edited
        # file may number otherwise, so the next key is checked unused (a splice must never hide an entry).
        last = data.rfind(b'\n    "', start, end) + len(b'\n    "')
        key = data[last:data.find(b'"', last)]
        if not key.isdigit() or data.find(b'\n    "%d": {' % (int(key) + 1), start, end) >= 0:
            return None
        return cls(data, tables, start, end, int(key) + 1)

    def entries_on(self, day: str) -> list[dict] | None:
        """The entries dated `day`, in file order, found by their date line; None if the bytes surprise."""
        found, needle = [], b'\n      "date": ' + orjson.dumps(day)
        hit = self.data.find(needle, self.start, self.end)
        while hit >= 0:
            body = self.data.find(b"{", self.data.rfind(b'\n    "', self.start, hit))
            close = self.data.find(b"\n    }", hit) + len(b"\n    }")
            try:
                entry = orjson.loads(self.data[body:close])
            except orjson.JSONDecodeError:
                return None
            if not isinstance(entry, dict) or entry.get("date") != day:
                return None
            found.append(entry)
            hit = self.data.find(needle, close, self.end)
        return found

    def day_tables(self, day_entries: list[dict]) -> dict:
        """The head's tables with `day_entries` as the entries table: what a Snapshot of one day holds."""
        return {**self.head, ENTRIES: {str(n): e for n, e in enumerate(day_entries, 1)}}

    def with_entries(self, entries: list[dict], path: Path) -> list:
        """The file's bytes with the entries appended under the next ids, as TinyDB would write them, in pieces."""
        cut, whole = self.end - len(b"\n  }"), memoryview(self.data)
        for n in range(1, len(entries)):  # recognise() checked the first new key unused
            if self.data.find(b'\n    "%d": {' % (self.next_id + n), self.start, self.end) >= 0:
                raise LogbookFileError(f"{path} numbers its entries unusually; add them one at a time; {DOCTOR_HINT}")
        added = [
            b',\n    "%d": ' % (self.next_id + n) + dump(entry, path).replace(b"\n", b"\n    ")
            for n, entry in enumerate(entries)
        ]
        return [whole[:cut], *added, whole[cut:]]


class Snapshot:
    """The logbook as read at one moment: its internship profile and entries, read-only."""

    def __init__(self, path: Path, tables: dict | None):
        self.path = path
        self._tables = tables or {}

    @property
    def exists(self) -> bool:
        return bool(self._tables)

    @property
    def internship(self) -> dict | None:
        return next(iter(self._tables.get(INTERNSHIP, {}).values()), None)

    def entries(self) -> list[dict]:
        # Raw documents: building 100k TinyDB Document copies would only cost time.
        return list(self._tables.get(ENTRIES, {}).values())

    def targets(self) -> list[dict]:
        """What the resident set out to achieve, in the order the targets were set."""
        return list(self._tables.get(TARGETS, {}).values())

    def reflections(self) -> list[dict]:
        """The day-by-day reflections, oldest day first (at most one per day)."""
        return sorted(self._tables.get(REFLECTIONS, {}).values(), key=lambda r: r["date"])


class Session(Snapshot):
    """A locked read-modify-write of the logbook through TinyDB, saved when the change is complete.

    Entries are known by their own `id` (a uuid4), never by TinyDB's document ids, which TinyDB
    hands out again after the highest one is deleted.
    """

    def __init__(self, path: Path, db: TinyDB):
        super().__init__(path, db.storage.read())
        self._db = db

    def set_internship(self, profile: dict) -> None:
        table = self._db.table(INTERNSHIP)
        if table.contains(doc_id=1):
            self._detach(INTERNSHIP, [1])
            table.update(profile, doc_ids=[1])
        else:
            table.insert(profile)
        self._tables = self._db.storage.read()

    def add(self, entries: list[dict]) -> None:
        self._db.table(ENTRIES).insert_multiple(entries)
        self._tables = self._db.storage.read()

    def replace(self, entries: list[dict]) -> None:
        """Store new versions of entries that are already in the logbook (matched by their id)."""
        doc_ids = self._doc_ids()
        new = {entry["id"]: entry for entry in entries}
        keys = [doc_ids[ident] for ident in new]
        self._detach(ENTRIES, keys)
        self._db.table(ENTRIES).update(lambda doc: doc.update(new[doc["id"]]), doc_ids=keys)
        self._tables = self._db.storage.read()

    def remove(self, entry_id: str) -> None:
        self._db.table(ENTRIES).remove(doc_ids=[self._doc_ids()[entry_id]])
        self._tables = self._db.storage.read()

    def put_targets(self, targets: list[dict]) -> None:
        """Add targets, or store new versions of targets already present (matched by their id)."""
        self._put(TARGETS, "id", targets)

    def remove_target(self, target_id: str) -> None:
        self._db.table(TARGETS).remove(doc_ids=[self._doc_ids(TARGETS)[target_id]])
        self._tables = self._db.storage.read()

    def put_reflections(self, reflections: list[dict]) -> None:
        """Add reflections, each replacing the one of its day if there is one."""
        self._put(REFLECTIONS, "date", reflections)

    def _put(self, name: str, key: str, docs: list[dict]) -> None:
        doc_ids = self._doc_ids(name, key)
        table = self._db.table(name)
        table.insert_multiple([d for d in docs if d[key] not in doc_ids])
        self._detach(name, [doc_ids[d[key]] for d in docs if d[key] in doc_ids])
        for doc in docs:
            if doc[key] in doc_ids:  # targets and reflections always carry every field, so update replaces
                table.update(doc, doc_ids=[doc_ids[doc[key]]])
        self._tables = self._db.storage.read()

    def _detach(self, table: str, keys: list[int]) -> None:
        # TinyDB updates documents in place; callers keep the version they read, unchanged.
        raw = self._tables[table]
        for key in keys:
            raw[str(key)] = dict(raw[str(key)])

    def _doc_ids(self, name: str = ENTRIES, key: str = "id") -> dict[str, int]:
        return {doc[key]: int(doc_id) for doc_id, doc in self._tables.get(name, {}).items()}


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold `<logbook>.lock`: one writer at a time; a second one waits up to LOGBOOK_LOCK_TIMEOUT seconds."""
    timeout = lock_timeout()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise LogbookFileError(f"cannot create the folder for {path}: {err.strerror}") from None
    busy = (f"{path} is busy: another logbook command was still using it after {timeout:g} s of waiting; try again "
            "(LOGBOOK_LOCK_TIMEOUT sets how long to wait); nothing was changed")
    release = _lock(path, timeout, busy)
    try:
        yield
    finally:
        release()


def _lock(path: Path, timeout: float, busy: str) -> Callable[[], None]:
    """Take `<logbook>.lock` and return what lets it go.

    On Unix this is filelock's own method (flock on a lock file left in place), so the two agree;
    done by hand because importing filelock 4 costs about 60 ms, half of a command's start-up floor.
    """
    try:
        import fcntl
    except ImportError:  # Windows: filelock's msvcrt lock
        return _filelock(path, timeout, busy)
    try:
        fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise LogbookFileError(f"cannot lock {path}: {err.strerror}; nothing was changed") from None
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return lambda: os.close(fd)  # closing the descriptor releases the flock
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise LogbookFileError(busy) from None
            time.sleep(0.05)
        except OSError as err:
            os.close(fd)
            raise LogbookFileError(f"cannot lock {path}: {err.strerror}; nothing was changed") from None


def _filelock(path: Path, timeout: float, busy: str) -> Callable[[], None]:
    from filelock import FileLock, Timeout

    lock = FileLock(f"{path}.lock", timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise LogbookFileError(busy) from None
    except OSError as err:
        raise LogbookFileError(f"cannot lock {path}: {err.strerror}; nothing was changed") from None
    return lock.release


class Logbook:
    """One logbook file: read it as a snapshot, or change it under a lock."""

    def __init__(self, path: Path):
        self.path = path
        self._last_read: tuple[bytes, dict] | None = None  # the bytes last parsed here, and their tables
        self._last_splice: tuple[Spliceable, str, list[dict]] | None = None  # what read_day last found: bytes, day, entries

    def read(self) -> Snapshot:
        data = _read_bytes(self.path)
        tables = None if data is None else parse_file(self.path, data)
        if tables is not None:
            self._last_read = (data, tables)
        if tables is not None and schema_of(tables) < SCHEMA_VERSION:
            with self.change() as session:  # migrations run, under the lock, before any data is used
                return Snapshot(self.path, session._tables)
        return Snapshot(self.path, tables)

    def read_day(self, day: str) -> Snapshot:
        """The internship and the entries dated `day` (an ISO date): what adding an entry of that day needs.

        A logbook in the layout `save()` writes is read no further than its head and that day's
        entries; any other is read whole (and migrated if it is older).
        """
        data = _read_bytes(self.path)
        layout = Spliceable.recognise(self.path, data) if data else None
        found = layout.entries_on(day) if layout else None
        if found is None:
            tables = self.read()._tables
            return Snapshot(self.path, tables and {**tables, ENTRIES: {
                k: e for k, e in tables.get(ENTRIES, {}).items() if isinstance(e, dict) and e.get("date") == day}})
        self._last_splice = (layout, day, found)
        return Snapshot(self.path, layout.day_tables(found))

    @contextmanager
    def change(self, backup_reason: str | None = None) -> Iterator[Session]:
        """A whole read-modify-write under the lock; saved once at the end, or not at all if it fails."""
        with locked(self.path):
            _remove_stale_temporaries(self.path)
            with self._session(_read_bytes(self.path), backup_reason) as session:
                yield session

    @contextmanager
    def adding(self, day: str) -> Iterator[Snapshot]:
        """Add entries dated `day` under the lock, seeing only the internship and that day's entries.

        In the layout `save()` writes, the new entries are spliced into the file's bytes (the very
        bytes the TinyDB path writes); otherwise this is `change()`. Saved once, or not at all if it fails.
        """
        with locked(self.path):
            _remove_stale_temporaries(self.path)
            data = _read_bytes(self.path)
            last, self._last_splice = self._last_splice, None
            if last and data is not None and last[0].data == data and last[1] == day:
                layout, found = last[0], list(last[2])  # unchanged since read_day: no need to look again
            else:
                layout = Spliceable.recognise(self.path, data) if data else None
                found = layout.entries_on(day) if layout else None
            if found is None:
                with self._session(data) as session:
                    yield session
                return
            splice = Splice(self.path, layout, found)
            yield splice
            if splice.added:
                write_atomically(self.path, layout.with_entries(splice.added, self.path), previous=previous_version(self.path))

    @contextmanager
    def _session(self, data: bytes | None, backup_reason: str | None = None) -> Iterator[Session]:
        """A TinyDB session over the file's `data`, read under the lock; saved when it changed anything."""
        if data is not None and self._last_read and self._last_read[0] == data:
            # Unchanged since this command read it: parsing a big logbook again costs ~45 ms per 10k entries.
            # A shallow copy suffices: TinyDB replaces whole tables, and Session detaches documents it updates.
            tables = dict(self._last_read[1])
        else:
            tables = new_tables() if data is None else parse_file(self.path, data)
        self._last_read = None
        from tinydb import TinyDB

        storage = AtomicStorage(tables)
        reasons = [backup_reason] if backup_reason else []
        if schema_of(tables) < SCHEMA_VERSION:
            reasons.append(f"before-migration-from-v{schema_of(tables)}")
            storage.tables = migrate(tables)
            storage.changed = True
        yield Session(self.path, TinyDB(storage=lambda: storage))
        if storage.changed:
            if data is not None:
                for reason in reasons:
                    dated_copy(self.path, reason, data)
            save(self.path, storage.tables)


class Splice(Snapshot):
    """Adding entries to a logbook in `save()`'s layout: its head and one day's entries, nothing more."""

    def __init__(self, path: Path, layout: Spliceable, day_entries: list[dict]):
        super().__init__(path, layout.day_tables(day_entries))
        self.added: list[dict] = []

    def add(self, entries: list[dict]) -> None:
        self.added += entries


def migrate(tables: dict) -> dict:
    """Run the numbered migrations, one version at a time, up to SCHEMA_VERSION."""
    version = schema_of(tables)
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
        tables[META] = {"1": {"format": FORMAT, "schema_version": version}}
    return tables


@dataclass
class Checkup:
    """What `logbook doctor` found in one file: plain sentences, what is fine and what is wrong."""

    path: Path
    found: bool = True
    newer: bool = False  # written by a newer logbook: upgrade, do not restore over it
    fine: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    entries: int = 0
    saved: datetime | None = None

    @property
    def good(self) -> bool:
        return self.found and not self.problems


MAX_LISTED = 10


def examine(path: Path) -> Checkup:
    """Check a logbook file (or a backup) completely: format, schema, profile, every entry, ids."""
    checkup = Checkup(path)
    try:
        data = path.read_bytes()
        checkup.saved = datetime.fromtimestamp(path.stat().st_mtime)
    except FileNotFoundError:
        checkup.found = False
        return checkup
    except OSError as err:
        checkup.problems.append(f"The file cannot be read: {err.strerror}")
        return checkup
    tables, problem, checkup.newer = problem_with(data)
    if problem:
        checkup.problems.append(f"The file {problem}")
        return checkup
    version = schema_of(tables)
    checkup.fine.append(f"{len(data):,} bytes of JSON in the logbook format, schema {version}")
    if version < SCHEMA_VERSION:
        checkup.fine.append(f"will be upgraded to schema {SCHEMA_VERSION} when next used (a dated copy is kept first)")
        try:
            tables = migrate(orjson.loads(data))
        except Exception as err:  # noqa: BLE001 — a migration that fails on this file is what doctor reports
            checkup.problems.append(f"The file cannot be upgraded to schema {SCHEMA_VERSION} ({type(err).__name__}: {err})")
            return checkup
    _examine_internship(tables, checkup)
    _examine_entries(tables, checkup)
    return checkup


def _examine_internship(tables: dict, checkup: Checkup) -> None:
    from logbook.domain.internship import check_internship

    profiles = list(tables.get(INTERNSHIP, {}).values())
    if not profiles:
        checkup.fine.append("no internship profile yet (`logbook init` creates it)")
        return
    try:
        profile = check_internship(profiles[0])
    except InvalidValue as err:
        checkup.problems.append(f"The internship profile is damaged: {err.message}")
        return
    checkup.fine.append(f"internship of {profile['resident']} at {profile['host_institution']}, "
                        f"{profile['start']} to {profile['end']}")


def _examine_entries(tables: dict, checkup: Checkup) -> None:
    from logbook.domain.entries import check_stored

    docs = tables.get(ENTRIES, {})
    checkup.entries = len(docs)
    damaged = []
    for position, (key, doc) in enumerate(docs.items(), start=1):
        ident = doc.get("id") if isinstance(doc, dict) else None
        where = f"entry {position}" + (f" (id {ident})" if isinstance(ident, str) else "")
        try:
            if not key.isdigit():
                raise InvalidValue(f"{where}, key", f"{key!r} is not a document number")
            check_stored(doc, where)
        except InvalidValue as err:
            damaged.append(err.message[0].upper() + err.message[1:])
    checkup.problems += damaged[:MAX_LISTED]
    if len(damaged) > MAX_LISTED:
        checkup.problems.append(f"… and {len(damaged) - MAX_LISTED} more damaged entries")
    ids = Counter(doc["id"] for doc in docs.values() if isinstance(doc, dict) and isinstance(doc.get("id"), str))
    repeated = [f"Id {ident} is used by {n} entries" for ident, n in ids.items() if n > 1]
    checkup.problems += repeated[:MAX_LISTED]
    if not damaged and not repeated:
        checkup.fine.append("no entries yet" if not docs else f"{len(docs)} {'entry' if len(docs) == 1 else 'entries'}, every one valid, every id unique")


def _check_backup(source: Path) -> bytes:
    """The bytes of a backup that is fit to restore, or a refusal saying why it is not."""
    data = _read_bytes(source)
    if data is None:
        raise LogbookFileError(f"there is no backup at {source}")
    checkup = examine(source)
    if not checkup.good:
        raise LogbookFileError(f"{source} is not a good backup ({checkup.problems[0]}); nothing was changed")
    return data


def restore(path: Path, source: Path) -> Path | None:
    """Put a backup in place of the logbook, after checking it; returns the dated copy of what it replaced."""
    if source.exists() and path.exists() and source.samefile(path):
        raise LogbookError(f"{source} is the logbook itself; name a backup (`logbook doctor` lists them)")
    data = _check_backup(source)
    with locked(path):
        kept = dated_copy(path, "before-restore")
        write_atomically(path, data)
    return kept


def restore_newest_good(path: Path) -> tuple[Path, Path | None]:
    """Restore the most recently saved backup that passes every check: (the backup, the kept copy)."""
    checkup = examine(path)
    if checkup.good:
        raise LogbookError(
            f"{path} is in good order, so doctor restores nothing; to go back to an earlier version use `logbook restore [BACKUP]`"
        )
    if checkup.newer:
        raise LogbookError(f"{path}: {checkup.problems[0]}; restoring an older backup would lose its newer entries")
    for candidate in backups(path):
        if examine(candidate).good:
            return candidate, restore(path, candidate)
    raise LogbookError(f"no good backup of {path} was found; the file was left as it is (keep a copy of it)")


def backup(path: Path, dest: Path | None = None) -> Path:
    """Copy the logbook to `dest` (a new file or a folder), or into its backups folder; returns the copy."""
    data = _read_bytes(path)
    if data is None:
        raise LogbookError(f"there is no logbook at {path} yet, so nothing to back up")
    parse_file(path, data)
    if dest is None:
        return dated_copy(path, "manual", data)
    if dest.is_dir():
        dest = dest / f"{path.stem}.{datetime.now().strftime('%Y%m%dT%H%M%S')}.json"
    if dest.exists():
        raise LogbookError(f"{dest} already exists; choose a new file name or a folder")
    if not dest.parent.is_dir():
        raise LogbookError(f"{dest.parent} is not a folder; create it first or choose another place")
    write_atomically(dest, data)
    return dest
