"""What `export` writes, `import` reads back; what it cannot write so, it refuses; and an import says what it kept."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from tests.conftest import digest, export


def later(minutes: int) -> str:
    """A stamp some minutes from now: newer than what the logbook holds, not far enough ahead to be refused."""
    return (datetime.now(timezone.utc) + timedelta(minutes=minutes)).isoformat(timespec="milliseconds")


def test_an_export_with_targets_and_reflections_imports_whole_into_a_new_logbook(run, internship, tmp_path):
    assert run("add", "procedure", "Caesarean section", "-r", "assisted", "-d", "2024-12-04").code == 0
    assert run("target", "add", "Caesarean section", "-r", "assisted", "-c", "3").code == 0
    assert run("reflect", "First caesarean as first assistant.", "-d", "2024-12-04").code == 0
    written = export(run)
    assert run("export", "-o", tmp_path / "mine.json").code == 0
    fresh = tmp_path / "fresh.json"
    result = run("--db", fresh, "import", tmp_path / "mine.json")
    assert result.code == 0, result.err
    assert "1 added" in result.err
    assert "1 target added or updated, 1 reflection added or updated" in result.err
    again = json.loads(run("--db", fresh, "export").out)
    for part in ("internship", "entries", "targets", "reflections"):
        assert again[part] == written[part]


def test_two_imported_targets_that_are_one_target_here_are_counted_once(run, internship, tmp_path):
    assert run("target", "add", "Caesarean section", "-r", "assisted", "-c", "3").code == 0
    document = export(run)
    (mine,) = document["targets"]
    # One file target has my target's id (at another level); the other aims at what mine aims at, under another id.
    by_id = {**mine, "role": "observed", "count": 5, "updated_at": later(10)}
    by_aim = {**mine, "id": "f" * 32, "count": 7, "updated_at": later(20)}
    path = tmp_path / "in.json"
    path.write_text(json.dumps({**document, "targets": [by_id, by_aim]}))
    result = run("import", path)
    assert result.code == 0, result.err
    kept = export(run)["targets"]
    assert [(t["id"], t["count"]) for t in kept] == [(mine["id"], 7)]  # the newest version of the one target
    assert "1 target added or updated" in result.err


def test_a_newer_target_that_would_aim_at_what_another_target_aims_at_is_refused(run, internship, db, tmp_path):
    assert run("target", "add", "Caesarean section", "-r", "assisted", "-c", "3").code == 0
    assert run("target", "add", "Caesarean section", "-r", "observed", "-c", "2").code == 0
    document = export(run)
    assisted, observed = document["targets"]
    moved = {**assisted, "role": "observed", "count": 9, "updated_at": later(10)}  # changed in another copy
    path = tmp_path / "in.json"
    path.write_text(json.dumps({**document, "targets": [moved]}))
    before = digest(db)
    result = run("import", path)
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert f"target {assisted['id']}: its newer version in the file aims at Caesarean section (observed" in result.err
    assert f"as target {observed['id']} here does" in result.err
    assert "nothing was imported" in result.err
    assert digest(db) == before


def test_an_export_of_a_mistyped_db_is_refused_and_writes_nothing(run, internship, tmp_path):
    for args in ([], ["-o", tmp_path / "out.json"], ["-f", "jsonl"]):
        result = run("--db", tmp_path / "logbok.json", "export", *args)
        assert result.code == 1
        assert result.out == ""
        assert "Traceback" not in result.err
        assert result.err.count("\n") == 1
        assert f"there is no logbook at {tmp_path / 'logbok.json'}" in result.err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("logbok", "out"))) == []


def test_a_logbook_without_a_profile_is_not_exported_as_one_import_would_refuse(run, internship, db):
    stored = json.loads(db.read_text())
    stored["internship"] = {}
    db.write_text(json.dumps(stored))
    before = digest(db)
    result = run("export")
    assert result.code == 1
    assert result.out == ""
    assert result.err.count("\n") == 1
    assert "no internship profile yet" in result.err
    assert "logbook init" in result.err
    assert digest(db) == before


@pytest.mark.parametrize(("profile", "said"), [(None, "null"), ([], "a list"), ("Dilnoza", "a string")])
def test_an_export_whose_profile_is_not_an_object_is_refused_in_plain_words(run, internship, db, tmp_path, profile, said):
    path = tmp_path / "in.json"
    path.write_text(json.dumps({**export(run), "internship": profile}))
    before = digest(db)
    result = run("import", path)
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert f'"internship" must be the internship profile' in result.err
    assert f"not {said};" in result.err
    assert "internship internship" not in result.err
    assert digest(db) == before


def test_a_profile_field_refused_on_import_is_named_once(run, internship, db, tmp_path):
    document = export(run)
    path = tmp_path / "in.json"
    path.write_text(json.dumps({**document, "internship": {**document["internship"], "resident": ""}}))
    result = run("import", path)
    assert result.code == 1
    assert "internship, resident:" in result.err
    assert "nothing was imported" in result.err


def hand_edit(db, table: str, field: str, value: str) -> None:
    stored = json.loads(db.read_text())
    for doc in stored[table].values():
        doc[field] = value
    db.write_text(json.dumps(stored))


@pytest.mark.parametrize(("table", "field", "value", "said"), [
    ("entries", "date", "2024-12-12", "is dated 2024-12-12, after today (2024-12-10)"),
    ("entries", "updated_at", "9999-12-31T23:59:59.000+00:00", "updated_at: '9999-12-31T23:59:59.000+00:00' is more than a day ahead"),
    ("reflections", "date", "2024-12-11", "The reflection of 2024-12-11 is dated 2024-12-11, after today"),
    ("targets", "created_at", "9999-12-31T23:59:59.000+00:00", "created_at: '9999-12-31T23:59:59.000+00:00' is more than a day ahead"),
], ids=["entry-day", "entry-stamp", "reflection-day", "target-stamp"])
def test_doctor_warns_of_what_import_would_refuse_in_the_export(run, internship, db, tmp_path, table, field, value, said):
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-05").code == 0
    assert run("reflect", "Citadel and the Registan.", "-d", "2024-12-05").code == 0
    assert run("target", "add", "Caesarean section", "-r", "assisted", "-c", "3").code == 0
    hand_edit(db, table, field, value)
    before = digest(db)
    doctor = run("doctor")
    assert doctor.code == 0
    assert "  warning  " in doctor.out
    assert said in " ".join(doctor.out.split())
    assert "except for the warnings above" in " ".join(doctor.out.split())
    assert run("export", "-o", tmp_path / "mine.json").code == 0
    imported = run("--db", tmp_path / "fresh.json", "import", tmp_path / "mine.json")
    assert imported.code == 1
    assert "nothing was imported" in imported.err  # what doctor warned of
    assert digest(db) == before


def test_doctor_gives_no_warning_for_a_logbook_whose_export_imports(run, internship, tmp_path):
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-10").code == 0  # today itself is not ahead
    doctor = run("doctor")
    assert doctor.code == 0
    assert "  warning  " not in doctor.out
    assert "Your logbook is in good order." in doctor.out
    assert run("export", "-o", tmp_path / "mine.json").code == 0
    assert run("--db", tmp_path / "fresh.json", "import", tmp_path / "mine.json").code == 0


def test_a_json_lines_export_says_what_it_leaves_out(run, internship, tmp_path):
    assert run("target", "add", "Caesarean section", "-r", "assisted", "-c", "3").code == 0
    result = run("export", "-o", tmp_path / "none.jsonl")
    assert result.code == 0
    assert "Exported 0 entries" in result.err
    assert "(left out: 1 target; the JSON export holds them)" in result.err
    assert "nothing `import` can read" in result.err
    assert run("reflect", "Citadel and the Registan.", "-d", "2024-12-05").code == 0
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-05").code == 0
    result = run("export", "-o", tmp_path / "one.jsonl")
    assert "Exported 1 entry" in result.err
    assert "(left out: 1 target, 1 reflection;" in result.err
    assert "import" not in result.err
    assert "left out" not in run("export", "-o", tmp_path / "all.json").err
