"""Bounds: every text field has a length limit on every way in, and a report's period is at most an internship's."""

from __future__ import annotations

import json

import pytest

from logbook.render.terminal.console import LONGEST_ERROR, shortened
from logbook.storage import files
from tests.conftest import INTERNSHIP, digest, export, succeed


@pytest.fixture
def logged(run, internship):
    succeed(run, "add", "procedure", "Pyloromyotomy", "-d", "2024-12-05", "-r", "assisted", "-s", "Children's hospital")
    return internship


def refused(run, db, *args, says: str):
    before = digest(db)
    result = run(*args)
    assert result.code == 1, result.err
    assert says in result.err, result.err
    assert result.err.count("\n") == 1, result.err
    assert digest(db) == before


def test_a_long_note_or_name_is_refused_on_add_edit_and_init(run, logged, db):
    entry = export(run)["entries"][0]["id"][:8]
    refused(run, db, "add", "procedure", "Suture", "-r", "observed", "-s", "Ward", "-n", "x" * 10_001,
            says="a note holds at most 10,000")
    refused(run, db, "add", "procedure", "S" * 201, "-r", "observed", "-s", "Ward", says="a procedure holds at most 200")
    refused(run, db, "add", "clinical", "-s", "W" * 201, "-H", "6", "-a", "Ward round", says="a site holds at most 200")
    refused(run, db, "edit", entry, "--note", "x" * 10_001, says="a note holds at most 10,000")
    refused(run, db, "edit", entry, "--site", "x" * 201, says="a site holds at most 200")
    refused(run, db, "init", "--resident", "R" * 201, says="a resident holds at most 200")
    refused(run, db, "reflect", "-d", "2024-12-05", "x" * 20_001, says="a reflection holds at most 20,000")
    assert run("add", "procedure", "Suture", "-r", "observed", "-s", "Ward", "-n", "x" * 10_000).code == 0


def test_a_long_field_in_an_import_or_a_cohort_export_is_refused(run, logged, db, tmp_path):
    document = export(run)
    document["entries"][0]["note"] = "x" * 10_000_000
    crafted = tmp_path / "crafted.json"
    crafted.write_text(json.dumps(document))
    refused(run, db, "import", crafted, says="a note holds at most 10,000")
    result = run("cohort", crafted)
    assert result.code == 1
    assert "a note holds at most 10,000" in result.err


def test_a_long_site_in_the_config_is_refused(run, logged, db):
    result = run("config", "set", "site", "x" * 201)
    assert result.code == 1
    assert "site holds at most 200" in result.err


def test_a_report_covers_at_most_eight_years(run, logged, db, tmp_path):
    out = tmp_path / "r.html"
    refused(run, db, "summary", "--from", "0001-01-01", "--to", "9999-12-31", "--format", "html", "-o", out,
            says="a report covers at most 8 years")
    assert not out.exists()
    assert run("summary", "--from", "2024-01-01", "--to", "2031-12-31", "--format", "json").code == 0


def test_a_refusal_quoting_a_huge_value_stays_a_readable_line(run, logged, db):
    before = digest(db)
    result = run("add", "procedure", "Suture", "-r", "observed", "-s", "Ward", "-d", "x" * 100_000)
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert len(result.err) < 700
    assert "is not a date" in result.err
    assert "characters) …" in result.err
    assert digest(db) == before


def test_a_long_path_in_a_refusal_stays_whole_so_it_can_be_copied(run, tmp_path):
    deep = tmp_path.joinpath(*(f"{'rotation-' * 10}{n}" for n in range(4)))  # ~400 characters of folders
    deep.mkdir(parents=True)
    logbook = deep / "logbook.json"
    succeed(run, "--db", logbook, *INTERNSHIP)
    succeed(run, "--db", logbook, "backup")
    copy = next(files.backups_dir(logbook).iterdir())
    result = run("--db", copy, "list")
    assert result.code == 1, result.err
    assert len(result.err) > LONGEST_ERROR  # long enough that the old cut would have taken the paths' middles
    assert f"is a backup of {logbook}" in result.err
    assert f"restore {copy}" in result.err
    assert "characters) …" not in result.err


def test_a_huge_value_quoted_beside_a_long_path_loses_only_its_own_middle():
    path = "/home/resident/" + "rotation-" * 60 + "logbook.json"
    message = shortened(f"{path}: date: {'x' * 50_000!r} is not a date; use YYYY-MM-DD")
    assert message.startswith(f"{path}: date: 'xxx")
    assert "… (50,000 characters) …" in message
    assert message.endswith("xxx' is not a date; use YYYY-MM-DD")
    assert len(message) < len(path) + 400
