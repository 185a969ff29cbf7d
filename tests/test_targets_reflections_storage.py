"""Targets and reflections live in the logbook file and travel in the export, all or nothing."""

from __future__ import annotations

import json

import orjson

from logbook.storage.migrations import SCHEMA_VERSION

from tests.conftest import digest, export, succeed


def _fill(run):
    succeed(run, "add", "procedure", "Caudal block", "-d", "2024-12-03", "-r", "observed")
    succeed(run, "target", "add", "Caudal block", "--role", "assisted", "--count", "2")
    succeed(run, "target", "add", "--site", "Perinatal center", "--hours", "12")
    succeed(run, "reflect", "Спинальная анестезия — first one | <b>", "-d", "2024-12-03")


def test_a_logbook_file_without_the_new_tables_is_read_and_extended_without_a_migration(run, internship, db):
    tables = orjson.loads(db.read_bytes())
    assert set(tables) <= {"_meta", "internship", "entries"}  # what the first version wrote
    assert tables["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert run("targets").code == 0
    assert run("summary").code == 0
    _fill(run)
    after = orjson.loads(db.read_bytes())
    assert after["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert len(after["targets"]) == 2
    assert len(after["reflections"]) == 1
    assert not (db.parent / f"{db.name}.backups").exists()  # no migration ran, so no pre-migration copy


def test_a_damaged_targets_table_is_refused_and_left_alone(run, internship, db):
    tables = orjson.loads(db.read_bytes())
    tables["targets"] = ["not", "a", "table"]
    db.write_bytes(orjson.dumps(tables))
    before = digest(db)
    result = run("target", "add", "Caudal block", "--count", "2")
    assert result.code == 1
    assert "has a damaged 'targets' table (it should be a JSON object)" in result.err, result.err
    assert digest(db) == before


def test_export_carries_targets_and_reflections_and_import_restores_them(run, internship, tmp_path, monkeypatch):
    _fill(run)
    first = tmp_path / "export.json"
    succeed(run, "export", "-o", first)
    original = json.loads(first.read_text())
    assert original["schema_version"] == 1
    assert {t["kind"] for t in original["targets"]} == {"procedure", "hours"}
    assert original["reflections"][0]["text"] == "Спинальная анестезия — first one | <b>"
    monkeypatch.setenv("LOGBOOK_DB", str(tmp_path / "other.json"))
    result = run("import", first)
    assert result.code == 0
    assert "2 targets" in result.err
    assert "1 reflection added" in result.err
    again = export(run)
    for doc in (again, original):
        doc.pop("exported_at")
    assert again == original
    assert "0 added" in run("import", first).err


def test_an_export_without_targets_or_reflections_still_imports(run, internship, tmp_path, monkeypatch):
    succeed(run, "add", "cultural", "Chor Minor", "-d", "2024-12-08")
    doc = export(run)
    del doc["targets"], doc["reflections"]
    old = tmp_path / "old-export.json"
    old.write_text(json.dumps(doc))
    monkeypatch.setenv("LOGBOOK_DB", str(tmp_path / "other.json"))
    assert run("import", old).code == 0
    imported = export(run)
    assert imported["targets"] == []
    assert imported["reflections"] == []
    assert len(imported["entries"]) == 1


def test_a_bad_target_or_reflection_in_an_export_imports_nothing(run, internship, db, tmp_path):
    _fill(run)
    good = export(run)
    succeed(run, "add", "cultural", "Chor Minor", "-d", "2024-12-08")
    good["entries"].append(export(run)["entries"][-1])
    succeed(run, "delete", good["entries"][-1]["id"], "--yes")
    before = digest(db)
    for name, change, words in (
        ("targets", lambda d: d["targets"][0].update(count=-1), "target 1, count: -1 is out of range"),
        ("targets", lambda d: d["targets"][1].update(role="assisted"), "target 2, role: is not a field of an hours target"),
        ("targets", lambda d: d["targets"][0].pop("role"), "target 1, role: is required"),  # never silently "observed"
        ("targets", lambda d: d["targets"][0].update(role=None), "target 1, role: is required"),
        ("targets", lambda d: d["targets"][0].update(procedure=" "), "target 1, procedure: is required and cannot be empty"),
        ("targets", lambda d: d["targets"][1].update(site=""), "target 2, site: is required and cannot be empty"),
        ("targets", lambda d: d["targets"][1].pop("hours"), "target 2, hours: is required"),
        ("targets", lambda d: d["targets"][0].update(kind="visits"),
         "target 1, kind: 'visits' is not a kind of target; use one of procedure, hours"),
        ("targets", lambda d: d["targets"].__setitem__(0, "Caudal block"), "target 1, target: is not an object"),
        ("targets", lambda d: d["targets"][0].update(created_at="yesterday"), "target 1, created_at: "),
        ("targets", lambda d: d["targets"][0].update(site="Perinatal center"), "target 1, site: is not a field of a procedure target"),
        ("targets", lambda d: d["targets"][0].update(role="asissted"),
         "target 1, role: 'asissted' is not a level; did you mean assisted? Levels: observed (obs, O)"),
        ("targets", lambda d: d["targets"].append(dict(d["targets"][0])), "repeats"),
        ("reflections", lambda d: d["reflections"][0].update(date="2024-13-01"), "reflection 1, date"),
        ("reflections", lambda d: d["reflections"].append(dict(d["reflections"][0])), "repeats"),
        ("reflections", lambda d: d.update(reflections={"x": 1}), "must be a list"),
    ):
        doc = json.loads(json.dumps(good))
        change(doc)
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(doc))
        result = run("import", path)
        assert result.code == 1, (name, result.err)
        assert words in result.err, (name, result.err)
        assert digest(db) == before  # not even the valid new entry was added


def test_import_keeps_the_newer_reflection_and_merges_a_target_by_what_it_aims_at(run, internship, tmp_path, monkeypatch, db):
    succeed(run, "reflect", "Old thought", "-d", "2024-12-03")
    succeed(run, "target", "add", "Caudal block", "--count", "2")
    older = tmp_path / "older.json"
    succeed(run, "export", "-o", older)
    other = tmp_path / "other.json"
    monkeypatch.setenv("LOGBOOK_DB", str(other))
    succeed(run, "import", older)
    succeed(run, "reflect", "Newer thought", "-d", "2024-12-03")
    succeed(run, "target", "add", "caudal block", "--count", "4")
    newer = tmp_path / "newer.json"
    succeed(run, "export", "-o", newer)
    monkeypatch.setenv("LOGBOOK_DB", str(db))
    assert run("import", newer).code == 0
    doc = export(run)
    assert [r["text"] for r in doc["reflections"]] == ["Newer thought"]
    assert [t["count"] for t in doc["targets"]] == [4]
    succeed(run, "import", older)  # the older versions never win
    assert export(run)["reflections"][0]["text"] == "Newer thought"
