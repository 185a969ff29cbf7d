"""The schema version in the file and numbered migrations, tested against a committed version-1 logbook (issue 3, point 6).

tests/fixtures/logbook-v1.json was written by logbook at schema 1 through the CLI (init; clinical,
procedure and cultural entries with every optional field and with none; Uzbek Latin, Cyrillic and
Arabic text; text that looks like markup; an edit, a delete that left a gap in TinyDB's numbers, a
profile update), and logbook-v1.export.json is `logbook export` of it at the time. Never regenerate
them: they stand for the files residents already have.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from logbook.storage import backups, files, format, migrations
from tests.conftest import digest, export

FIXTURES = Path(__file__).parent / "fixtures"
V1 = FIXTURES / "logbook-v1.json"
V1_EXPORT = json.loads((FIXTURES / "logbook-v1.export.json").read_text())


@pytest.fixture
def v1(db) -> Path:
    shutil.copyfile(V1, db)
    return db


def without_stamp(document: dict) -> dict:
    return {k: v for k, v in document.items() if k != "exported_at"}


def test_the_version_1_logbook_opens_lists_and_exports_as_it_did(run, v1):
    listed = run("list")
    assert listed.code == 0
    assert "7 entries" in listed.err
    for entry in V1_EXPORT["entries"]:
        assert entry["id"][:8] in listed.out
    exported = without_stamp(export(run))
    # Later versions add optional keys within export v1; a version-1 logbook simply has none of them.
    assert exported.pop("targets") == []
    assert exported.pop("reflections") == []
    # Schema 2 gave procedures their details (none before): the only difference, and the export stays version 1.
    for entry in exported["entries"]:
        if entry["kind"] == "procedure":
            assert entry.pop("details") is None
    assert exported == without_stamp(V1_EXPORT)
    summary = run("summary")
    assert summary.code == 0
    assert "Days with entries: 5 of 12" in summary.out


def test_reading_never_rewrites_a_current_schema_file(run, v1):
    assert run("list").code == 0  # the upgrade from schema 1, once
    upgraded = v1.read_bytes()
    assert json.loads(upgraded)["_meta"]["1"]["schema_version"] == migrations.SCHEMA_VERSION
    for command in (("list",), ("summary",), ("export",), ("doctor",)):
        assert run(*command).code == 0
        assert v1.read_bytes() == upgraded, command


def test_the_upgrade_to_schema_2_gives_every_procedure_empty_details_and_keeps_a_copy(run, v1):
    assert run("list").code == 0
    stored = json.loads(v1.read_text())["entries"].values()
    procedures = [e for e in stored if e["kind"] == "procedure"]
    assert procedures
    assert all("details" in e and e["details"] is None for e in procedures)
    assert all("details" not in e for e in stored if e["kind"] != "procedure")
    (copy,) = files.backups_dir(v1).glob("*.before-migration-from-v1.json")
    assert copy.read_bytes() == V1.read_bytes()


def test_the_version_1_logbook_takes_changes(run, v1):
    assert run("add", "cultural", "Chor Minor", "-d", "2024-12-09").code == 0
    assert run("edit", "fb871321", "--count", "3").code == 0
    entries = export(run)["entries"]
    assert len(entries) == 8
    assert next(e for e in entries if e["id"].startswith("fb871321"))["count"] == 3


@pytest.fixture
def two_migrations(monkeypatch):
    """Pretend this logbook knows two schemas more, with their migrations after the real ones; returns the calls made."""
    calls = []

    def rename_landmarks(tables):
        calls.append(1)
        for entry in tables["entries"].values():
            if entry.get("category") == "landmark":
                entry["category"] = "historic landmark"
        return tables

    def mark_notes(tables):
        calls.append(2)
        assert all(e.get("category") != "landmark" for e in tables["entries"].values())  # 1 ran first
        for entry in tables["entries"].values():
            if entry.get("note"):
                entry["note"] += " [v3]"
        return tables

    real = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", real + 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {**migrations.MIGRATIONS, real: rename_landmarks, real + 1: mark_notes})
    return calls


def test_migrations_run_once_in_order_before_the_data_is_used_and_keep_a_dated_copy(run, v1, two_migrations):
    # Guards Logbook.read()/change(): migrate() runs under the lock before any command sees data.
    first = export(run)
    assert two_migrations == [1, 2]
    ark = next(e for e in first["entries"] if e.get("place") == "Ark of Bukhara")
    assert ark["category"] == "historic landmark"
    assert ark["note"].endswith(" [v3]")
    stored = json.loads(v1.read_text())
    assert stored["_meta"]["1"]["schema_version"] == migrations.SCHEMA_VERSION
    (copy,) = files.backups_dir(v1).glob("*.before-migration-from-v1.json")
    assert copy.read_bytes() == V1.read_bytes()
    assert files.previous_version(v1).read_bytes() == V1.read_bytes()

    assert without_stamp(export(run)) == without_stamp(first)
    assert run("add", "cultural", "Chor Minor", "-d", "2024-12-09").code == 0
    assert two_migrations == [1, 2]  # once, not on every use


def test_a_write_command_migrates_before_it_changes_anything(run, v1, two_migrations):
    assert run("edit", "a1db0bf0", "--note", "Citadel").code == 0
    ark = next(e for e in export(run)["entries"] if e.get("place") == "Ark of Bukhara")
    assert ark["note"] == "Citadel"
    assert ark["category"] == "historic landmark"
    assert two_migrations == [1, 2]


def test_a_migration_that_fails_leaves_the_file_as_it_was(run, v1, monkeypatch):
    def broken(tables):
        raise KeyError("site")

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: broken})
    result = run("list")
    assert result.code == 1
    assert "cannot be upgraded to schema 2" in result.err
    assert v1.read_bytes() == V1.read_bytes()
    assert not files.backups_dir(v1).exists()


def test_a_logbook_of_a_newer_schema_is_refused_and_not_exported(run, v1):
    tables = json.loads(v1.read_text())
    newer = migrations.SCHEMA_VERSION + 1
    tables["_meta"]["1"]["schema_version"] = newer  # as a later logbook would have migrated it
    v1.write_text(json.dumps(tables))
    before = digest(v1)
    result = run("export")
    assert result.code == 1
    assert result.out == ""
    assert f"newer logbook (schema {newer}; this one knows up to {newer - 1})" in result.err
    assert "upgrade logbook" in result.err
    assert digest(v1) == before


def test_an_export_of_a_newer_schema_version_is_refused_clearly(run, internship, tmp_path):
    newer = dict(V1_EXPORT, schema_version=2)
    (tmp_path / "newer.json").write_text(json.dumps(newer))
    before = digest(internship)
    result = run("import", tmp_path / "newer.json")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "schema_version 2" in result.err
    assert "upgrade logbook" in result.err
    assert digest(internship) == before


def test_a_new_logbook_is_written_at_the_current_schema(run, internship):
    stored = json.loads(internship.read_text())
    assert stored["_meta"] == {"1": {"format": "internship-logbook-store", "schema_version": migrations.SCHEMA_VERSION}}


def test_a_read_only_logbook_of_an_older_schema_is_read_upgraded_in_memory_and_left_as_it_is(run, v1, two_migrations):
    import stat

    v1.chmod(0o444)
    before = digest(v1)
    ark = next(e for e in export(run)["entries"] if e.get("place") == "Ark of Bukhara")
    assert ark["category"] == "historic landmark"
    assert digest(v1) == before
    assert stat.S_IMODE(v1.stat().st_mode) == 0o444
    result = run("add", "cultural", "Chor Minor", "-d", "2024-12-09")
    assert result.code == 1
    assert "read-only" in result.err


def test_an_older_logbook_hiding_a_repeated_key_is_refused_before_it_is_migrated(run, v1, two_migrations):
    v1.write_text(v1.read_text().replace('"entries": {', '"entries": {},\n  "entries": {', 1))
    before = digest(v1)
    result = run("add", "cultural", "Chor Minor", "-d", "2024-12-09")
    assert result.code == 1
    assert "'entries' twice" in result.err
    assert "logbook doctor" in result.err
    assert digest(v1) == before
    assert not files.backups_dir(v1).exists()
