"""`rename --remember`: the old spelling is kept as the logbook's own synonym, so it is never typed apart again."""

from __future__ import annotations

import json

from tests.conftest import digest, export

OLD, NEW = "Perinatal centre", "Bukhara Regional Perinatal Center"


def _log_old_spelling(run):
    result = run("add", "clinical", "-s", OLD, "-H", "6", "-a", "Ward round", "-d", "2024-12-03", "--department", "Obs")
    assert result.code == 0, result.err


def _remember(run, field="site", old=OLD, new=NEW, *more):
    result = run("rename", field, old, new, "--remember", *more)
    assert result.code == 0, result.err
    return result


def test_a_remembered_spelling_typed_again_is_stored_under_the_new_name(run, internship):
    _log_old_spelling(run)
    said = _remember(run).err
    assert f"Typed again, '{OLD}' will be stored as '{NEW}' (your logbook's own spelling)." in said
    result = run("add", "clinical", "-s", "perinatal-centre", "-H", "2", "-a", "Ward round", "-d", "2024-12-04")
    assert result.code == 0, result.err
    assert f"Named as your logbook has it: perinatal-centre → {NEW}." in result.err
    assert [e["site"] for e in export(run)["entries"]] == [NEW, NEW]


def test_without_remember_no_spelling_is_kept(run, internship):
    _log_old_spelling(run)
    assert run("rename", "site", OLD, NEW).code == 0
    assert run("add", "clinical", "-s", OLD, "-H", "2", "-a", "Ward round", "-d", "2024-12-04").code == 0
    assert [e["site"] for e in export(run)["entries"]] == [NEW, OLD]
    assert "synonyms" not in export(run)


def test_a_dry_run_remembers_nothing(run, internship, db):
    _log_old_spelling(run)
    before = digest(db)
    result = _remember(run, "site", OLD, NEW, "--dry-run")
    assert f"Typed again, '{OLD}' would be stored as '{NEW}'" in result.err
    assert digest(db) == before


def test_a_department_is_remembered_as_a_site_is(run, internship):
    _log_old_spelling(run)
    _remember(run, "department", "Obs", "Obstetrics")
    assert run("add", "clinical", "-s", NEW, "--department", "OBS", "-H", "2", "-a", "Ward round", "-d", "2024-12-04").code == 0
    assert [e["department"] for e in export(run)["entries"]] == ["Obstetrics", "Obstetrics"]


def test_a_target_site_typed_in_the_remembered_spelling_is_the_new_name(run, internship):
    _log_old_spelling(run)
    _remember(run)
    result = run("target", "add", "--site", OLD, "--hours", "30")
    assert result.code == 0, result.err
    assert export(run)["targets"][0]["site"] == NEW


def test_as_typed_keeps_a_remembered_spelling_as_typed(run, internship):
    _log_old_spelling(run)
    _remember(run)
    assert run("add", "clinical", "-s", OLD, "-H", "2", "-a", "Ward round", "-d", "2024-12-04", "--as-typed").code == 0
    assert export(run)["entries"][-1]["site"] == OLD


def test_remembered_spellings_follow_a_later_rename_of_their_name(run, internship):
    _log_old_spelling(run)
    _remember(run)
    result = run("rename", "site", NEW, "Regional Perinatal Center")
    assert result.code == 0
    assert f"Your logbook's own spellings '{OLD}' now follow it." in result.err
    assert run("add", "clinical", "-s", OLD, "-H", "2", "-a", "Ward round", "-d", "2024-12-04").code == 0
    assert {e["site"] for e in export(run)["entries"]} == {"Regional Perinatal Center"}


def test_renaming_back_to_a_remembered_spelling_forgets_it(run, internship):
    _log_old_spelling(run)
    _remember(run)
    assert run("rename", "site", NEW, OLD).code == 0
    assert "synonyms" not in export(run)
    assert run("add", "clinical", "-s", OLD, "-H", "2", "-a", "Ward round", "-d", "2024-12-04").code == 0
    assert {e["site"] for e in export(run)["entries"]} == {OLD}


def test_the_export_carries_the_spellings_and_an_import_brings_them(run, internship, tmp_path, monkeypatch):
    _log_old_spelling(run)
    _remember(run)
    document = export(run)
    (synonym,) = document["synonyms"]
    assert (synonym["field"], synonym["spelling"], synonym["name"]) == ("site", OLD, NEW)
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(document))
    monkeypatch.setenv("LOGBOOK_DB", str(tmp_path / "other.json"))
    result = run("import", str(exported))
    assert result.code == 0, result.err
    assert "1 spelling of your own added" in result.err, result.err
    assert export(run)["synonyms"] == [synonym]
    assert run("add", "clinical", "-s", OLD, "-H", "2", "-a", "Ward round", "-d", "2024-12-04").code == 0
    assert export(run)["entries"][-1]["site"] == NEW


def test_an_import_giving_one_spelling_two_names_is_refused_whole(run, internship, tmp_path, db):
    _log_old_spelling(run)
    _remember(run)
    document = export(run)
    document["synonyms"].append({**document["synonyms"][0], "id": "f" * 32, "name": "Another"})
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    before = digest(db)
    result = run("import", str(bad))
    assert result.code == 1
    assert "is remembered twice" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert digest(db) == before


def test_a_hand_edited_synonym_is_damage_the_doctor_names_and_no_write_goes_over(run, internship, db):
    _log_old_spelling(run)
    _remember(run)
    tables = json.loads(db.read_text())
    tables["synonyms"]["1"]["name"] = OLD.upper()  # a spelling standing for itself
    db.write_text(json.dumps(tables, indent=2))
    before = digest(db)
    doctor = run("doctor")
    assert doctor.code == 1
    assert "Synonym 1" in doctor.out + doctor.err
    assert "is the name itself" in doctor.out + doctor.err
    result = run("add", "clinical", "-s", "X", "-H", "2", "-a", "Ward round", "-d", "2024-12-04")
    assert result.code == 1
    assert "is damaged (synonym 1 (id " in result.err, result.err
    assert digest(db) == before


def test_the_doctor_counts_the_spellings(run, internship):
    _log_old_spelling(run)
    _remember(run)
    assert "1 synonym, every one valid" in run("doctor").out
