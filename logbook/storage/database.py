"""The logbook as a TinyDB database: a read-only snapshot to read, a locked session to change it.

Every read and write goes through TinyDB's tables and queries over `LogbookStorage`. Entries are
known by their own `id`, never by TinyDB's document ids (TinyDB hands those out again after the
highest is deleted); the document ids only keep the order entries were logged in.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from tinydb import Query, TinyDB
from tinydb.queries import QueryLike
from tinydb.table import Table

from logbook.storage import backups, migrations
from logbook.storage.checks import Validators, refuse_damage, refuse_repeated_keys
from logbook.storage.files import is_read_only
from logbook.storage.lock import locked
from logbook.storage.format import ENTRIES, INTERNSHIP, REFLECTIONS, SYNONYMS, TARGETS, new_tables
from logbook.storage.tinystore import LogbookStorage, OneWrite


class Snapshot:
    """The logbook as read at one moment: its profile, entries, targets and reflections, read-only.

    TinyDB hands out copies of its documents, so what a command read never changes under it.
    """

    def __init__(self, path: Path, db: TinyDB | None):
        self.path = path
        self._db = db

    @property
    def exists(self) -> bool:
        return self._db is not None and bool(self._db.storage.read())

    @property
    def internship(self) -> dict | None:
        return next(iter(self._table(INTERNSHIP)), None) if self.exists else None

    def entries(self, where: QueryLike | None = None) -> list[dict]:
        """Every entry, or those `where` matches (see logbook/storage/queries.py), in the order they were logged."""
        if not self.exists:
            return []
        return self._table(ENTRIES).all() if where is None else self._table(ENTRIES).search(where)

    def targets(self) -> list[dict]:
        """What the resident set out to achieve, in the order the targets were set."""
        return self._table(TARGETS).all() if self.exists else []

    def reflections(self) -> list[dict]:
        """The day-by-day reflections, oldest day first (at most one per day)."""
        return sorted(self._table(REFLECTIONS).all(), key=lambda r: r["date"]) if self.exists else []

    def synonyms(self) -> list[dict]:
        """The logbook's own spellings of names, each standing for the name it was renamed to."""
        return self._table(SYNONYMS).all() if self.exists else []

    def _table(self, name: str) -> Table:
        # No query cache: TinyDB's cache would hand two searches the same documents, not copies.
        return self._db.table(name, cache_size=0)


class Session(Snapshot):
    """A locked read-modify-write of the logbook through TinyDB, saved once when the change is complete."""

    def set_internship(self, profile: dict) -> None:
        table = self._table(INTERNSHIP)
        if table.contains(doc_id=1):
            table.update(lambda doc: _swap(doc, profile), doc_ids=[1])
        else:
            table.insert(profile)

    def add(self, entries: list[dict]) -> None:
        self._table(ENTRIES).insert_multiple(entries)

    def replace(self, entries: list[dict]) -> None:
        """Store new versions of entries that are already in the logbook (matched by their id)."""
        self._replace(ENTRIES, "id", entries)

    def remove(self, entry_id: str) -> None:
        self._table(ENTRIES).remove(Query().id == entry_id)

    def put_targets(self, targets: list[dict]) -> None:
        """Add targets, or store new versions of targets already present (matched by their id)."""
        self._put(TARGETS, "id", targets)

    def remove_target(self, target_id: str) -> None:
        self._table(TARGETS).remove(Query().id == target_id)

    def put_reflections(self, reflections: list[dict]) -> None:
        """Add reflections, each replacing the one of its day if there is one."""
        self._put(REFLECTIONS, "date", reflections)

    def put_synonyms(self, synonyms: list[dict]) -> None:
        """Add synonyms, or store new versions of synonyms already present (matched by their id)."""
        self._put(SYNONYMS, "id", synonyms)

    def remove_synonyms(self, synonym_ids: list[str]) -> None:
        if synonym_ids:
            self._table(SYNONYMS).remove(Query().id.one_of(synonym_ids))

    def _put(self, name: str, key: str, docs: list[dict]) -> None:
        present = {doc[key] for doc in self._table(name)}
        self._replace(name, key, [d for d in docs if d[key] in present])
        self._table(name).insert_multiple([d for d in docs if d[key] not in present])

    def _replace(self, name: str, key: str, docs: list[dict]) -> None:
        # One pass over the table whatever the number of documents (an import may update thousands).
        new = {doc[key]: doc for doc in docs}
        if new:
            self._table(name).update(lambda doc: _swap(doc, new[doc[key]]), Query()[key].test(new.__contains__))


def _swap(doc: dict, new: dict) -> None:
    # TinyDB's update merges fields; a new version replaces the whole document (a field set to None stays None).
    doc.clear()
    doc.update(new)


class Logbook:
    """One logbook file: read it as a snapshot, or change it under the lock.

    `validators` are the domain's checks of each table's documents (logbook/domain/stored.py): a change
    first checks the whole file with them, and a file that fails is never written, copied or rotated.
    """

    def __init__(self, path: Path, validators: Validators):
        backups.refuse_a_backup(path)
        self.path = path
        self.validators = validators

    def read(self, upgrade: bool = True, check: bool = False) -> Snapshot:
        """The logbook as it is now; an older schema is first upgraded on disk (under the lock), unless `upgrade` is False.

        With `check`, the whole file is checked as a change would check it (for a command about to change it).
        """
        db = TinyDB(self.path, storage=LogbookStorage, read_only=True)
        tables = db.storage.read()
        if tables is None:
            return Snapshot(self.path, None)
        if check and not migrations.needs_migration(tables):
            refuse_damage(self.path, db.storage.data, tables, self.validators)
        if migrations.needs_migration(tables):
            if upgrade and not is_read_only(self.path):
                with self.change():  # migrations run, under the lock, before any data is used
                    pass
                return self.read()
            db.storage.migrated_in_memory(_migrated(self.path, tables))  # read-only: upgraded when it is next changed
        return Snapshot(self.path, db)

    @contextmanager
    def change(self, backup_reason: str | None = None) -> Iterator[Session]:
        """A whole read-modify-write under the lock; saved once at the end, or not at all if it fails.

        The whole file is read and checked first: a damaged logbook is refused before anything is
        written, so the last good copy (`.bak`, the dated copies) survives whatever is run on it.
        """
        with locked(self.path):
            backups.ready_to_change(self.path)
            cache = OneWrite(LogbookStorage)
            db = TinyDB(self.path, storage=cache)
            file = cache.storage
            tables = db.storage.read()
            reasons = [backup_reason] if backup_reason and tables is not None else []
            if tables is None:
                cache.cache = new_tables(migrations.SCHEMA_VERSION)
            elif migrations.needs_migration(tables):
                reasons.append(f"before-migration-from-v{migrations.schema_of(tables)}")
                refuse_repeated_keys(self.path, file.data, tables)
                cache.write(_migrated(self.path, tables))
                refuse_damage(self.path, None, cache.cache, self.validators)
            else:
                refuse_damage(self.path, file.data, tables, self.validators)
            yield Session(self.path, db)
            if cache.changed:
                for reason in reasons:
                    backups.dated_copy(self.path, reason, file.data)
                cache.flush()
                if reasons:
                    backups.prune(self.path)


def _migrated(path: Path, tables: dict) -> dict:
    from logbook.errors import LogbookFileError

    try:
        return migrations.migrate(tables)
    except Exception as err:  # noqa: BLE001 — any failure of a migration leaves the file as it was
        raise LogbookFileError(f"{path} cannot be upgraded to schema {migrations.SCHEMA_VERSION} "
                               f"({type(err).__name__}: {err}); nothing was changed") from None
