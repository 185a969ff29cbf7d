"""`logbook rename` puts one name right across every entry and target, in one checked write, after a dated copy."""

from __future__ import annotations

import json

from tests.conftest import digest, export


def _log_sites(run):
    for day, site in (("2024-12-03", "Perinatal centre"), ("2024-12-04", "perinatal  CENTRE"), ("2024-12-05", "Children's hospital")):
        result = run("add", "clinical", "-s", site, "-H", "6", "-a", "Ward round", "-d", day, "--as-typed")
        assert result.code == 0, result.err
    assert run("add", "procedure", "Caesarean section", "-r", "observed", "-d", "2024-12-03").code == 0  # at that day's site
    assert run("target", "add", "--site", "Perinatal centre", "--hours", "12").code == 0


def test_a_site_is_renamed_in_every_spelling_every_entry_and_its_target(run, internship, db):
    _log_sites(run)
    result = run("rename", "site", "PERINATAL CENTRE", "Perinatal center")
    assert result.code == 0, result.err
    assert "Renamed the site 'Perinatal centre', 'perinatal  CENTRE' to 'Perinatal center' in 3 entries and 1 target" in result.err
    document = export(run)
    sites = sorted(e["site"] for e in document["entries"] if e.get("site"))
    assert sites == ["Children's hospital", "Perinatal center", "Perinatal center", "Perinatal center"]
    assert [t["site"] for t in document["targets"]] == ["Perinatal center"]
    copies = list((db.parent / f"{db.name}.backups").glob("*.before-rename.json"))
    assert len(copies) == 1
    assert sorted(e.get("site") or "" for e in json.loads(copies[0].read_text())["entries"].values()).count("Perinatal centre") == 2


def test_a_dry_run_shows_what_would_change_and_writes_nothing(run, internship, db):
    _log_sites(run)
    before = digest(db)
    result = run("rename", "site", "perinatal centre", "Perinatal center", "--dry-run")
    assert result.code == 0, result.err
    assert "Would rename" in result.err
    assert "nothing was changed (--dry-run)" in result.err
    assert result.out.count("Perinatal center") == 3  # the entries as they would be
    assert digest(db) == before
    assert not (db.parent / f"{db.name}.backups").exists() or not list((db.parent / f"{db.name}.backups").glob("*rename*"))


def test_a_procedure_renamed_to_a_synonym_takes_the_catalogue_name_and_counts_together(run, internship):
    assert run("add", "procedure", "Emergency c-sec", "-r", "observed", "--as-typed").code == 0
    assert run("add", "procedure", "LSCS", "-r", "assisted").code == 0
    result = run("rename", "procedure", "emergency c-sec", "c-section")
    assert result.code == 0, result.err
    assert "to 'Caesarean section' in 1 entry (as the catalogue spells it)" in result.err
    assert [e["procedure"] for e in export(run)["entries"]] == ["Caesarean section", "Caesarean section"]


def test_a_name_nobody_logged_is_refused_naming_the_ones_logged(run, internship, db):
    _log_sites(run)
    before = digest(db)
    result = run("rename", "site", "Emergency hospital", "X")
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "no entry has the site 'Emergency hospital'" in result.err
    assert "Children's hospital" in result.err
    assert digest(db) == before


def test_only_names_can_be_renamed(run, internship, db):
    before = digest(db)
    result = run("rename", "note", "a", "b")
    assert result.code == 2
    assert "'note' cannot be renamed; rename one of procedure, site, department, supervisor, place" in result.err
    assert digest(db) == before


def test_a_rename_that_would_merge_two_targets_is_refused(run, internship, db):
    _log_sites(run)
    assert run("target", "add", "--site", "Children's hospital", "--hours", "10").code == 0
    before = digest(db)
    result = run("rename", "site", "Perinatal centre", "Children's hospital")
    assert result.code == 1
    assert "would make two targets one" in result.err
    assert "target remove" in result.err
    assert digest(db) == before


def test_a_new_name_that_looks_like_a_patient_identifier_is_refused(run, internship, db):
    _log_sites(run)
    before = digest(db)
    result = run("rename", "site", "Perinatal centre", "Bed 4 MRN 1234567")
    assert result.code == 1
    assert "looks like a medical record or hospital number; a logbook must not hold patient-identifiable data" in result.err, result.err
    assert digest(db) == before
