"""Backups: `.bak` before every change, dated copies before risky ones, `backup` and `restore` (issue 3, point 5)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from logbook.storage import backups, files, format, migrations
from tests.conftest import digest, export, succeed

FIXTURES = Path(__file__).parent / "fixtures"


def dated_copies(logbook: Path, reason: str) -> list[Path]:
    folder = files.backups_dir(logbook)
    return sorted(folder.glob(f"*.{reason}.json")) if folder.is_dir() else []


def test_every_change_leaves_the_version_before_it_as_bak(run, internship):
    # Guards write_atomically(previous=...): the replaced file becomes `<logbook>.bak`.
    bak = files.previous_version(internship)
    changes = [
        ("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07"),
        ("add", "procedure", "Open appendectomy", "-d", "2024-12-04", "-r", "observed"),
        ("init", "--specialty", "General surgery"),
        ("edit", "{first}", "--note", "Guided tour"),
        ("delete", "{first}", "--yes"),
        ("import", FIXTURES / "logbook-v1.export.json"),
    ]
    for change in changes:
        first = export(run)["entries"][0]["id"] if export(run)["entries"] else ""
        before = internship.read_bytes()
        result = run(*[str(arg).format(first=first) for arg in change])
        assert result.code == 0, result.err
        assert internship.read_bytes() != before
        assert bak.read_bytes() == before, f"after {change[0]}"


def test_a_refused_change_leaves_the_logbook_and_its_bak_alone(run, internship):
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    succeed(run, "add", "cultural", "Chor Minor", "-d", "2024-12-08")
    both = (internship, files.previous_version(internship))
    before = [digest(f) for f in both]
    assert run("add", "procedure", "Open appendectomy", "-r", "watched").code == 2  # a word outside the levels is a usage error
    assert run("delete", "ffffffff", "--yes").code == 1
    assert [digest(f) for f in both] == before


def test_import_keeps_a_dated_copy_of_the_logbook_as_it_was(run, tmp_path, monkeypatch):
    # Guards Logbook.change(backup_reason=...): a dated copy before an import writes anything.
    logbook = tmp_path / "mine.json"
    monkeypatch.setenv("LOGBOOK_DB", str(logbook))
    assert run("import", FIXTURES / "logbook-v1.export.json").code == 0  # into nothing: nothing to copy
    assert dated_copies(logbook, "before-import") == []
    assert run("edit", "6235cb43", "--note", "Changed here").code == 0
    before = logbook.read_bytes()
    newer = json.loads((FIXTURES / "logbook-v1.export.json").read_text())
    # Later than the edit above, yet not in the future that import refuses (a stamp there wins every merge).
    later = (datetime.now(timezone.utc) + timedelta(hours=1)).isoformat(timespec="milliseconds")
    newer["entries"][0]["note"], newer["entries"][0]["updated_at"] = "Changed there", later
    (tmp_path / "newer.json").write_text(json.dumps(newer))
    assert run("import", tmp_path / "newer.json").code == 0
    (copy,) = dated_copies(logbook, "before-import")
    assert copy.read_bytes() == before
    assert run("import", tmp_path / "newer.json").code == 0  # adds nothing, so writes nothing
    assert len(dated_copies(logbook, "before-import")) == 1


def test_backup_copies_the_logbook_to_a_file_a_folder_or_its_backups_folder(run, internship, tmp_path):
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    now = internship.read_bytes()
    assert run("backup", tmp_path / "copy.json").code == 0
    assert (tmp_path / "copy.json").read_bytes() == now
    (tmp_path / "usb").mkdir()
    assert run("backup", tmp_path / "usb").code == 0
    assert [p.read_bytes() for p in (tmp_path / "usb").iterdir()] == [now]
    assert run("backup").code == 0
    assert [p.read_bytes() for p in dated_copies(internship, "manual")] == [now]


def test_backup_never_overwrites_an_existing_file(run, internship, tmp_path):
    target = tmp_path / "taken.json"
    target.write_text("someone's notes")
    result = run("backup", target)
    assert result.code == 1
    assert "already exists" in result.err
    assert target.read_text() == "someone's notes"


def test_backup_of_a_missing_logbook_says_there_is_nothing_to_back_up(run, db):
    result = run("backup")
    assert result.code == 1
    assert "nothing to back up" in result.err
    assert not db.exists()


def test_restore_defaults_to_the_bak_and_keeps_a_dated_copy_of_what_it_replaces(run, internship):
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    succeed(run, "add", "cultural", "Chor Minor", "-d", "2024-12-08")
    replaced = internship.read_bytes()
    result = run("restore")
    assert result.code == 0, result.err
    assert internship.read_bytes() == files.previous_version(internship).read_bytes()
    assert [e["place"] for e in export(run)["entries"]] == ["Ark of Bukhara"]
    (kept,) = dated_copies(internship, "before-restore")
    assert kept.read_bytes() == replaced
    assert str(kept) in result.err


def test_restore_refuses_a_damaged_backup_and_changes_nothing(run, internship, tmp_path):
    # Guards _check_backup(): a backup is checked as thoroughly as `logbook doctor` checks.
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    tables = json.loads(internship.read_text())
    next(iter(tables["entries"].values()))["date"] = "yesterday-ish"
    damaged = tmp_path / "damaged-backup.json"
    damaged.write_text(json.dumps(tables))
    before = digest(internship)
    result = run("restore", damaged)
    assert result.code == 1
    assert "is not a good backup (Entry 1" in result.err
    assert "date: 'yesterday-ish' is not a date in the form YYYY-MM-DD); nothing was changed" in result.err
    assert digest(internship) == before
    assert not files.backups_dir(internship).exists()


def test_restore_brings_back_a_deleted_logbook_from_its_backup(run, internship, tmp_path):
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    succeed(run, "backup", tmp_path / "safe.json")
    internship.unlink()
    assert run("restore", tmp_path / "safe.json").code == 0
    assert [e["place"] for e in export(run)["entries"]] == ["Ark of Bukhara"]


def test_backups_are_found_for_a_logbook_whose_name_looks_like_a_pattern(run, tmp_path, monkeypatch):
    logbook = tmp_path / "logbook [2024]*.json"
    monkeypatch.setenv("LOGBOOK_DB", str(logbook))
    succeed(run, "init", "--resident", "A", "--specialty", "B", "--host", "C", "--start", "2024-12-02", "--end", "2024-12-13")
    succeed(run, "backup")
    assert len(backups.backups(logbook)) == 1
    assert "good, 0 entries" in run("doctor").out


def test_temporary_files_of_a_killed_backup_are_cleared_at_the_next_write(run, internship):
    # A `backup` killed mid-copy leaves `.<stem>.<stamp>.<reason>.json~XXXX.tmp` in the backups folder.
    folder = files.backups_dir(internship)
    folder.mkdir()
    leftovers = [folder / ".logbook.20241210T101500123456.manual.json~k1ll3d_x.tmp",
                 folder / ".logbook.20241210T101501000000.before-import.json~abcd1234.tmp"]
    for leftover in leftovers:
        leftover.write_bytes(b"{" * 4096)
    others = [folder / "notes.tmp", folder / ".other.20241210T101500123456.manual.json~k1ll3d_x.tmp",
              folder / "logbook.20241210T101500123456.manual.json"]  # not this logbook's temporaries: kept
    for other in others:
        other.write_text("kept")
    assert run("list").code == 0
    assert all(leftover.exists() for leftover in leftovers)  # a reader writes nothing
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07").code == 0
    assert not any(leftover.exists() for leftover in leftovers)
    assert all(other.read_text() == "kept" for other in others)


def test_backup_into_the_backups_folder_waits_for_the_lock(run, internship, monkeypatch):
    # Every copy in the backups folder is written under the lock, so a temporary file found there is a dead writer's.
    from tests.conftest import held_lock

    monkeypatch.setenv("LOGBOOK_LOCK_TIMEOUT", "0.2")
    with held_lock(internship):
        result = run("backup")
    assert result.code == 1
    assert "is busy: another logbook command was still using it after 0.2 s of waiting" in result.err, result.err
    assert not files.backups_dir(internship).exists()
