"""The logbook file: the only module that opens it, locks it, writes it, backs it up and migrates it."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from logbook.errors import LogbookFileError

FORMAT = "internship-logbook-store"
SCHEMA_VERSION = 1
LOCK_TIMEOUT = float(os.environ.get("LOGBOOK_LOCK_TIMEOUT", "15"))

# Numbered migrations: MIGRATIONS[n] turns a schema-n file's tables into schema n+1.
# The targets and reflections tables needed none: a schema-1 file without them reads as having none,
# and TinyDB keeps tables it does not know, so an older logbook still reads and rewrites a newer file.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}

META, INTERNSHIP, ENTRIES, TARGETS, REFLECTIONS = "_meta", "internship", "entries", "targets", "reflections"


def default_path() -> Path:
    """Where the logbook lives when neither --db nor LOGBOOK_DB says otherwise."""
    from platformdirs import user_data_path

    return user_data_path("logbook", appauthor=False) / "logbook.json"


def backups_dir(path: Path) -> Path:
    return path.with_name(f"{path.name}.backups")


def previous_version(path: Path) -> Path:
    """The rolling backup: the logbook as it was before the last change."""
    return path.with_name(f"{path.name}.bak")


def _meta_doc(version: int = SCHEMA_VERSION) -> dict:
    return {"format": FORMAT, "schema_version": version}


def parse_file(path: Path, data: bytes) -> dict:
    """Check that the bytes are a logbook this program understands and return its tables."""
    if not data.strip():
        raise LogbookFileError(f"{path} is empty, so it is not a logbook; nothing was changed (`logbook doctor` can help)")
    try:
        tables = orjson.loads(data)
    except orjson.JSONDecodeError as err:
        what = "a binary file" if b"\0" in data[:4096] else f"not valid JSON ({err})"
        raise LogbookFileError(f"{path} is {what}, not a logbook; nothing was changed (`logbook doctor` can help)") from None
    meta = tables.get(META) if isinstance(tables, dict) else None
    doc = next(iter(meta.values()), None) if isinstance(meta, dict) else None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise LogbookFileError(f"{path} is JSON but not a logbook file; nothing was changed")
    version = doc.get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise LogbookFileError(f"{path} has no valid schema_version; nothing was changed (`logbook doctor` can help)")
    if version > SCHEMA_VERSION:
        raise LogbookFileError(
            f"{path} was written by a newer logbook (schema {version}; this one knows up to {SCHEMA_VERSION}); "
            "upgrade logbook to use it. Nothing was changed"
        )
    for table in (INTERNSHIP, ENTRIES, TARGETS, REFLECTIONS):
        if not isinstance(tables.get(table, {}), dict):
            raise LogbookFileError(f"{path}: its {table!r} table is damaged; nothing was changed (`logbook doctor` can help)")
    return tables


def schema_of(tables: dict) -> int:
    return next(iter(tables[META].values()))["schema_version"]


def read_tables(path: Path) -> dict | None:
    """The file's tables, or None when there is no logbook file yet."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise LogbookFileError(f"{path} is a directory, not a logbook file") from None
    except OSError as err:
        raise LogbookFileError(f"cannot read {path}: {err.strerror}") from None
    return parse_file(path, data)


def write_atomically(path: Path, payload: bytes) -> None:
    """Write to a temporary file beside `path`, fsync it, then rename it over `path`.

    Readers see the old file or the new one, never half of either; on failure the old file stays
    byte-for-byte and the temporary file is removed.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise LogbookFileError(f"could not write {path}: {err.strerror or err}; the logbook was left as it was") from None
    _fsync_dir(path.parent)


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


def _keep_previous(path: Path) -> None:
    """Make `<logbook>.bak` the current file before it is replaced (a hard link costs no copy)."""
    if not path.exists():
        return
    bak = previous_version(path)
    tmp = bak.with_name(f".{bak.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        try:
            os.link(path, tmp)
        except OSError:
            shutil.copy2(path, tmp)
        os.replace(tmp, bak)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise LogbookFileError(f"could not keep a backup of {path}: {err.strerror}; nothing was changed") from None


def dated_copy(path: Path, reason: str) -> Path | None:
    """A dated copy of the logbook in its backups folder, kept before risky changes."""
    if not path.exists():
        return None
    folder = backups_dir(path)
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")[:-3]
    dest = folder / f"{path.stem}.{stamp}.{reason}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, dest)
    except OSError as err:
        raise LogbookFileError(f"could not back up {path} to {dest}: {err.strerror}; nothing was changed") from None
    return dest


def backups(path: Path) -> list[Path]:
    """Every backup of this logbook, newest first."""
    found = [previous_version(path)] if previous_version(path).exists() else []
    folder = backups_dir(path)
    if folder.is_dir():
        found += sorted(folder.glob(f"{path.stem}.*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    return found


class AtomicStorage(Storage):
    """TinyDB storage that reads the file once, writes it atomically, and keeps the previous version.

    TinyDB's JSONStorage rewrites in place (a crash or full disk truncates the logbook) and re-reads
    the whole file for every operation; this one keeps what it read and replaces the file whole.
    """

    def __init__(self, path: Path, tables: dict | None):
        self.path = path
        self._tables = tables if tables is not None else {META: {"1": _meta_doc()}}
        self._kept_previous = False

    def read(self) -> dict:
        return self._tables

    def write(self, data: dict) -> None:
        try:
            payload = orjson.dumps(data, option=orjson.OPT_INDENT_2)
        except TypeError as err:
            raise LogbookFileError(f"could not save the logbook ({err}); {self.path} was left as it was") from None
        if not self._kept_previous:
            _keep_previous(self.path)
            self._kept_previous = True
        write_atomically(self.path, payload)
        self._tables = data


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
    """A locked read-modify-write of the logbook through TinyDB; every change is written atomically."""

    def __init__(self, path: Path, db: TinyDB):
        super().__init__(path, db.storage.read())
        self._db = db

    def set_internship(self, profile: dict) -> None:
        table = self._db.table(INTERNSHIP)
        if table.contains(doc_id=1):
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
        table = self._db.table(ENTRIES)
        for entry in entries:
            table.update(entry, doc_ids=[doc_ids[entry["id"]]])
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
        for doc in docs:
            if doc[key] in doc_ids:  # targets and reflections always carry every field, so update replaces
                table.update(doc, doc_ids=[doc_ids[doc[key]]])
        self._tables = self._db.storage.read()

    def _doc_ids(self, name: str = ENTRIES, key: str = "id") -> dict[str, int]:
        return {doc[key]: int(doc_id) for doc_id, doc in self._tables.get(name, {}).items()}


class Logbook:
    """One logbook file: read it as a snapshot, or change it under a lock."""

    def __init__(self, path: Path):
        self.path = path

    def read(self) -> Snapshot:
        tables = read_tables(self.path)
        if tables is not None and schema_of(tables) < SCHEMA_VERSION:
            with self.change() as session:
                return Snapshot(self.path, session._tables)
        return Snapshot(self.path, tables)

    @contextmanager
    def change(self, backup_reason: str | None = None) -> Iterator[Session]:
        """Hold the logbook's lock across a whole read-modify-write."""
        from filelock import FileLock, Timeout

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise LogbookFileError(f"cannot create the folder for {self.path}: {err.strerror}") from None
        lock = FileLock(f"{self.path}.lock", timeout=LOCK_TIMEOUT)
        try:
            lock.acquire()
        except Timeout:
            raise LogbookFileError(
                f"{self.path} is busy: another logbook command held it for {LOCK_TIMEOUT:g} s; try again"
            ) from None
        except OSError as err:
            raise LogbookFileError(f"cannot lock {self.path}: {err.strerror}") from None
        try:
            tables = read_tables(self.path)
            if tables is not None and schema_of(tables) < SCHEMA_VERSION:
                dated_copy(self.path, f"before-migration-from-v{schema_of(tables)}")
                tables = migrate(tables)
                AtomicStorage(self.path, None).write(tables)
            if backup_reason:
                dated_copy(self.path, backup_reason)
            db = TinyDB(storage=lambda: AtomicStorage(self.path, tables))
            yield Session(self.path, db)
        finally:
            lock.release()


def migrate(tables: dict) -> dict:
    """Run the numbered migrations, one version at a time, up to SCHEMA_VERSION."""
    version = schema_of(tables)
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
        tables[META] = {"1": _meta_doc(version)}
    return tables


def restore(path: Path, source: Path) -> Path | None:
    """Put a backup in place of the logbook, after checking it and keeping a copy of what it replaces."""
    try:
        data = source.read_bytes()
    except OSError as err:
        raise LogbookFileError(f"cannot read the backup {source}: {err.strerror}") from None
    parse_file(source, data)
    from filelock import FileLock, Timeout

    try:
        with FileLock(f"{path}.lock", timeout=LOCK_TIMEOUT):
            kept = dated_copy(path, "before-restore")
            write_atomically(path, data)
    except Timeout:
        raise LogbookFileError(f"{path} is busy: another logbook command is writing it; try again") from None
    return kept
