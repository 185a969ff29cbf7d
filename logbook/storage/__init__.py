"""The only room that touches the logbook file: TinyDB's storage, the lock, migrations, backups, the doctor's checks.

    files.py      where the file lives, reading it safely, atomic writes
    lock.py       one writer at a time: flock on POSIX, msvcrt.locking on Windows
    system.py     whether this is Windows: the one seam where the two paths part
    format.py     what a logbook file is: format marker, tables, bytes
    tinystore.py  TinyDB's Storage over the file (orjson, atomic)
    database.py   Logbook: a read-only Snapshot, or a locked Session that changes it
    queries.py    TinyDB queries for list, show, day
    migrations.py numbered schema migrations
    checks.py     the doctor's checks, with the domain's validators passed in
    backups.py    dated copies and their pruning, backup, restore

Callers open a logbook with `logbook.storage.database.Logbook(path, validators)`; this package
imports none of its modules itself, so importing one of them never loads the others.
"""
