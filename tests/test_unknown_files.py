"""Files logbook does not understand are never written to, and `logbook doctor` explains them (issue 3, point 4)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from logbook.storage import backups, files, format, migrations
from tests.conftest import digest, export, succeed

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = (FIXTURES / "logbook-v1.json").read_bytes()
NEWER = json.dumps({"_meta": {"1": {"format": "internship-logbook-store", "schema_version": 99}},
                    "entries": {}, "internship": {}}).encode()

# name: (file content, words the message must contain)
BAD_FILES = {
    "empty": (b"", "is empty"),
    "blank": (b" \n\n", "is empty"),
    "binary": (bytes(range(256)) * 8, "binary"),
    "cut short": (GOOD[: len(GOOD) // 2], "not valid JSON"),
    "not a logbook": (b'{"shopping": ["bread", "tea"]}', "not a logbook"),
    "a JSON list": (b"[1, 2, 3]", "not a logbook"),
    "an export": ((FIXTURES / "logbook-v1.export.json").read_bytes(), "logbook import"),
    "newer schema": (NEWER, "newer logbook (schema 99"),
}
COMMANDS = [
    ("list",),
    ("show", "6235cb43"),
    ("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07"),
    ("summary",),
    ("export",),
    ("import", FIXTURES / "logbook-v1.export.json"),
    ("init", "--specialty", "General surgery"),
    ("edit", "6235cb43", "--note", "changed"),
    ("delete", "6235cb43", "--yes"),
    ("backup",),
]


def write_bad(db: Path, content: bytes) -> None:
    """The bad file in the logbook's place; an empty one with a `.bak` beside it, since only then is it damage."""
    db.write_bytes(content)
    if not content.strip():
        files.previous_version(db).write_bytes(GOOD)


def files_in(folder: Path) -> dict[str, str | None]:
    return {p.name: digest(p) if p.is_file() else "dir" for p in folder.iterdir() if not p.name.endswith(".lock")}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("bad", BAD_FILES, ids=str)
def test_every_command_refuses_a_file_it_does_not_understand_and_writes_nothing(run, db, bad, command):
    # Guards parse_file() on every open: the file's format and schema are checked before any use.
    content, words = BAD_FILES[bad]
    write_bad(db, content)
    before = files_in(db.parent)
    result = run(*command)
    assert result.code == 1, result
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err
    assert str(db) in result.err
    assert words in result.err
    assert files_in(db.parent) == before  # the file unchanged, no .bak, no backups folder


@pytest.mark.parametrize("bad", BAD_FILES, ids=str)
def test_doctor_names_the_problem_in_plain_words_and_changes_nothing(run, db, bad):
    content, words = BAD_FILES[bad]
    write_bad(db, content)
    before = files_in(db.parent)
    result = run("doctor")
    assert result.code == 1
    assert str(db) in result.out
    assert words in result.out
    assert files_in(db.parent) == before


def damaged_fixture() -> bytes:
    """The v1 fixture with a bad value, an entry without a kind, a repeated id and a broken profile."""
    tables = json.loads(GOOD)
    entries = list(tables["entries"].values())
    entries[0]["hours"] = "lots"
    del entries[1]["kind"]
    entries[3]["id"] = entries[2]["id"]
    tables["internship"]["1"]["end"] = "2024-11-01"
    return json.dumps(tables).encode()


def test_doctor_checks_every_entry_the_profile_and_the_ids(run, db):
    # Guards examine(): the full check that ordinary commands skip for speed.
    db.write_bytes(damaged_fixture())
    result = run("doctor")
    assert result.code == 1
    problems = [line for line in result.out.splitlines() if line.strip().startswith("problem")]
    assert len(problems) == 4, result.out
    text = "\n".join(problems)
    assert "Entry 1" in text
    assert "hours" in text
    assert "'lots'" in text
    assert "Entry 2" in text
    assert "kind" in text
    assert "is used by 2 entries" in text
    assert "internship profile" in text
    assert "before the start" in text


def test_doctor_says_a_good_logbook_is_in_good_order_and_lists_its_backups(run, internship):
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    result = run("doctor")
    assert result.code == 0
    assert "good order" in result.out
    assert "1 entry, every one valid" in result.out
    assert f"{internship}.bak" in result.out
    assert "good, 0 entries" in result.out


def test_doctor_on_a_missing_logbook_says_there_is_none_yet(run, db):
    result = run("doctor")
    assert result.code == 0
    assert "no logbook file here yet" in result.out
    assert not db.exists()


def test_doctor_restore_puts_back_the_most_recent_good_backup_and_keeps_the_broken_file(run, internship, tmp_path):
    # Guards restore_newest_good(): newest first, damaged backups skipped, the broken file kept.
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    succeed(run, "add", "cultural", "Chor Minor", "-d", "2024-12-08")  # .bak: the profile and the Ark
    manual = Path(run("backup").err.split(" to ")[-1].strip())  # both visits
    newest_but_damaged = files.backups_dir(internship) / "logbook.20991231T000000000000.manual.json"
    newest_but_damaged.write_bytes(b"{ not json")
    for age, path in enumerate((newest_but_damaged, manual, files.previous_version(internship))):
        os.utime(path, (2_000_000_000 - age * 100, 2_000_000_000 - age * 100))
    good = internship.read_bytes()
    assert manual.read_bytes() == good
    internship.write_bytes(good[:100])

    result = run("doctor", "--restore")
    assert result.code == 0, result.err
    assert internship.read_bytes() == good
    kept = [p for p in files.backups_dir(internship).iterdir() if "before-restore" in p.name]
    assert len(kept) == 1
    assert kept[0].read_bytes() == good[:100]
    assert [e["place"] for e in export(run)["entries"]] == ["Ark of Bukhara", "Chor Minor"]


def test_doctor_restore_without_a_good_backup_changes_nothing(run, db):
    db.write_bytes(b"{ not json")
    result = run("doctor", "--restore")
    assert result.code == 1
    assert "no good backup" in result.err
    assert db.read_bytes() == b"{ not json"


def test_doctor_restore_refuses_to_replace_a_good_or_a_newer_logbook(run, internship, db):
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    before = digest(db)
    good = run("doctor", "--restore")
    assert good.code == 1
    assert "good order" in good.err
    assert digest(db) == before
    db.write_bytes(NEWER)
    newer = run("doctor", "--restore")
    assert newer.code == 1
    assert "upgrade logbook" in newer.err
    assert db.read_bytes() == NEWER


def test_a_folder_where_the_logbook_should_be_is_refused(run, db):
    db.mkdir()
    result = run("list")
    assert result.code == 1
    assert "is a folder" in result.err


def test_an_unreadable_logbook_is_refused_with_the_reason(run, internship):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    internship.chmod(0)
    try:
        result = run("list")
    finally:
        internship.chmod(0o600)
    assert result.code == 1
    assert "cannot read" in result.err
    assert "Permission denied" in result.err


def test_the_bad_files_are_made_from_a_good_logbook():
    assert format.problem_with(GOOD, 1)[1] is None


@pytest.mark.parametrize("command", [("summary",), ("add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center",
                                                 "-H", "2", "--activity", "Night shift")], ids=lambda c: c[0])
def test_a_command_that_trips_on_a_damaged_entry_names_it_instead_of_reporting_a_bug(run, db, command):
    # Guards damage_in_logbook(): an unexpected error over damaged data is explained, not called a bug.
    tables = json.loads(GOOD)
    tables["entries"]["1"]["hours"] = "lots"
    db.write_text(json.dumps(tables))
    before = digest(db)
    result = run(*command)
    assert result.code == 1, result
    assert result.err.count("\n") == 1
    assert str(db) in result.err
    assert "'lots'" in result.err
    assert "logbook doctor" in result.err
    assert digest(db) == before
