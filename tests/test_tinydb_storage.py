"""The logbook's TinyDB Storage used on its own keeps TinyDB's Storage contract; empty files and backups named as logbooks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tinydb import Query, TinyDB

from logbook.errors import LogbookFileError
from logbook.storage import files
from logbook.storage.format import META, new_tables
from logbook.storage.migrations import SCHEMA_VERSION
from logbook.storage.tinystore import LogbookStorage
from tests.conftest import INTERNSHIP, digest, export

FIXTURES = Path(__file__).parent / "fixtures"
MARKER = new_tables(SCHEMA_VERSION)[META]


# TinyDB's Storage contract ---------------------------------------------------------------------------

def test_what_write_stored_read_returns_in_this_handle_and_the_next(tmp_path):
    path = tmp_path / "store.json"
    tables = {META: MARKER, "entries": {"1": {"place": "Ark", "hours": 1.5, "tags": ["a", {"b": None}]}}}
    storage = LogbookStorage(path)
    assert storage.read() is None  # uninitialised, as TinyDB expects
    storage.write(tables)
    assert storage.read() == tables
    assert LogbookStorage(path).read() == tables


def test_tinydb_on_its_own_writes_a_file_that_a_new_handle_reads(tmp_path):
    path = tmp_path / "new.json"
    with TinyDB(path, storage=LogbookStorage) as db:
        db.insert({"place": "Ark of Bukhara"})
    with TinyDB(path, storage=LogbookStorage) as db:
        assert db.all() == [{"place": "Ark of Bukhara"}]
    assert json.loads(path.read_bytes())[META] == MARKER  # every file it writes is a logbook file of the current schema


def test_drop_tables_empties_every_table_but_the_format_marker_and_the_file_stays_readable(run, internship):
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07").code == 0
    before = internship.read_bytes()
    with TinyDB(internship, storage=LogbookStorage) as db:
        db.drop_tables()
        assert db.tables() == {META}
        assert len(db) == 0
        db.insert({"place": "after the drop"})
    with TinyDB(internship, storage=LogbookStorage) as db:
        assert db.all() == [{"place": "after the drop"}]
        assert db.table("entries").all() == []
    assert files.previous_version(internship).read_bytes() != before  # each write kept the one before as .bak
    assert run("list").code == 0  # the logbook reads it: a logbook with no profile and no entries


def test_a_second_handle_sees_what_the_first_one_wrote(tmp_path):
    path = tmp_path / "shared.json"
    first, second = TinyDB(path, storage=LogbookStorage), TinyDB(path, storage=LogbookStorage)
    assert second.all() == []
    first.insert({"place": "Chor Minor"})
    assert second.all() == [{"place": "Chor Minor"}]
    second.update({"place": "Lyabi-Hauz"})
    assert first.search(Query().place == "Lyabi-Hauz") == [{"place": "Lyabi-Hauz"}]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), [1.0, {"deep": float("-inf")}]])
def test_a_value_json_cannot_hold_is_refused_not_written_as_null(tmp_path, value):
    path = tmp_path / "store.json"
    with TinyDB(path, storage=LogbookStorage) as db:
        db.insert({"place": "Ark"})
        before = digest(path)
        with pytest.raises(LogbookFileError, match="not a finite number"):
            db.insert({"hours": value})
    assert digest(path) == before


# An empty file -----------------------------------------------------------------------------------

def test_the_readmes_stock_tinydb_example_on_a_new_path_leaves_a_file_init_takes_as_a_new_logbook(run, db):
    TinyDB(db).table("entries").search(Query().kind == "procedure")  # stock TinyDB creates an empty file
    assert db.exists()
    assert db.read_bytes() == b""
    assert "no logbook file here yet" in run("doctor").out
    assert run(*INTERNSHIP).code == 0
    assert export(run)["internship"]["resident"] == "Dilnoza Karimova"
    assert not files.previous_version(db).exists()  # an empty file held nothing to keep
    assert TinyDB(db).table("internship").all()[0]["resident"] == "Dilnoza Karimova"


def test_an_empty_logbook_with_a_dated_copy_beside_it_is_damage_that_doctor_restores(run, internship):
    assert run("backup").code == 0
    internship.write_bytes(b"")
    result = run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    assert result.code == 1
    assert "is empty" in result.err
    assert internship.read_bytes() == b""
    assert run("doctor", "--restore").code == 0
    assert export(run)["internship"]["resident"] == "Dilnoza Karimova"


# A backup named as the logbook ---------------------------------------------------------------------

@pytest.mark.parametrize("command", [("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07"), ("list",)])
def test_a_bak_or_a_dated_copy_named_as_the_logbook_is_refused_pointing_to_restore(run, internship, command):
    assert run("add", "cultural", "Chor Minor", "-d", "2024-12-07").code == 0
    assert run("backup").code == 0
    copies = [files.previous_version(internship), *files.backups_dir(internship).iterdir()]
    before = {copy: digest(copy) for copy in copies}
    for copy in copies:
        result = run("--db", copy, *command)
        assert result.code == 1, result.err
        assert result.err.count("\n") == 1, result.err
        assert f"is a backup of {internship}" in result.err
        assert "doctor --restore" in result.err
        assert f"restore {copy}" in result.err, repr(result.err)
    assert {copy: digest(copy) for copy in copies} == before


def test_a_logbook_whose_name_only_looks_like_a_dated_copy_opens(run, tmp_path):
    own = tmp_path / "mine.20241210T101500123456.manual.json"  # not in a backups folder: the user's own name
    assert run("--db", own, *INTERNSHIP).code == 0
    assert run("--db", own, "list").code == 0
